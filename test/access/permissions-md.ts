/**
 * The access tests' own reading of ../shared/design/permissions.md — its tables as amended by
 * "Revision 2 — what the real clients call" — written from the document and NOT from
 * src/permissions: if kgen's catalogue drifts from the document, the simulation disagrees with
 * this table and the test fails. Input is the validated spec, so src/model is not trusted either.
 *
 * Where the run-time call model (test/runtime, issue #13) measured that no real client of a kind
 * makes a call the document grants, the reading follows the measurement, marked MEASURED with the
 * client source that shows it; these are proposed amendments to permissions.md.
 */
import type { Spec } from "../../src/spec/types";
import type { Request } from "./requests";

/** A grant: who may call what on which resources (`*` in a resource is a wildcard), and how. */
export interface ExpectedGrant {
  principal: string;
  actions: string[];
  resources: string[];
  /** For kms:GenerateDataKey / kms:Decrypt: only through Kinesis, for this stream's records. */
  viaKinesisFor?: string;
  /** For kms:GenerateDataKey / kms:Decrypt: only through Kinesis Video Streams. */
  viaKinesisVideo?: boolean;
  /** For cloudwatch:PutMetricData: only for this `cloudwatch:namespace` (Revision 2). */
  namespace?: string;
}

/** Whether any grant covers a request (resource patterns use `*` wildcards). */
export function grantAllows(grants: readonly ExpectedGrant[], request: Request): boolean {
  return grants.some(
    (grant) =>
      grant.principal === request.principal &&
      grant.actions.includes(request.action) &&
      grant.resources.some((pattern) => wildcardMatch(pattern, request.resource)) &&
      (grant.viaKinesisFor === undefined || grant.viaKinesisFor === request.viaKinesisFor) &&
      (grant.viaKinesisVideo !== true || request.viaKinesisVideo === true) &&
      (grant.namespace === undefined || grant.namespace === request.namespace),
  );
}

