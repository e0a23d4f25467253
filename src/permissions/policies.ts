/**
 * Identity policies: the model plus the catalogue in, policy documents out. Pure functions; the
 * constructs stage attaches the documents to resources. The resource side of every grant (key
 * policy, stream and consumer resource policies) is built from the same catalogue entries in
 * resource-policies.ts, so the two halves never disagree.
 */
import { consumerArnPattern, dnsSuffix, tableArn } from "../model/arns";
import type { Key, Model, Party, Role, Share, StreamAdministrator } from "../model/types";
import {
  ASSUME_ROLE_ACTION,
  KEY_USE_ACTION,
  KMS_SCOPES,
  KMS_VIA_SERVICE_KEY,
  STREAM_ADMINISTRATOR_GRANTS,
  STREAM_ADMINISTRATOR_KEY_LISTING,
  accessProfile,
  shareProfile,
  viaService,
  type AccessProfile,
  type ActionGrant,
  type KeyUse,
  type StreamService,
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
  "video-stream": "VideoStreams",
  any: "ActionsWithoutResourceScope",
};

export const KEY_USE_SIDS: Readonly<Record<KeyUse, string>> = { encrypt: "GenerateDataKey", decrypt: "Decrypt" };

/** The inline policy of a producer's or consumer's role. */
export function partyPolicy(model: Model, party: Party, keyArnOf: KeyArnOf): PolicyDocument {
  return accessPolicy(model, accessProfile(party.profile), party.streams, (target) => partyTargetArns(model, party, target), keyArnOf);
}

/**
 * The identity half of a share, for the companion module in the external account: the same
 * actions the owner's resource policies grant, on the owner's stream, consumer and key ARNs.
 */
export function sharePolicy(model: Model, share: Share, keyArnOf: KeyArnOf): PolicyDocument {
  const arnsOf = (target: Target): string[] => {
    if (target === "stream") return streamArns(model, share.streams);
    if (target === "registered-consumer") return share.registeredConsumers.map((c) => c.arnPattern);
    throw new Error(`internal: share access has no ${target} target`);
  };
  return accessPolicy(model, shareProfile(share.access), share.streams, arnsOf, keyArnOf);
}

/** The trust policy of a role kgen creates: sts:AssumeRole for exactly `assumed_by`. */
export function trustPolicy(role: Extract<Role, { kind: "created" }>): PolicyDocument {
  const principal: NonNullable<PolicyStatement["Principal"]> = {};
  if (role.trustedPrincipals.length > 0) principal.AWS = [...role.trustedPrincipals];
  if (role.trustedServices.length > 0) principal.Service = [...role.trustedServices];
  // No Resource: IAM rejects it in a trust policy (the role itself is the resource).
  return policyDocument([{ Sid: "AssumeRole", Effect: "Allow", Principal: principal, Action: [ASSUME_ROLE_ACTION] }]);
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
  return policyDocument(grantStatements(anyLast, arnsOf));
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

/** A profile's statements over some streams, then one KMS statement per key those streams use. */
function accessPolicy(
  model: Model,
  profile: AccessProfile,
  streams: readonly string[],
  arnsOf: (target: Target) => string[],
  keyArnOf: KeyArnOf,
): PolicyDocument {
  const statements = grantStatements(profile.grants, arnsOf);
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

/** One statement per target, in catalogue order, with the actions of every grant on it. */
export function grantStatements(grants: readonly ActionGrant[], arnsOf: (target: Target) => string[]): PolicyStatement[] {
  const byTarget = new Map<Target, PolicyStatement>();
  for (const grant of grants) {
    const statement = byTarget.get(grant.on) ?? { Sid: TARGET_SIDS[grant.on], Effect: "Allow", Action: [], Resource: arnsOf(grant.on) };
    statement.Action = [...new Set([...statement.Action, ...grant.actions])];
    byTarget.set(grant.on, statement);
  }
  return [...byTarget.values()];
}

function partyTargetArns(model: Model, party: Party, target: Target): string[] {
  const app = party.application ?? party.awsName;
  switch (target) {
    case "stream":
      return streamArns(model, party.streams);
    case "registered-consumer":
      return party.registeredConsumers.map((c) => c.arnPattern);
    case "kcl-consumer":
      return named(model.streams, party.streams).map((stream) => consumerArnPattern(model.owner, stream.awsName, app));
    case "lease-table":
      return [tableArn(model.owner, app)];
    case "lease-table-indexes":
      return [`${tableArn(model.owner, app)}/index/*`];
    case "worker-metrics-table":
      return [tableArn(model.owner, `${app}-WorkerMetricStats`)];
    case "coordinator-state-table":
      return [tableArn(model.owner, `${app}-CoordinatorState`)];
    case "video-stream":
      return videoStreamArns(model, party.streams);
    case "any":
      return ["*"];
  }
}

/** The ARNs of some data streams, in model (name) order. */
function streamArns(model: Model, names: readonly string[]): string[] {
  return named(model.streams, names).map((s) => s.arn);
}

/** The ARN patterns of some video streams, in model (name) order. */
function videoStreamArns(model: Model, names: readonly string[]): string[] {
  return named(model.videoStreams, names).map((s) => s.arnPattern);
}

function named<T extends { name: string }>(items: readonly T[], names: readonly string[]): T[] {
  const wanted = new Set(names);
  return items.filter((item) => wanted.has(item.name));
}
