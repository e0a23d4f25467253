/**
 * Identity policies: the model plus the catalogue in, policy documents out. Pure functions; the
 * constructs stage attaches the documents to resources. The resource side of every grant (key
 * policy, stream and consumer resource policies) is built from the same catalogue entries in
 * resource-policies.ts, so the two halves never disagree.
 */
import { consumerArn, consumerArnPattern, dnsSuffix, tableArn, type Location } from "../model/arns";
import type { Key, Model, Party, Role, Share, StreamAdministrator } from "../model/types";
import {
  ASSUME_ROLE_ACTION,
  CLOUDWATCH_NAMESPACE_KEY,
  KEY_USE_ACTION,
  KMS_SCOPES,
  KMS_VIA_SERVICE_KEY,
  STREAM_ADMINISTRATOR_GRANTS,
  STREAM_ADMINISTRATOR_KEY_ACTIONS,
  STREAM_ADMINISTRATOR_KEY_LISTING,
  accessProfile,
  shareProfile,
  trustConditionOf,
  viaService,
  type AccessProfile,
  type ActionGrant,
  type KeyUse,
  type MetricsNamespace,
  type StreamService,
  type Target,
} from "./catalogue";
import { pascalCase, policyDocument, type Condition, type PolicyDocument, type PolicyStatement } from "./policy-document";

/** The key ARN is only known after apply, so the caller supplies a reference to it. */
export type KeyArnOf = (key: Key) => string;

/** Each target's statement Sid: one statement per target (grantStatements). */
export const TARGET_SIDS: Readonly<Record<Target, string>> = {
  stream: "Streams",
  "registered-consumer": "RegisteredConsumers",
  "registered-consumer-name": "RegisteredConsumerLookups",
  "kcl-consumer": "KclStreamConsumers",
  "kcl-consumer-name": "KclStreamConsumerLookups",
  "lease-table": "KclLeaseTable",
  "lease-table-indexes": "KclLeaseTableIndexes",
  "worker-metrics-table": "KclWorkerMetricsTable",
  "coordinator-state-table": "KclCoordinatorStateTable",
  "video-stream": "VideoStreams",
  any: "ActionsWithoutResourceScope",
};

/** The Sid of a statement holding a metrics grant (cloudwatch:PutMetricData for one namespace). */
export const METRICS_SID = "CloudWatchMetrics";

export const KEY_USE_SIDS: Readonly<Record<KeyUse, string>> = { encrypt: "GenerateDataKey", decrypt: "Decrypt" };

/** The inline policy of a producer's or consumer's role. */
export function partyPolicy(model: Model, party: Party, keyArnOf: KeyArnOf): PolicyDocument {
  const targets: TargetArns = {
    arnsOf: (target) => partyTargetArns(model, party, target),
    namespaceOf: (namespace) => metricsNamespace(namespace, party.application),
  };
  return accessPolicy(model, accessProfile(party.profile), party.streams, targets, keyArnOf);
}

/**
 * The identity half of a share, for the companion module in the external account: the same
 * actions the owner's resource policies grant, on the owner's stream, consumer and key ARNs.
 */
export function sharePolicy(model: Model, share: Share, keyArnOf: KeyArnOf): PolicyDocument {
  // A KCL's own tables live in the account it runs in, in the stream's Region.
  const home: Location = { ...model.owner, account: share.account };
  const arnsOf = (target: Target): string[] => {
    if (target === "stream") return streamArns(model, share.streams);
    if (target === "registered-consumer") return share.registeredConsumers.map((c) => consumerArnPattern(model.owner, c.streamAwsName, c.name));
    const tables = kclTableArns(home, share.application, target);
    if (tables !== undefined) return tables;
    if (target === "any") return ["*"];
    throw new Error(`internal: share access has no ${target} target`);
  };
  const targets: TargetArns = { arnsOf, namespaceOf: (namespace) => metricsNamespace(namespace, share.application) };
  return accessPolicy(model, shareProfile(share.profile), share.streams, targets, keyArnOf);
}