function wildcardMatch(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.?+^$(){}|[\]\\/]/g, "\\$&")).join(".*")}$`).test(value);
}

const PRODUCER = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords"];
// Revision 2 "KPL producers": PutMetricData for KinesisProducerLibrary. MEASURED: the KPL (1.0.7,
// aws/kinesis/core/pipeline.h) calls only ListShards and PutRecords on the stream.
const KPL = ["kinesis:ListShards", "kinesis:PutRecords"];
const KPL_NAMESPACE = "KinesisProducerLibrary";
const READ = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];
const FIREHOSE = ["kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];
// MEASURED: KCL 1.x never calls DescribeStreamSummary (v1.15.3 KinesisProxy), KCL 2.x/3.x never
// DescribeStream (v2.7.3, v3.5.1).
const KCL1_STREAM = ["kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];
const KCL_STREAM = ["kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:RegisterStreamConsumer"];
const TABLE = ["CreateTable", "DescribeTable", "GetItem", "PutItem", "Scan", "UpdateItem", "DeleteItem"].map((a) => `dynamodb:${a}`);
// MEASURED: KCL 3 writes worker metrics with UpdateItem only (v3.5.1 WorkerMetricStatsDAODelegate);
// its one ConditionCheck is on the coordinator-state table (TableMigrationStateMachineImpl).
const WORKER_METRICS_TABLE = ["CreateTable", "DescribeTable", "Scan", "UpdateItem", "DeleteItem"].map((a) => `dynamodb:${a}`);
const KEY_ADMIN_PREFIXES = ["Create", "Describe", "Enable", "List", "Put", "Update", "Revoke", "Disable", "Get", "Delete"];
const KEY_ADMIN_NAMED = ["TagResource", "UntagResource", "ScheduleKeyDeletion", "CancelKeyDeletion", "RotateKeyOnDemand"];
// Revision 2 "Key administrators manage, and cannot give themselves use", as listed there.
const KEY_ADMIN_DROPPED = [
  "CreateGrant", "PutKeyPolicy", "CreateKey", "CreateCustomKeyStore", "DeleteCustomKeyStore", "DescribeCustomKeyStores", "UpdateCustomKeyStore",
  "ConnectCustomKeyStore", "DisconnectCustomKeyStore", "ListAliases", "ListKeys", "ListRetirableGrants", "GetParametersForImport",
  "DeleteImportedKeyMaterial", "GetPublicKey", "UpdatePrimaryRegion", "CreateAlias", "UpdateAlias", "DeleteAlias",
].map((a) => `kms:${a}`);
const STREAM_ADMIN_KEY = ["DescribeKey", "ListGrants", "ListKeyPolicies", "ListKeyRotations", "ListResourceTags"].map((a) => `kms:${a}`);
const STREAM_ADMIN_STREAM = [
  "DescribeStream", "DescribeStreamSummary", "ListShards", "ListStreamConsumers", "ListTagsForStream", "AddTagsToStream",
  "RemoveTagsFromStream", "IncreaseStreamRetentionPeriod", "DecreaseStreamRetentionPeriod", "MergeShards", "SplitShard",
].map((a) => `kinesis:${a}`);
const VIDEO_PRODUCER = ["DescribeStream", "GetDataEndpoint", "PutMedia"].map((a) => `kinesisvideo:${a}`);
// MEASURED: no video consumer calls DescribeStream (the KVS parser library's workers; the KVS
// guide's HLS/DASH, clip and image playback).
const VIDEO_MEDIA = ["GetDataEndpoint", "GetMedia", "ListFragments", "GetMediaForFragmentList"].map((a) => `kinesisvideo:${a}`);
const VIDEO_PLAYBACK = [
  "GetDataEndpoint", "GetHLSStreamingSessionURL", "GetDASHStreamingSessionURL", "GetClip", "GetImages", "ListFragments",
].map((a) => `kinesisvideo:${a}`);
const STREAM_ADMIN_ANY = ["kinesis:UpdateShardCount", "kinesis:EnableEnhancedMonitoring", "kinesis:DisableEnhancedMonitoring", "kinesis:ListStreams", "kms:ListAliases", "kms:ListKeys"];
// permissions.md lists the data-stream set only. For video streams this is the README's
// ("Stream administrators"): the same duties in Kinesis Video Streams' own actions.
const VIDEO_STREAM_ADMIN_STREAM = ["DescribeStream", "ListTagsForStream", "TagStream", "UntagStream", "UpdateDataRetention"].map((a) => `kinesisvideo:${a}`);
const VIDEO_STREAM_ADMIN_ANY = ["kinesisvideo:ListStreams", "kms:ListAliases", "kms:ListKeys"];

/** The KCL's own tables and metrics for an application, by version (rows "consumer kcl, v1..v3"). */
function kclOwn(T: (table: string) => string, app: string, version: number): Array<Omit<ExpectedGrant, "principal">> {
  const own: Array<Omit<ExpectedGrant, "principal">> = [{ actions: ["cloudwatch:PutMetricData"], resources: ["*"], namespace: app }];
  if (version < 3) return [...own, { actions: TABLE, resources: [T(app)] }];
  return [
    ...own,
    { actions: [...TABLE, "dynamodb:UpdateTable"], resources: [T(app)] },
    { actions: ["dynamodb:Query"], resources: [`${T(app)}/index/*`] },
    { actions: WORKER_METRICS_TABLE, resources: [T(`${app}-WorkerMetricStats`)] },
    { actions: [...TABLE, "dynamodb:ConditionCheckItem"], resources: [T(`${app}-CoordinatorState`)] },
  ];
}

export interface Universe {
  spec: Spec;
  /** Fake ARN standing for each key's real one. */
  keyArn: (key: string) => string;
  /** Every KMS action of the IAM catalogue, to expand the key administrators' wildcards. */
  kmsActions: string[];
}

