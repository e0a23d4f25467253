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
    if (target === "registered-consumer") return share.registeredConsumers.map((c) => consumerArnPattern(model.owner, c.stream, c.name));
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

/** The IAM policy kgen writes for a stream administrator. */
export function streamAdministratorPolicy(model: Model, admin: StreamAdministrator): PolicyDocument {
  const arns = streamArns(model, admin.streams);
  return policyDocument(grantStatements(STREAM_ADMINISTRATOR_GRANTS, (target) => (target === "any" ? ["*"] : arns)));
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
  const scopes: KeyScope[] = [];
  for (const key of model.keys) {
    const onKey = (encryption: { kind: string; key?: string }) => encryption.kind === "customer-managed" && encryption.key === key.name;
    const data = model.streams.filter((s) => streamNames.includes(s.name) && onKey(s.encryption)).map((s) => s.arn);
    const video = model.videoStreams.filter((s) => streamNames.includes(s.name) && onKey(s.encryption)).map((s) => s.arnPattern);
    if (data.length > 0) scopes.push({ key, service: "kinesis", streamArns: data });
    if (video.length > 0) scopes.push({ key, service: "kinesisvideo", streamArns: video });
  }
  return scopes;
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
  const app = party.application ?? party.name;
  switch (target) {
    case "stream":
      return streamArns(model, party.streams);
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
    case "video-stream":
      return model.videoStreams.filter((s) => party.streams.includes(s.name)).map((s) => s.arnPattern);
    case "any":
      return ["*"];
  }
}

function streamArns(model: Model, names: readonly string[]): string[] {
  return model.streams.filter((s) => names.includes(s.name)).map((s) => s.arn);
}