/** The trust policy of a role kgen creates: sts:AssumeRole for exactly `assumed_by`. */
/**
 * The trust policy of a role kgen creates: sts:AssumeRole for exactly `assumed_by`. A service that
 * documents a confused-deputy condition for its role gets a statement of its own requiring the
 * owner account (catalogue SERVICE_TRUST_CONDITIONS); the others share one statement.
 */
export function trustPolicy(role: Extract<Role, { kind: "created" }>, owner: Location): PolicyDocument {
  const plain = role.trustedServices.filter((service) => trustConditionOf(service) === undefined);
  const principal: NonNullable<PolicyStatement["Principal"]> = {};
  if (role.trustedPrincipals.length > 0) principal.AWS = [...role.trustedPrincipals];
  if (plain.length > 0) principal.Service = plain;
  // No Resource: IAM rejects it in a trust policy (the role itself is the resource).
  const statements: PolicyStatement[] = Object.keys(principal).length > 0 ? [{ Sid: "AssumeRole", Effect: "Allow", Principal: principal, Action: [ASSUME_ROLE_ACTION] }] : [];
  for (const service of role.trustedServices) {
    const key = trustConditionOf(service);
    if (key === undefined) continue;
    statements.push({
      Sid: `AssumeRoleBy${pascalCase(service.split(".")[0])}`,
      Effect: "Allow",
      Principal: { Service: [service] },
      Action: [ASSUME_ROLE_ACTION],
      Condition: { StringEquals: { [key]: owner.account } },
    });
  }
  return policyDocument(statements);
}

/** The IAM policy kgen writes for a stream administrator: the grants of each kind of stream it administers. */
export function streamAdministratorPolicy(model: Model, admin: StreamAdministrator): PolicyDocument {
  const grants = [
    ...(admin.streams.length > 0 ? STREAM_ADMINISTRATOR_GRANTS.data : []),
    ...(admin.videoStreams.length > 0 ? STREAM_ADMINISTRATOR_GRANTS.video : []),
    STREAM_ADMINISTRATOR_KEY_LISTING,
  ];
  const arnsOf = (target: Target): string[] => {
    if (target === "any") return ["*"];
    if (target === "video-stream") return videoStreamArns(model, admin.videoStreams);
    if (target === "stream") return streamArns(model, admin.streams);
    throw new Error(`internal: stream administrators have no grant on ${target}`);
  };
  // Stream statements first, then one statement of the actions that take only `*` (a stable sort).
  const anyLast = [...grants].sort((a, b) => Number(a.on === "any") - Number(b.on === "any"));
  const statements = grantStatements(anyLast, arnsOf);
  // kgen's own key policies give administrators their read-only key actions; an existing key's
  // policy is its owner's, and one of another account needs the identity half too (KMS guide
  // "key-policy-modifying-external-accounts"): on the key's ARN, as parties get their key use.
  const existing = [...new Set(keyScopesOf(model, [...admin.streams, ...admin.videoStreams]).flatMap(({ key }) => (key.existing === undefined ? [] : [key.existing.arn])))];
  if (existing.length > 0) statements.push({ Sid: "ExistingStreamKeys", Effect: "Allow", Action: [...STREAM_ADMINISTRATOR_KEY_ACTIONS], Resource: existing });
  return policyDocument(statements);
}

/**
 * KMS conditions on every GenerateDataKey/Decrypt grant, identity or key policy alike: only
 * through the streams' service, and for data streams only for these streams' records
 * (permissions.md, "KMS scoping").
 */
export function keyUseCondition(model: Model, service: StreamService, streamArns: readonly string[]): Condition {
  const { encryptionContextKey } = KMS_SCOPES[service];
  const values: Record<string, string | string[]> = {
    [KMS_VIA_SERVICE_KEY]: viaService(service, model.owner.region, dnsSuffix(model.owner.partition)),
  };
  if (encryptionContextKey !== undefined) values[encryptionContextKey] = [...streamArns];
  return { StringEquals: values };
}

