/**
 * Administrators doing their job. A key administrator manages the key and cannot use it or give
 * itself use (KMS guide "key-policy-default-allow-administrators", less what permissions.md
 * Revision 2 removes); a stream administrator manages streams without their data (permissions.md
 * "Administrators"). Each call is the API of the KMS, Kinesis or Kinesis Video Streams API
 * Reference of the same name; resources as the Service Authorization Reference gives them.
 */
import { arns, type Kind, type ModelledParty, type RuntimeCall } from "./calls";

const KMS_API = "AWS KMS API Reference";

/** What a key administrator does to the key, in the key policy's terms (KMS guide "key-policy-default"). */
const KEY_ADMINISTRATION: ReadonlyArray<[string, string]> = [
  ["DescribeKey", "reads the key's configuration"],
  ["EnableKey", "re-enables the key"],
  ["DisableKey", "disables the key"],
  ["EnableKeyRotation", "turns rotation on"],
  ["DisableKeyRotation", "turns rotation off"],
  ["GetKeyRotationStatus", "reads the rotation setting"],
  ["ListKeyRotations", "lists rotations"],
  ["RotateKeyOnDemand", "rotates now"],
  ["GetKeyPolicy", "reads the key policy"],
  ["ListKeyPolicies", "lists policy names"],
  ["GetKeyLastUsage", "reads when the key was last used"],
  ["ListGrants", "lists grants"],
  ["RevokeGrant", "revokes a grant someone else made"],
  ["ListResourceTags", "reads tags"],
  ["TagResource", "tags the key"],
  ["UntagResource", "removes tags"],
  ["UpdateKeyDescription", "changes the description"],
  ["ScheduleKeyDeletion", "schedules deletion"],
  ["CancelKeyDeletion", "cancels a scheduled deletion"],
];

export const KEY_ADMINISTRATOR: Kind = {
  model: {
    client: "an operator managing the key (console, CLI or SDK)",
    supported: [],
    unsupported: [
      "CreateGrant and PutKeyPolicy: they would let administrators give themselves use of the key",
      "alias changes: Terraform owns the alias",
    ],
  },
  calls: (party) =>
    (party.keys ?? []).flatMap((key) =>
      KEY_ADMINISTRATION.map(([action, step]): RuntimeCall => ({ action: `kms:${action}`, resource: key, step, source: `${KMS_API}, ${action}`, mode: "default" })),
    ),
};

/** Reads of a stream's key by a stream administrator; party.keyOf gives the keys of its streams. */
function keyInspection(party: ModelledParty): RuntimeCall[] {
  const keys = [...new Set(party.streams.map((stream) => party.keyOf(stream)).filter((key): key is string => key !== undefined))];
  const onKey = ["DescribeKey", "ListGrants", "ListKeyPolicies", "ListKeyRotations", "ListResourceTags"];
  return [
    ...keys.flatMap((key) => onKey.map((action): RuntimeCall => ({ action: `kms:${action}`, resource: key, step: "inspects the stream's key", source: `${KMS_API}, ${action}; seed: "kms:List* and kms:DescribeKey*"`, mode: "default" }))),
    // ListAliases and ListKeys take no key resource (Service Authorization Reference: `*`).
    { action: "kms:ListAliases", resource: "*", step: "finds the stream's key by alias", source: `${KMS_API}, ListAliases`, mode: "default" },
    { action: "kms:ListKeys", resource: "*", step: "finds the stream's key", source: `${KMS_API}, ListKeys`, mode: "default" },
  ];
}

const DATA_STREAM_ADMINISTRATION: ReadonlyArray<[string, string]> = [
  ["DescribeStream", "reads the configuration and shards"],
  ["DescribeStreamSummary", "reads the configuration"],
  ["ListShards", "lists shards before splitting or merging"],
  ["ListStreamConsumers", "lists registered consumers"],
  ["ListTagsForStream", "reads tags"],
  ["AddTagsToStream", "tags the stream"],
  ["RemoveTagsFromStream", "removes tags"],
  ["IncreaseStreamRetentionPeriod", "lengthens retention"],
  ["DecreaseStreamRetentionPeriod", "shortens retention"],
  ["MergeShards", "merges two shards"],
  ["SplitShard", "splits a shard"],
];

/** Kinesis actions without a resource type: IAM evaluates them on `*` (Service Authorization Reference). */
const ACCOUNT_WIDE = ["UpdateShardCount", "EnableEnhancedMonitoring", "DisableEnhancedMonitoring", "ListStreams"];

/** Each administration API on each stream: `prefix:Action` on the stream's ARN. */
function onEachStream(party: ModelledParty, prefix: string, arnOf: (stream: string) => string, apis: ReadonlyArray<[string, string]>, reference: string): RuntimeCall[] {
  return party.streams.flatMap((stream) =>
    apis.map(([action, step]): RuntimeCall => ({ action: `${prefix}:${action}`, resource: arnOf(stream), step, source: `${reference}, ${action}`, mode: "default" })),
  );
}

export const STREAM_ADMINISTRATOR: Kind = {
  model: { client: "an operator managing data streams (console, CLI or SDK)", supported: [], unsupported: ["records, deletion, resource policies and encryption: Terraform's"] },
  calls: (party) => [
    ...onEachStream(party, "kinesis", (stream) => arns.stream(party.owner, stream), DATA_STREAM_ADMINISTRATION, "Kinesis Data Streams API Reference"),
    ...ACCOUNT_WIDE.map((action): RuntimeCall => ({ action: `kinesis:${action}`, resource: "*", step: `${action} (no resource type)`, source: `Kinesis Data Streams API Reference, ${action}`, mode: "default" })),
    ...keyInspection(party),
  ],
};

const VIDEO_STREAM_ADMINISTRATION: ReadonlyArray<[string, string]> = [
  ["DescribeStream", "reads the configuration"],
  ["ListTagsForStream", "reads tags"],
  ["TagStream", "tags the stream"],
  ["UntagStream", "removes tags"],
  ["UpdateDataRetention", "changes retention"],
];

export const VIDEO_STREAM_ADMINISTRATOR: Kind = {
  model: { client: "an operator managing video streams (console, CLI or SDK)", supported: [], unsupported: ["media, deletion, media type: Terraform's"] },
  calls: (party) => [
    ...onEachStream(party, "kinesisvideo", (stream) => arns.videoStream(party.owner, stream), VIDEO_STREAM_ADMINISTRATION, "Kinesis Video Streams API Reference"),
    { action: "kinesisvideo:ListStreams", resource: "*", step: "finds the streams (no resource type)", source: "Kinesis Video Streams API Reference, ListStreams", mode: "default" },
    ...keyInspection(party),
  ],
};
