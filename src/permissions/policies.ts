/**
 * Policy builders: the model plus the catalogue in, policy documents out. Pure functions; the
 * constructs stage attaches the documents to resources. Each grant yields its identity statement
 * and its key-policy statement from the same catalogue entry, so the two sides never disagree.
 */
import { consumerArnPattern, dnsSuffix, tableArn, accountRootArn } from "../model/arns";
import type { Key, Model, Party, Role, StreamAdministrator } from "../model/types";
import {
  ACCOUNT_ROOT_KEY_ACTIONS,
  ASSUME_ROLE_ACTION,
  KEY_ADMINISTRATOR_ACTIONS,
  KEY_USE_ACTION,
  KINESIS_ENCRYPTION_CONTEXT_KEY,
  KMS_VIA_SERVICE_KEY,
  STREAM_ADMINISTRATOR_GRANTS,
  STREAM_ADMINISTRATOR_KEY_ACTIONS,
  accessProfile,
  kinesisViaService,
  type ActionGrant,
  type KeyUse,
  type Target,
} from "./catalogue";
import { pascalCase, policyDocument, type Condition, type PolicyDocument, type PolicyStatement } from "./policy-document";

/** The key ARN is only known after apply, so the caller supplies a reference to it. */
export type KeyArnOf = (key: Key) => string;

const TARGET_SIDS: Readonly<Record<Target, string>> = {
  stream: "Streams",
  "registered-consumer": "RegisteredConsumers",
  "kcl-consumer": "KclStreamConsumers",
  "lease-table": "KclLeaseTable",
  "lease-table-indexes": "KclLeaseTableIndexes",
  "worker-metrics-table": "KclWorkerMetricsTable",
  "coordinator-state-table": "KclCoordinatorStateTable",
  any: "ActionsWithoutResourceScope",
};

const KEY_USE_SIDS: Readonly<Record<KeyUse, string>> = { encrypt: "GenerateDataKey", decrypt: "Decrypt" };

/** The inline policy of a producer's or consumer's role. */
export function partyPolicy(model: Model, party: Party, keyArnOf: KeyArnOf): PolicyDocument {
  const profile = accessProfile(party.profile);
  const statements = grantStatements(profile.grants, (target) => partyTargetArns(model, party, target));
  for (const [key, streamArns] of keysOfStreams(model, party.streams)) {
    statements.push({
      Sid: `${KEY_USE_SIDS[profile.keyUse]}With${pascalCase(key.id)}Key`,
      Effect: "Allow",
      Action: [KEY_USE_ACTION[profile.keyUse]],
      Resource: [keyArnOf(key)],
      Condition: kinesisKeyCondition(model, streamArns),
    });
  }
  return policyDocument(statements);
}

/** The trust policy of a role kgen creates: sts:AssumeRole for exactly `assumed_by`. */
export function trustPolicy(role: Extract<Role, { kind: "created" }>): PolicyDocument {
  const principal: NonNullable<PolicyStatement["Principal"]> = {};
  if (role.trustedPrincipals.length > 0) principal.AWS = [...role.trustedPrincipals];
  if (role.trustedServices.length > 0) principal.Service = [...role.trustedServices];
  // No Resource: IAM rejects it in a trust policy (the role itself is the resource).
  return policyDocument([{ Sid: "AssumeRole", Effect: "Allow", Principal: principal, Action: [ASSUME_ROLE_ACTION] }]);
}

/** The IAM policy kgen writes for a stream administrator. */
export function streamAdministratorPolicy(model: Model, admin: StreamAdministrator): PolicyDocument {
  const streamArns = model.streams.filter((s) => admin.streams.includes(s.name)).map((s) => s.arn);
  return policyDocument(
    grantStatements(STREAM_ADMINISTRATOR_GRANTS, (target) => (target === "any" ? ["*"] : streamArns)),
  );
}

/**
 * A key's full policy, in a fixed order: account root (lockout safety), key administrators,
 * stream administrators, then per stream the producers' GenerateDataKey and the consumers'
 * Decrypt, each scoped to Kinesis and to that one stream. `Resource: "*"` in a key policy means
 * "this key" (KMS guide "key-policy-overview").
 */