/** A key, one service, and the streams of that service it encrypts (ARNs, or ARN patterns for video). */
export interface KeyScope {
  key: Key;
  service: StreamService;
  streamArns: string[];
}

/** The customer-managed keys some streams (data or video) use, per key and service, in a stable order. */
export function keyScopesOf(model: Model, streamNames: readonly string[]): KeyScope[] {
  const { byStream, keyOrder } = streamKeyIndex(model);
  const scopes = new Map<string, KeyScope & { order: number }>();
  for (const name of new Set(streamNames)) {
    const entry = byStream.get(name);
    if (entry === undefined) continue;
    const id = `${entry.key.name}\u0000${entry.service}`;
    const scope = scopes.get(id) ?? { key: entry.key, service: entry.service, streamArns: [], order: 0 };
    scope.order = (keyOrder.get(entry.key.name) ?? 0) * 2 + (entry.service === "kinesis" ? 0 : 1);
    scope.streamArns.push(entry.arn);
    scopes.set(id, scope);
  }
  // Keys in model order, data before video, each scope's streams in model (name) order.
  return [...scopes.values()]
    .sort((a, b) => a.order - b.order)
    .map(({ key, service, streamArns }) => ({ key, service, streamArns: streamArns.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)) }));
}

interface StreamKeyIndex {
  /** Each stream on a customer-managed key: its key, service and ARN (or ARN pattern). */
  byStream: Map<string, { key: Key; service: StreamService; arn: string }>;
  keyOrder: Map<string, number>;
}

const streamKeyIndexes = new WeakMap<Model, StreamKeyIndex>();

/** Built once per model: keyScopesOf runs for every party and every key, and must not rescan all streams. */
function streamKeyIndex(model: Model): StreamKeyIndex {
  let index = streamKeyIndexes.get(model);
  if (index === undefined) {
    const keys = new Map(model.keys.map((key) => [key.name, key]));
    const byStream: StreamKeyIndex["byStream"] = new Map();
    for (const stream of model.streams) {
      const key = stream.encryption.kind === "customer-managed" ? keys.get(stream.encryption.key) : undefined;
      if (key !== undefined) byStream.set(stream.name, { key, service: "kinesis", arn: stream.arn });
    }
    for (const stream of model.videoStreams) {
      const key = stream.encryption.kind === "customer-managed" ? keys.get(stream.encryption.key) : undefined;
      if (key !== undefined) byStream.set(stream.name, { key, service: "kinesisvideo", arn: stream.arnPattern });
    }
    index = { byStream, keyOrder: new Map(model.keys.map((key, i) => [key.name, i])) };
    streamKeyIndexes.set(model, index);
  }
  return index;
}

/** How a party's or share's grants become resources and conditions. */
interface TargetArns {
  arnsOf: (target: Target) => string[];
  namespaceOf?: (namespace: MetricsNamespace) => string;
}

/** The CloudWatch namespace a metrics grant holds for: the KCL application's, or a fixed one. */
function metricsNamespace(namespace: MetricsNamespace, application: string | undefined): string {
  if (namespace !== "kcl-application") return namespace;
  if (application === undefined) throw new Error("internal: a KCL metrics grant without an application");
  return application;
}

/** A profile's statements over some streams, then one KMS statement per key those streams use. */
function accessPolicy(model: Model, profile: AccessProfile, streams: readonly string[], targets: TargetArns, keyArnOf: KeyArnOf): PolicyDocument {
  const statements = grantStatements(profile.grants, targets.arnsOf, targets.namespaceOf);
  for (const { key, service, streamArns } of keyScopesOf(model, streams)) {
    statements.push({
      Sid: `${KEY_USE_SIDS[profile.keyUse]}With${pascalCase(key.id)}Key`,
      Effect: "Allow",
      Action: [KEY_USE_ACTION[profile.keyUse]],
      Resource: [keyArnOf(key)],
      Condition: keyUseCondition(model, service, streamArns),
    });
  }
  return policyDocument(statements);
}

