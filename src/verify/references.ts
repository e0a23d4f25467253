/**
 * Reference policies for IAM Access Analyzer's CheckNoNewAccess: for each kind of policy kgen
 * writes, the most any policy of that kind may ever allow, derived from the permission catalogue —
 * the same grants, on every stream, consumer, table and key of the owner account (a key's use: of
 * any account, held to the owner's streams by its conditions) instead of the spec's (wildcard
 * resources, as the check expects of a reference), with the same conditions where they do not
 * depend on the spec. A generated policy that allows anything more fails the check.
 * References depend only on the owner's partition, Region and account, never on the rest of the
 * spec, so a bundle from another branch can serve as the trusted one.
 */
import { accountRootArn, consumerArn, consumerArnPattern, dnsSuffix, keyArn, streamArn, videoStreamArnPattern, type Location } from "../model/arns";
import { KEY_USE_SIDS, grantStatements, kclTableArns } from "../permissions/policies";
import {
  ACCOUNT_ROOT_KEY_ACTIONS,
  ASSUME_ROLE_ACTION,
  CLOUDWATCH_NAMESPACE_KEY,
  DATA_STREAM_PROFILES,
  KEY_ADMINISTRATOR_ACTIONS,
  KEY_USE_ACTION,
  KMS_SCOPES,
  KMS_VIA_SERVICE_KEY,
  SERVICE_TRUST_CONDITIONS,
  SHARE_PROFILES,
  STREAM_ADMINISTRATOR_GRANTS,
  STREAM_ADMINISTRATOR_KEY_ACTIONS,
  STREAM_ADMINISTRATOR_KEY_LISTING,
  VIDEO_STREAM_PROFILES,
  viaService,
  type AccessProfile,
  type ActionGrant,
  type PartyProfileName,
  type ShareProfileName,
  type StreamService,
  type Target,
} from "../permissions/catalogue";
import { pascalCase, type Condition } from "../permissions/policy-document";
import type { PolicyType } from "./access-analyzer";
import { KEY_USE_DENY_LIST, type DenyListName } from "./deny-lists";

/** What a generated policy is checked against: its kind names its reference and its deny list. */
export type PolicyKind =
  | `party.${PartyProfileName}`
  | `share.${ShareProfileName}`
  | "stream-administrator"
  | "key-policy"
  | "stream-policy"
  | "consumer-policy"
  | "trust-policy";

/** A statement of a reference policy: unlike kgen's own, it may deny and name any principal. */
export interface ReferenceStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | { AWS?: string[]; Service?: string[] };
  Action: string[];
  Resource?: string[];
  Condition?: Condition;
}

export interface ReferenceDocument {
  Version: "2012-10-17";
  Statement: ReferenceStatement[];
}

export interface ReferencePolicy {
  kind: PolicyKind;
  policyType: PolicyType;
  /** Whose ceiling it is, for people. */
  ceilingOf: string;
  /** The deny list policies of this kind are checked against with CheckAccessNotGranted. */
  denyList?: DenyListName;
  document: ReferenceDocument;
}

/** The reference of every kind, in a fixed order. */
export function referencePolicies(owner: Location): ReferencePolicy[] {
  // A KCL reading through a share keeps its tables in its own account, whichever that is.
  const anyAccount: Location = { ...owner, account: "*" };
  const parties = { ...DATA_STREAM_PROFILES, ...VIDEO_STREAM_PROFILES } as Readonly<Record<PartyProfileName, AccessProfile>>;
  const administration = [...STREAM_ADMINISTRATOR_GRANTS.data, ...STREAM_ADMINISTRATOR_GRANTS.video, STREAM_ADMINISTRATOR_KEY_LISTING];
  return [
    ...Object.entries(parties).map(([name, profile]) =>
      identity(`party.${name as PartyProfileName}`, `producers and consumers of access profile ${name}`, profile, owner, owner),
    ),
    ...Object.entries(SHARE_PROFILES).map(([name, profile]) =>
      identity(`share.${name as ShareProfileName}`, `companion-module policies of shares of profile ${name}`, profile, owner, anyAccount),
    ),
    {
      kind: "stream-administrator",
      policyType: "IDENTITY_POLICY",
      ceilingOf: "policies of stream administrators (data and video streams)",
      denyList: "stream-administrator",
      document: reference([
        ...referenceStatements(administration, owner, owner),
        ...nestedDenials(administration, owner, owner),
        // Read-only actions on the streams' keys, which an existing key's policy does not give (policies.ts).
        { Sid: "StreamKeys", Effect: "Allow", Action: [...STREAM_ADMINISTRATOR_KEY_ACTIONS], Resource: [keyArn(anyAccount, "*")] },
      ]),
    },
    { kind: "key-policy", policyType: "RESOURCE_POLICY", ceilingOf: "key policies", document: keyPolicyReference(owner) },
    {
      kind: "stream-policy",
      policyType: "RESOURCE_POLICY",
      ceilingOf: "resource policies of shared streams",
      denyList: "anyone",
      document: sharedResourceReference("stream", streamArn(owner, "*")),
    },
    {
      kind: "consumer-policy",
      policyType: "RESOURCE_POLICY",
      ceilingOf: "resource policies of consumers registered for fan-out shares",
      denyList: "anyone",
      document: sharedResourceReference("registered-consumer", consumerArnPattern(owner, "*", "*")),
    },
    { kind: "trust-policy", policyType: "RESOURCE_POLICY", ceilingOf: "trust policies of the roles kgen creates", document: trustPolicyReference(owner) },
  ];
}

