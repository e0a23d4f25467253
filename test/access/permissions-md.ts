/**
 * The access tests' own reading of ../shared/design/permissions.md, written from the document
 * and NOT from src/permissions: if kgen's catalogue drifts from the document, the simulation
 * disagrees with this table and the test fails. Input is the validated spec, so src/model is not
 * trusted either.
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
}

/** Whether any grant covers a request (resource patterns use `*` wildcards). */
export function grantAllows(grants: readonly ExpectedGrant[], request: Request): boolean {
  return grants.some(
    (grant) =>
      grant.principal === request.principal &&
      grant.actions.includes(request.action) &&
      grant.resources.some((pattern) => wildcardMatch(pattern, request.resource)) &&
      (grant.viaKinesisFor === undefined || grant.viaKinesisFor === request.viaKinesisFor) &&
      (grant.viaKinesisVideo !== true || request.viaKinesisVideo === true),
  );
}

function wildcardMatch(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.?+^$(){}|[\]\\/]/g, "\\$&")).join(".*")}$`).test(value);
}

const PRODUCER = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords"];
const READ = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];
const FIREHOSE = ["kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];
const TABLE = ["CreateTable", "DescribeTable", "GetItem", "PutItem", "Scan", "UpdateItem", "DeleteItem"].map((a) => `dynamodb:${a}`);
const KEY_ADMIN_PREFIXES = ["Create", "Describe", "Enable", "List", "Put", "Update", "Revoke", "Disable", "Get", "Delete"];
const KEY_ADMIN_NAMED = ["TagResource", "UntagResource", "ScheduleKeyDeletion", "CancelKeyDeletion", "RotateKeyOnDemand"];
const STREAM_ADMIN_KEY = ["DescribeKey", "ListGrants", "ListKeyPolicies", "ListKeyRotations", "ListResourceTags"].map((a) => `kms:${a}`);
const STREAM_ADMIN_STREAM = [
  "DescribeStream", "DescribeStreamSummary", "ListShards", "ListStreamConsumers", "ListTagsForStream", "AddTagsToStream",
  "RemoveTagsFromStream", "IncreaseStreamRetentionPeriod", "DecreaseStreamRetentionPeriod", "MergeShards", "SplitShard",
].map((a) => `kinesis:${a}`);
const VIDEO_PRODUCER = ["DescribeStream", "GetDataEndpoint", "PutMedia"].map((a) => `kinesisvideo:${a}`);
const VIDEO_MEDIA = ["DescribeStream", "GetDataEndpoint", "GetMedia", "ListFragments", "GetMediaForFragmentList"].map((a) => `kinesisvideo:${a}`);
const VIDEO_PLAYBACK = [
  "DescribeStream", "GetDataEndpoint", "GetHLSStreamingSessionURL", "GetDASHStreamingSessionURL", "GetClip", "GetImages", "ListFragments",
].map((a) => `kinesisvideo:${a}`);
const STREAM_ADMIN_ANY = ["kinesis:UpdateShardCount", "kinesis:EnableEnhancedMonitoring", "kinesis:DisableEnhancedMonitoring", "kinesis:ListStreams", "kms:ListAliases", "kms:ListKeys"];
// permissions.md lists the data-stream set only. For video streams this is the README's
// ("Stream administrators"): the same duties in Kinesis Video Streams' own actions.
const VIDEO_STREAM_ADMIN_STREAM = ["DescribeStream", "ListTagsForStream", "TagStream", "UntagStream", "UpdateDataRetention"].map((a) => `kinesisvideo:${a}`);
const VIDEO_STREAM_ADMIN_ANY = ["kinesisvideo:ListStreams", "kms:ListAliases", "kms:ListKeys"];

export interface Universe {
  spec: Spec;
  /** Fake ARN standing for each key's real one. */
  keyArn: (key: string) => string;
  /** Every KMS action of the IAM catalogue, to expand the key administrators' wildcards. */
  kmsActions: string[];
}

export function roleArnOf(spec: Spec, party: string, role: { arn?: string } | undefined): string {
  return role?.arn ?? `arn:${spec.owner.partition}:iam::${spec.owner.account}:role/${spec.name}-${party}`;
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
    const principal = roleArnOf(spec, name, producer.role);
    if (isVideo(producer.streams)) videoParty(principal, producer.streams, VIDEO_PRODUCER, "kms:GenerateDataKey");
    else party(principal, producer.streams, PRODUCER, "kms:GenerateDataKey");
  }
  for (const [name, consumer] of Object.entries(spec.consumers)) {
    const principal = roleArnOf(spec, name, consumer.role);
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
        break;
      case "kcl": {
        const app = consumer.application ?? name;
        const version = consumer.kcl_version ?? 3;
        party(principal, streams, version === 1 ? READ : [...READ, "kinesis:RegisterStreamConsumer"], "kms:Decrypt");
        grants.push({ principal, actions: ["cloudwatch:PutMetricData"], resources: ["*"] });
        if (version >= 2) {
          grants.push({ principal, actions: ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"], resources: streams.map((s) => `${S(s)}/consumer/${app}:*`) });
        }
        if (version < 3) {
          grants.push({ principal, actions: TABLE, resources: [T(app)] });
        } else {
          grants.push({ principal, actions: [...TABLE, "dynamodb:UpdateTable"], resources: [T(app)] });
          grants.push({ principal, actions: ["dynamodb:Query"], resources: [`${T(app)}/index/*`] });
          grants.push({ principal, actions: TABLE, resources: [T(`${app}-WorkerMetricStats`), T(`${app}-CoordinatorState`)] });
        }
        break;
      }
      default:
        throw new Error(`no expectation for via ${consumer.via}`);
    }
  }
  const keyAdminActions = kmsActions.filter(
    (action) => KEY_ADMIN_PREFIXES.some((prefix) => action.startsWith(`kms:${prefix}`)) || KEY_ADMIN_NAMED.includes(action.slice(4)),
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

/** The principals a role kgen creates must trust, and no others (permissions.md, "Trust policies"). */
export function expectedTrust(spec: Spec): Map<string, string[]> {
  const defaults: Record<string, string> = { lambda: "lambda.amazonaws.com", firehose: "firehose.amazonaws.com", flink: "kinesisanalytics.amazonaws.com" };
  const trust = new Map<string, string[]>();
  for (const [name, producer] of Object.entries(spec.producers)) {
    if (producer.role?.arn === undefined) trust.set(roleArnOf(spec, name, undefined), producer.role?.assumed_by ?? []);
  }
  for (const [name, consumer] of Object.entries(spec.consumers)) {
    if (consumer.role?.arn !== undefined) continue;
    trust.set(roleArnOf(spec, name, undefined), consumer.role?.assumed_by ?? [defaults[consumer.via]]);
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
  const ACCESS = {
    read: { stream: ["kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"], consumer: [], kms: "kms:Decrypt" },
    write: { stream: ["kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords"], consumer: [], kms: "kms:GenerateDataKey" },
    "fan-out": { stream: ["kinesis:DescribeStreamSummary", "kinesis:ListShards"], consumer: ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"], kms: "kms:Decrypt" },
  } as const;
  const grants: ExpectedGrant[] = [];
  for (const [name, share] of Object.entries(spec.shares)) {
    const account = shareAccount(spec, share.account);
    const principals = share.principals.length === 0 ? [memberOf(account)] : share.principals.map((x) => (/^\d{12}$/.test(x) || x.endsWith(":root") ? memberOf(account) : x));
    const access = ACCESS[share.access];
    for (const principal of principals) {
      grants.push({ principal, actions: [...access.stream], resources: share.streams.map(S) });
      if (access.consumer.length > 0) grants.push({ principal, actions: [...access.consumer], resources: share.streams.map((s) => `${S(s)}/consumer/${name}:*`) });
      for (const stream of share.streams) {
        grants.push({ principal, actions: [access.kms], resources: [keyArn(spec.streams[stream].encryption)], viaKinesisFor: S(stream) });
      }
    }
  }
  return grants;
}