/**
 * One statement per target, in catalogue order, with the actions of every grant on it; a metrics
 * grant gets a statement of its own, holding only for its namespace (`cloudwatch:namespace`).
 */
export function grantStatements(
  grants: readonly ActionGrant[],
  arnsOf: (target: Target) => string[],
  namespaceOf?: (namespace: MetricsNamespace) => string,
): PolicyStatement[] {
  const byTarget = new Map<string, PolicyStatement>();
  for (const grant of grants) {
    const id = grant.namespace === undefined ? grant.on : `${grant.on}\u0000${grant.namespace}`;
    let statement = byTarget.get(id);
    if (statement === undefined) {
      statement = { Sid: grant.namespace === undefined ? TARGET_SIDS[grant.on] : METRICS_SID, Effect: "Allow", Action: [], Resource: arnsOf(grant.on) };
      if (grant.namespace !== undefined) {
        if (namespaceOf === undefined) throw new Error("internal: a metrics grant where no namespace is known");
        statement.Condition = { StringEquals: { [CLOUDWATCH_NAMESPACE_KEY]: namespaceOf(grant.namespace) } };
      }
    }
    statement.Action = [...new Set([...statement.Action, ...grant.actions])];
    byTarget.set(id, statement);
  }
  return [...byTarget.values()];
}

function partyTargetArns(model: Model, party: Party, target: Target): string[] {
  const app = party.application ?? party.awsName;
  switch (target) {
    case "stream":
      return streamArns(model, party.streams);
    case "registered-consumer":
      return party.registeredConsumers.map((c) => consumerArnPattern(model.owner, c.streamAwsName, c.name));
    case "registered-consumer-name":
      return party.registeredConsumers.map((c) => consumerArn(model.owner, c.streamAwsName, c.name));
    // By the streams' AWS names, in model (name) order, as party.streams is.
    case "kcl-consumer":
      return named(model.streams, party.streams).map((stream) => consumerArnPattern(model.owner, stream.awsName, app));
    case "kcl-consumer-name":
      return named(model.streams, party.streams).map((stream) => consumerArn(model.owner, stream.awsName, app));
    case "video-stream":
      return videoStreamArns(model, party.streams);
    case "any":
      return ["*"];
    default:
      return kclTableArns(model.owner, app, target) ?? [];
  }
}

/** The KCL tables of an application, where the KCL runs; undefined for other targets. */
export function kclTableArns(at: Location, app: string | undefined, target: Target): string[] | undefined {
  const suffix = { "lease-table": "", "lease-table-indexes": "", "worker-metrics-table": "-WorkerMetricStats", "coordinator-state-table": "-CoordinatorState" }[target as string];
  if (suffix === undefined) return undefined;
  if (app === undefined) throw new Error(`internal: a KCL ${target} grant without an application`);
  const table = tableArn(at, `${app}${suffix}`);
  return [target === "lease-table-indexes" ? `${table}/index/*` : table];
}

/** The ARNs of some data streams, in model (name) order. */
function streamArns(model: Model, names: readonly string[]): string[] {
  return named(model.streams, names).map((s) => s.arn);
}

/** The ARN patterns of some video streams, in model (name) order. */
function videoStreamArns(model: Model, names: readonly string[]): string[] {
  return named(model.videoStreams, names).map((s) => s.arnPattern);
}

/**
 * The items of some names, in the items' order. Looked up by name, not filtered: every party's
 * policy names a few of the spec's streams, and a 1,000-stream spec has thousands of parties.
 */
function named<T extends { name: string }>(items: readonly T[], names: readonly string[]): T[] {
  let positions = positionsByName.get(items);
  if (positions === undefined) {
    positions = new Map(items.map((item, position) => [item.name, position]));
    positionsByName.set(items, positions);
  }
  const found = new Set<number>();
  for (const name of names) {
    const position = positions.get(name);
    if (position !== undefined) found.add(position);
  }
  return [...found].sort((a, b) => a - b).map((position) => items[position]);
}

const positionsByName = new WeakMap<readonly object[], Map<string, number>>();