function identity(kind: PolicyKind, ceilingOf: string, profile: AccessProfile, owner: Location, tables: Location): ReferencePolicy {
  const statements = [...referenceStatements(profile.grants, owner, tables), ...nestedDenials(profile.grants, owner, tables)];
  const service: StreamService = profile.service ?? "kinesis";
  statements.push(keyUseStatement(profile, service, owner));
  return { kind, policyType: "IDENTITY_POLICY", ceilingOf, denyList: KEY_USE_DENY_LIST[profile.keyUse], document: reference(statements) };
}

function reference(statements: ReferenceStatement[]): ReferenceDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** Each target of the catalogue, on every resource of its type in the owner account. */
function targetPattern(target: Target, owner: Location, tables: Location): string {
  switch (target) {
    case "stream":
      return streamArn(owner, "*");
    case "registered-consumer":
    case "kcl-consumer":
      return consumerArnPattern(owner, "*", "*");
    case "registered-consumer-name":
    case "kcl-consumer-name":
      return consumerArn(owner, "*", "*");
    case "video-stream":
      return videoStreamArnPattern(owner, "*");
    case "any":
      return "*";
    default: {
      // The KCL tables of any application: `table/*`, `table/*-CoordinatorState`, ...
      const [table] = kclTableArns(tables, "*", target) ?? [];
      if (table === undefined) throw new Error(`internal: no reference resource for target ${target}`);
      return table;
    }
  }
}

/**
 * One statement per target, grouped as the generated policies are (policies.ts grantStatements). A
 * metrics grant holds only with its namespace: the KPL's fixed one, or the KCL's — its
 * application's name, so any namespace in a ceiling, but one there must be: `StringLike *` fails a
 * generated grant without the condition.
 */
function referenceStatements(grants: readonly ActionGrant[], owner: Location, tables: Location): ReferenceStatement[] {
  const anyNamespace = "*";
  const statements = grantStatements(
    grants,
    (target) => [targetPattern(target, owner, tables)],
    (namespace) => (namespace === "kcl-application" ? anyNamespace : namespace),
  );
  return statements.map((statement): ReferenceStatement => {
    const namespace = statement.Condition?.StringEquals?.[CLOUDWATCH_NAMESPACE_KEY];
    return namespace === anyNamespace ? { ...statement, Condition: { StringLike: { [CLOUDWATCH_NAMESPACE_KEY]: anyNamespace } } } : statement;
  });
}

/**
 * Resources whose ARNs nest inside another target's: `*` in a pattern crosses `/`, so `table/*`
 * also matches every index (`table/T/index/I`) and `stream/*` every consumer
 * (`stream/S/consumer/C:TIME`). The first inner target's pattern covers the others.
 */
const NESTED: ReadonlyArray<{ sid: string; outer: readonly Target[]; inner: readonly Target[] }> = [
  { sid: "NoStreamActionsOnConsumers", outer: ["stream"], inner: ["registered-consumer-name", "registered-consumer", "kcl-consumer-name", "kcl-consumer"] },
  { sid: "NoTableActionsOnIndexes", outer: ["lease-table", "worker-metrics-table", "coordinator-state-table"], inner: ["lease-table-indexes"] },
];

/**
 * What keeps a ceiling on tables or streams from holding on their indexes or consumers too: a Deny
 * of the outer targets' actions on the nested resources, less what the grants give on those.
 */