/** An existing role's ARN, or the one kgen creates: `<name>-<party>` unless named, under its path (or the spec-wide one). */
export function roleArnOf(spec: Spec, party: string, role: { arn?: string; name?: string; path?: string } | undefined): string {
  const path = role?.path ?? spec.defaults?.role?.path ?? "/";
  return role?.arn ?? `arn:${spec.owner.partition}:iam::${spec.owner.account}:role${path}${role?.name ?? `${spec.name}-${party}`}`;
}

/**
 * A member of an IAM group, who makes the requests a group never makes itself (IAM guide
 * "id_groups": a group is not an identity, "you cannot identify a user group as a principal").
 */
export function groupMember(group: string): string {
  return group.replace(/:group\/(.*)$/, ":user/member-of/$1");
}

/** Who makes a party's requests: its user, a member of its group, or its role. */
export function partyPrincipal(spec: Spec, name: string, party: { role?: { arn?: string; name?: string; path?: string }; user?: string; group?: string }): string {
  if (party.user !== undefined) return party.user;
  if (party.group !== undefined) return groupMember(party.group);
  return roleArnOf(spec, name, party.role);
}

export function expectedGrants({ spec, keyArn, kmsActions }: Universe): ExpectedGrant[] {
  const { partition: p, region: r, account: a } = spec.owner;
  const S = (stream: string) => `arn:${p}:kinesis:${r}:${a}:stream/${stream}`;
  const T = (table: string) => `arn:${p}:dynamodb:${r}:${a}:table/${table}`;
  const keyOf = (stream: string) => {
    const encryption = spec.streams[stream].encryption;
    return encryption in spec.keys ? encryption : undefined;
  };
  const grants: ExpectedGrant[] = [];
  const V = (stream: string) => `arn:${p}:kinesisvideo:${r}:${a}:stream/${stream}/*`;
  const isVideo = (streams: string[]) => streams.some((stream) => spec.streams[stream].type === "video");
  // Video parties: actions on V, key use only through Kinesis Video Streams ("Video stream parties").
  const videoParty = (principal: string, streams: string[], actions: string[], kms: "kms:GenerateDataKey" | "kms:Decrypt") => {
    grants.push({ principal, actions, resources: streams.map(V) });
    for (const stream of streams) {
      const key = keyOf(stream);
      if (key !== undefined) grants.push({ principal, actions: [kms], resources: [keyArn(key)], viaKinesisVideo: true });
    }
  };
  const party = (principal: string, streams: string[], actions: string[], kms: "kms:GenerateDataKey" | "kms:Decrypt") => {
    grants.push({ principal, actions, resources: streams.map(S) });
    for (const stream of streams) {
      const key = keyOf(stream);
      if (key !== undefined) grants.push({ principal, actions: [kms], resources: [keyArn(key)], viaKinesisFor: S(stream) });
    }
  };
  for (const [name, producer] of Object.entries(spec.producers)) {
    const principal = partyPrincipal(spec, name, producer);
    if (isVideo(producer.streams)) videoParty(principal, producer.streams, VIDEO_PRODUCER, "kms:GenerateDataKey");
    else if (producer.library === "kpl") {
      party(principal, producer.streams, KPL, "kms:GenerateDataKey");
      grants.push({ principal, actions: ["cloudwatch:PutMetricData"], resources: ["*"], namespace: KPL_NAMESPACE });
    } else party(principal, producer.streams, PRODUCER, "kms:GenerateDataKey");
  }
  for (const [name, consumer] of Object.entries(spec.consumers)) {
    const principal = partyPrincipal(spec, name, consumer);
    const streams = consumer.streams;
    switch (consumer.via) {
      case "media":
        videoParty(principal, streams, VIDEO_MEDIA, "kms:Decrypt");
        break;
      case "playback":
        videoParty(principal, streams, VIDEO_PLAYBACK, "kms:Decrypt");
        break;
      case "get-records":
      case "lambda":
      case "flink":
        party(principal, streams, READ, "kms:Decrypt");
        break;
      case "firehose":
        party(principal, streams, FIREHOSE, "kms:Decrypt");
        break;
      case "fan-out":
        party(principal, streams, ["kinesis:DescribeStreamSummary", "kinesis:ListShards"], "kms:Decrypt");
        grants.push({ principal, actions: ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"], resources: streams.map((s) => `${S(s)}/consumer/${name}:*`) });
        // Revision 2 "By-name consumer lookups": DescribeStreamConsumer also on `S/consumer/NAME`.
        grants.push({ principal, actions: ["kinesis:DescribeStreamConsumer"], resources: streams.map((s) => `${S(s)}/consumer/${name}`) });
        break;
      case "kcl": {
        const app = consumer.application ?? name;
        const version = consumer.kcl_version ?? 3;
        party(principal, streams, version === 1 ? KCL1_STREAM : KCL_STREAM, "kms:Decrypt");
        if (version >= 2) {
          grants.push({ principal, actions: ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"], resources: streams.map((s) => `${S(s)}/consumer/${app}:*`) });
          grants.push({ principal, actions: ["kinesis:DescribeStreamConsumer"], resources: streams.map((s) => `${S(s)}/consumer/${app}`) });
        }
        for (const own of kclOwn(T, app, version)) grants.push({ principal, ...own });
        break;
      }
      default:
        throw new Error(`no expectation for via ${consumer.via}`);
    }
  }
  const keyAdminActions = kmsActions.filter(
    (action) => (KEY_ADMIN_PREFIXES.some((prefix) => action.startsWith(`kms:${prefix}`)) || KEY_ADMIN_NAMED.includes(action.slice(4))) && !KEY_ADMIN_DROPPED.includes(action),
  );
  for (const [name, key] of Object.entries(spec.keys)) {
    for (const admin of key.administrators) grants.push({ principal: admin, actions: keyAdminActions, resources: [keyArn(name)] });
  }
  for (const [name, stream] of Object.entries(spec.streams)) {
    const video = stream.type === "video";
    for (const admin of stream.administrators) {
      grants.push({ principal: admin, actions: video ? VIDEO_STREAM_ADMIN_STREAM : STREAM_ADMIN_STREAM, resources: [video ? V(name) : S(name)] });
      grants.push({ principal: admin, actions: video ? VIDEO_STREAM_ADMIN_ANY : STREAM_ADMIN_ANY, resources: ["*"] });
      const key = keyOf(name);
      if (key !== undefined) grants.push({ principal: admin, actions: STREAM_ADMIN_KEY, resources: [keyArn(key)] });
    }
  }
  return grants;
}

/**
 * What a service must send to assume a role for the owner account (Revision 2 "Service trust
 * policies"): Firehose's sts:ExternalId and Managed Service for Apache Flink's aws:SourceAccount,
 * both the owner account; ECS documents aws:SourceAccount for task roles too (ECS guide
 * "task-iam-roles"). Services not listed document none, and IAM principals send none.
 */
export const TRUST_CONTEXT_KEYS: Readonly<Record<string, string>> = {
  "firehose.amazonaws.com": "sts:ExternalId",
  "kinesisanalytics.amazonaws.com": "aws:SourceAccount",
  "ecs-tasks.amazonaws.com": "aws:SourceAccount",
};

/** The principals a role kgen creates must trust, and no others (permissions.md, "Trust policies"). */
export function expectedTrust(spec: Spec): Map<string, string[]> {
  const defaults: Record<string, string> = { lambda: "lambda.amazonaws.com", firehose: "firehose.amazonaws.com", flink: "kinesisanalytics.amazonaws.com" };
  const trust = new Map<string, string[]>();
  for (const [name, producer] of Object.entries(spec.producers)) {
    if (producer.user !== undefined || producer.group !== undefined) continue;
    if (producer.role?.arn === undefined) trust.set(roleArnOf(spec, name, producer.role), producer.role?.assumed_by ?? []);
  }
  for (const [name, consumer] of Object.entries(spec.consumers)) {
    if (consumer.role?.arn !== undefined || consumer.user !== undefined || consumer.group !== undefined) continue;
    trust.set(roleArnOf(spec, name, consumer.role), consumer.role?.assumed_by ?? [defaults[consumer.via]]);
  }
  return trust;
}

/** A share's account id, its alias resolved. */
export function shareAccount(spec: Spec, account: string): string {
  return /^\d{12}$/.test(account) ? account : spec.accounts[account];
}

/**
 * Cross-account shares (permissions.md, "Cross-account shares"): what each external principal may
 * do once both halves are applied. A share to an account's root is exercised by `memberOf(account)`,
 * a principal of that account that attached the companion policy.
 */
export function expectedShareGrants(spec: Spec, keyArn: (key: string) => string, memberOf: (account: string) => string): ExpectedGrant[] {
  const { partition: p, region: r, account: a } = spec.owner;
  const S = (stream: string) => `arn:${p}:kinesis:${r}:${a}:stream/${stream}`;
  const T = (account: string) => (table: string) => `arn:${p}:dynamodb:${r}:${account}:table/${table}`;
  const SUMMARY_READ = ["kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];
  // MEASURED: a KCL polls through a read share (ListShards, GetShardIterator, GetRecords); over a
  // fan-out share it is configured with the owner's consumer ARN (KCL v3.5.1 TestConsumer.java)
  // and reads child shards with GetShardIterator/GetRecords (KinesisShardDetector.getChildShards).
  const KCL_READ = ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];
  const grants: ExpectedGrant[] = [];
  for (const [name, share] of Object.entries(spec.shares)) {
    const account = shareAccount(spec, share.account);
    const principals = share.principals.length === 0 ? [memberOf(account)] : share.principals.map((x) => (/^\d{12}$/.test(x) || x.endsWith(":root") ? memberOf(account) : x));
    const kcl = share.via === "kcl";
    let stream: string[];
    let consumer: string[] = [];
    const own: Array<Omit<ExpectedGrant, "principal">> = kcl ? kclOwn(T(account), share.application ?? name, share.kcl_version ?? 3) : [];
    if (share.access === "write") {
      // PERMS "Cross-account shares" row write; Revision 2 KPL: PutMetricData in the writer's account.
      stream = share.library === "kpl" ? KPL : ["kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords"];
      if (share.library === "kpl") own.push({ actions: ["cloudwatch:PutMetricData"], resources: ["*"], namespace: KPL_NAMESPACE });
    } else if (share.access === "read") {
      // Revision 2 "Cross-account Lambda": DescribeStream added on both halves.
      stream = kcl ? KCL_READ : share.via === "lambda" ? READ : SUMMARY_READ;
    } else {
      // Row fan-out. MEASURED: cross-account consumers are shared by ARN only; KCL only subscribes.
      stream = kcl ? KCL_READ : ["kinesis:DescribeStreamSummary", "kinesis:ListShards"];
      consumer = kcl ? ["kinesis:SubscribeToShard"] : ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"];
    }
    const kms = share.access === "write" ? "kms:GenerateDataKey" : "kms:Decrypt";
    for (const principal of principals) {
      grants.push({ principal, actions: [...stream], resources: share.streams.map(S) });
      if (consumer.length > 0) grants.push({ principal, actions: consumer, resources: share.streams.map((s) => `${S(s)}/consumer/${name}:*`) });
      for (const grant of own) grants.push({ principal, ...grant });
      for (const stream of share.streams) {
        grants.push({ principal, actions: [kms], resources: [keyArn(spec.streams[stream].encryption)], viaKinesisFor: S(stream) });
      }
    }
  }
  return grants;
}