export function keyPolicy(model: Model, key: Key): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: "EnableAccountRootAccess",
      Effect: "Allow",
      Principal: { AWS: [accountRootArn(model.owner.partition, model.owner.account)] },
      Action: [...ACCOUNT_ROOT_KEY_ACTIONS],
      Resource: ["*"],
    },
  ];
  if (key.administrators.length > 0) {
    statements.push({
      Sid: "KeyAdministrators",
      Effect: "Allow",
      Principal: { AWS: [...key.administrators] },
      Action: [...KEY_ADMINISTRATOR_ACTIONS],
      Resource: ["*"],
    });
  }
  const streams = model.streams.filter((s) => s.encryption.kind === "customer-managed" && s.encryption.key === key.name);
  const streamAdmins = unique(streams.flatMap((s) => s.administrators));
  if (streamAdmins.length > 0) {
    statements.push({
      Sid: "StreamAdministrators",
      Effect: "Allow",
      Principal: { AWS: streamAdmins },
      Action: [...STREAM_ADMINISTRATOR_KEY_ACTIONS],
      Resource: ["*"],
    });
  }
  for (const stream of streams) {
    for (const use of ["encrypt", "decrypt"] as const) {
      const principals = model.parties
        .filter((p) => p.streams.includes(stream.name) && accessProfile(p.profile).keyUse === use)
        .map((p) => p.role.arn);
      if (principals.length === 0) continue;
      statements.push({
        Sid: `${KEY_USE_SIDS[use]}For${pascalCase(stream.id)}`,
        Effect: "Allow",
        Principal: { AWS: unique(principals) },
        Action: [KEY_USE_ACTION[use]],
        Resource: ["*"],
        Condition: kinesisKeyCondition(model, [stream.arn]),
      });
    }
  }
  return policyDocument(statements);
}

/** The roles a key policy names: KMS rejects a policy naming a principal that does not exist yet. */
export function keyPolicyParties(model: Model, key: Key): Party[] {
  return model.parties.filter((party) => keysOfStreams(model, party.streams).some(([k]) => k.name === key.name));
}

function kinesisKeyCondition(model: Model, streamArns: string[]): Condition {
  return {
    StringEquals: {
      [KMS_VIA_SERVICE_KEY]: kinesisViaService(model.owner.region, dnsSuffix(model.owner.partition)),
      [KINESIS_ENCRYPTION_CONTEXT_KEY]: streamArns,
    },
  };
}

/** One statement per target, its resources the union over the party's streams, in catalogue order. */
function grantStatements(grants: readonly ActionGrant[], arnsOf: (target: Target) => string[]): PolicyStatement[] {
  const byTarget = new Map<Target, PolicyStatement>();
  for (const grant of grants) {
    const statement = byTarget.get(grant.on) ?? {
      Sid: TARGET_SIDS[grant.on],
      Effect: "Allow",
      Action: [],
      Resource: arnsOf(grant.on),
    };
    statement.Action = unique([...statement.Action, ...grant.actions]);
    byTarget.set(grant.on, statement);
  }
  return [...byTarget.values()];
}

function partyTargetArns(model: Model, party: Party, target: Target): string[] {
  const app = party.application ?? party.name;
  const streamArns = model.streams.filter((s) => party.streams.includes(s.name)).map((s) => s.arn);
  switch (target) {
    case "stream":
      return streamArns;
    case "registered-consumer":
      return party.registeredConsumers.map((c) => consumerArnPattern(model.owner, c.stream, c.name));
    case "kcl-consumer":
      return party.streams.map((stream) => consumerArnPattern(model.owner, stream, app));
    case "lease-table":
      return [tableArn(model.owner, app)];
    case "lease-table-indexes":
      return [`${tableArn(model.owner, app)}/index/*`];
    case "worker-metrics-table":
      return [tableArn(model.owner, `${app}-WorkerMetricStats`)];
    case "coordinator-state-table":
      return [tableArn(model.owner, `${app}-CoordinatorState`)];
    case "any":
      return ["*"];
  }
}

/** The customer-managed keys of some streams, each with the ARNs of the streams it encrypts. */
function keysOfStreams(model: Model, streamNames: readonly string[]): Array<[Key, string[]]> {
  const result: Array<[Key, string[]]> = [];
  for (const key of model.keys) {
    const arns = model.streams
      .filter((s) => streamNames.includes(s.name) && s.encryption.kind === "customer-managed" && s.encryption.key === key.name)
      .map((s) => s.arn);
    if (arns.length > 0) result.push([key, arns]);
  }
  return result;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