function nestedDenials(grants: readonly ActionGrant[], owner: Location, tables: Location): ReferenceStatement[] {
  const granted = (targets: readonly Target[]) => new Set(grants.filter((grant) => targets.includes(grant.on)).flatMap((grant) => grant.actions));
  return NESTED.flatMap(({ sid, outer, inner }): ReferenceStatement[] => {
    const onInner = granted(inner);
    const actions = [...granted(outer)].filter((action) => !onInner.has(action));
    return actions.length === 0 ? [] : [{ Sid: sid, Effect: "Deny", Action: actions, Resource: [targetPattern(inner[0], owner, tables)] }];
  });
}

/**
 * The profile's key use on any key of the owner's partition and Region, only through its service
 * and (data) for the owner's streams. Of any account: a stream may use an existing key of another
 * account (`keys.<k>.arn`), whose use the conditions still hold to the owner's streams.
 */
function keyUseStatement(profile: AccessProfile, service: StreamService, owner: Location): ReferenceStatement {
  return {
    Sid: `${KEY_USE_SIDS[profile.keyUse]}ThroughTheStreamService`,
    Effect: "Allow",
    Action: [KEY_USE_ACTION[profile.keyUse]],
    Resource: [keyArn({ ...owner, account: "*" }, "*")],
    Condition: keyUseCondition(service, owner),
  };
}

function keyUseCondition(service: StreamService, owner: Location): Condition {
  const condition: Condition = { StringEquals: { [KMS_VIA_SERVICE_KEY]: viaService(service, owner.region, dnsSuffix(owner.partition)) } };
  const { encryptionContextKey } = KMS_SCOPES[service];
  if (encryptionContextKey !== undefined) condition.StringLike = { [encryptionContextKey]: streamArn(owner, "*") };
  return condition;
}

/**
 * A key policy: kms:* for the owner account's root, the key and stream administrators' actions,
 * and key use only through the stream services, for anyone (the principals depend on the spec;
 * CheckNoPublicAccess is what keeps them from being public).
 */
function keyPolicyReference(owner: Location): ReferenceDocument {
  const anyone = { AWS: ["*"] };
  const statements: ReferenceStatement[] = [
    { Sid: "AccountRoot", Effect: "Allow", Principal: { AWS: [accountRootArn(owner.partition, owner.account)] }, Action: [...ACCOUNT_ROOT_KEY_ACTIONS], Resource: ["*"] },
    {
      Sid: "KeyAndStreamAdministrators",
      Effect: "Allow",
      Principal: anyone,
      Action: [...new Set([...KEY_ADMINISTRATOR_ACTIONS, ...STREAM_ADMINISTRATOR_KEY_ACTIONS])],
      Resource: ["*"],
    },
  ];
  for (const service of Object.keys(KMS_SCOPES) as StreamService[]) {
    statements.push({
      Sid: `KeyUseThrough${pascalCase(service)}`,
      Effect: "Allow",
      Principal: anyone,
      Action: [...new Set(Object.values(KEY_USE_ACTION))],
      Resource: ["*"],
      Condition: keyUseCondition(service, owner),
    });
  }
  return reference(statements);
}

/** A stream's or registered consumer's resource policy: the shareable actions on that target, for anyone. */
function sharedResourceReference(target: "stream" | "registered-consumer", resource: string): ReferenceDocument {
  const actions = Object.values(SHARE_PROFILES as Readonly<Record<string, AccessProfile>>).flatMap((profile) =>
    profile.grants.filter((grant) => grant.on === target).flatMap((grant) => grant.actions),
  );
  return reference([{ Sid: "Shares", Effect: "Allow", Principal: { AWS: ["*"] }, Action: [...new Set(actions)], Resource: [resource] }]);
}

/**
 * A trust policy: sts:AssumeRole and nothing else, for anyone (assumed_by is the spec's), except
 * that a service documenting a confused-deputy condition may assume the role only for the owner
 * account (catalogue SERVICE_TRUST_CONDITIONS). A negated operator matches when the key is
 * missing, so a trust without the condition is denied too.
 */
function trustPolicyReference(owner: Location): ReferenceDocument {
  const statements: ReferenceStatement[] = [{ Sid: "AssumeRole", Effect: "Allow", Principal: "*", Action: [ASSUME_ROLE_ACTION] }];
  for (const [service, key] of Object.entries(SERVICE_TRUST_CONDITIONS)) {
    // The same service's principal in the China partition ends in .amazonaws.com.cn.
    const names = owner.partition === "aws-cn" ? [service, `${service}.cn`] : [service];
    statements.push({
      Sid: `${pascalCase(service.split(".")[0])}OnlyForTheOwnerAccount`,
      Effect: "Deny",
      Principal: { Service: names },
      Action: [ASSUME_ROLE_ACTION],
      Condition: { StringNotEquals: { [key]: owner.account } },
    });
  }
  return reference(statements);
}
