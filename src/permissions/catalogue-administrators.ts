/**
 * The permission catalogue, continued (catalogue.ts re-exports it): key and stream
 * administrators, the key policy's account-root statement, and role trust. "PERMS" is
 * ../shared/design/permissions.md.
 */
import { grant, type Action, type ActionGrant } from "./action-grant";

/**
 * Key administrators manage the key and cannot give themselves use of it (PERMS "Administrators"
 * and Revision 2; KMS guide "key-policy-default-allow-administrators"). The console's
 * key-administrator statement is these wildcards plus the actions it names, expanded to the KMS
 * actions they match, minus KEY_ADMINISTRATOR_EXCLUDED. test/permissions checks the expansion.
 */
export const KEY_ADMINISTRATOR_WILDCARDS = [
  "Create*", "Describe*", "Enable*", "List*", "Put*", "Update*", "Revoke*", "Disable*", "Get*", "Delete*",
] as const;
export const KEY_ADMINISTRATOR_NAMED: readonly Action[] = [
  "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
];

/** What the console's statement holds and kgen does not grant, and why (PERMS Revision 2). */
export const KEY_ADMINISTRATOR_EXCLUDED: Readonly<Record<string, string>> = {
  // KMS guide "key-policy-default": with these, administrators "can give themselves and others
  // AWS KMS permissions not specified in this policy". Terraform owns the key policy.
  "kms:CreateGrant": "would let administrators grant themselves use of the key",
  "kms:PutKeyPolicy": "would let administrators rewrite the key policy that Terraform owns",
  // "Valid only in IAM policies" (KMS guide "key-policy-default-allow-administrators"):
  // no effect in a key policy.
  "kms:CreateKey": "no effect in a key policy",
  "kms:CreateCustomKeyStore": "no effect in a key policy",
  "kms:DeleteCustomKeyStore": "no effect in a key policy",
  "kms:DescribeCustomKeyStores": "no effect in a key policy",
  "kms:UpdateCustomKeyStore": "no effect in a key policy",
  "kms:ListAliases": "no effect in a key policy",
  "kms:ListKeys": "no effect in a key policy",
  "kms:ListRetirableGrants": "no effect in a key policy",
  // kgen's keys are symmetric, single-Region, with KMS-generated material.
  "kms:GetParametersForImport": "kgen keys have no imported key material",
  "kms:DeleteImportedKeyMaterial": "kgen keys have no imported key material",
  "kms:GetPublicKey": "kgen keys are symmetric",
  "kms:UpdatePrimaryRegion": "kgen keys are single-Region",
  // KMS guide "alias-access": alias actions need an IAM-policy half too; Terraform owns the alias.
  "kms:CreateAlias": "Terraform owns the alias (alias actions also need an IAM policy)",
  "kms:UpdateAlias": "Terraform owns the alias (alias actions also need an IAM policy)",
  "kms:DeleteAlias": "Terraform owns the alias (alias actions also need an IAM policy)",
};

/** In the key policy, on the key itself (KMS API reference for each action). */
export const KEY_ADMINISTRATOR_GRANT: ActionGrant = grant("any", {
  "kms:DescribeKey": "reads the key's configuration",
  "kms:EnableKey": "re-enables a disabled key",
  "kms:DisableKey": "disables the key (stops all use)",
  "kms:EnableKeyRotation": "turns automatic rotation on",
  "kms:DisableKeyRotation": "turns automatic rotation off",
  "kms:GetKeyRotationStatus": "reads the rotation setting",
  "kms:ListKeyRotations": "lists past rotations",
  "kms:RotateKeyOnDemand": "rotates the key now",
  "kms:GetKeyPolicy": "reads the key policy",
  "kms:ListKeyPolicies": "lists the key's policy names",
  "kms:GetKeyLastUsage": "reads when the key was last used",
  "kms:ListGrants": "lists grants on the key",
  "kms:RevokeGrant": "revokes a grant",
  "kms:ListResourceTags": "reads the key's tags",
  "kms:TagResource": "tags the key",
  "kms:UntagResource": "removes tags",
  "kms:UpdateKeyDescription": "changes the description",
  "kms:ScheduleKeyDeletion": "schedules deletion",
  "kms:CancelKeyDeletion": "cancels a scheduled deletion",
});
export const KEY_ADMINISTRATOR_ACTIONS: readonly Action[] = KEY_ADMINISTRATOR_GRANT.actions;

/**
 * Stream administrators (PERMS "Administrators"; seed: "they need kms:List* and kms:DescribeKey*").
 * In the key policy of each key their streams use:
 */
export const STREAM_ADMINISTRATOR_KEY_GRANT: ActionGrant = grant("any", {
  "kms:DescribeKey": "sees which key encrypts the stream",
  "kms:ListGrants": "inspects the key's grants",
  "kms:ListKeyPolicies": "inspects the key's policies",
  "kms:ListKeyRotations": "inspects the key's rotations",
  "kms:ListResourceTags": "reads the key's tags",
});
export const STREAM_ADMINISTRATOR_KEY_ACTIONS: readonly Action[] = STREAM_ADMINISTRATOR_KEY_GRANT.actions;

/**
 * ...and in the IAM policy kgen writes for them, by the kind of stream they administer: stream
 * management on the stream, and on `*` the actions that accept no narrower resource — those hold
 * for every stream of the account and Region (Service Authorization Reference: no resource type).
 * No data plane, no DeleteStream, no resource-policy or encryption changes: those belong to
 * Terraform.
 */
export const STREAM_ADMINISTRATOR_GRANTS: Readonly<Record<"data" | "video", readonly ActionGrant[]>> = {
  // PERMS "Administrators", as listed there (KDS API reference for each action).
  data: [
    grant("stream", {
      "kinesis:DescribeStream": "reads the stream's configuration and shards",
      "kinesis:DescribeStreamSummary": "reads the stream's configuration",
      "kinesis:ListShards": "lists shards before splitting or merging",
      "kinesis:ListStreamConsumers": "lists registered consumers",
      "kinesis:ListTagsForStream": "reads tags",
      "kinesis:AddTagsToStream": "tags the stream",
      "kinesis:RemoveTagsFromStream": "removes tags",
      "kinesis:IncreaseStreamRetentionPeriod": "lengthens retention",
      "kinesis:DecreaseStreamRetentionPeriod": "shortens retention",
      "kinesis:MergeShards": "merges two shards",
      "kinesis:SplitShard": "splits a shard",
    }),
    grant("any", {
      "kinesis:UpdateShardCount": "rescales a stream (account-wide: AWS offers no narrower resource)",
      "kinesis:EnableEnhancedMonitoring": "turns on shard-level metrics (account-wide: AWS offers no narrower resource)",
      "kinesis:DisableEnhancedMonitoring": "turns off shard-level metrics (account-wide: AWS offers no narrower resource)",
      "kinesis:ListStreams": "finds the streams (a list action: AWS scopes it to no resource)",
    }),
  ],
  // PERMS lists the data set only; spec v1 allows administrators on video streams too. This is
  // the same duty in Kinesis Video Streams' own actions (Service Authorization Reference, "Actions
  // defined by Amazon Kinesis Video Streams": resource type `stream` unless noted): describe,
  // tags, and retention (UpdateDataRetention both increases and decreases it, as the two
  // retention actions above do); ListStreams takes only `*`. Not UpdateStream (media type and
  // device name are Terraform's), no notification, image, edge or storage configuration.
  video: [
    grant("video-stream", {
      "kinesisvideo:DescribeStream": "reads the stream's configuration",
      "kinesisvideo:ListTagsForStream": "reads tags",
      "kinesisvideo:TagStream": "tags the stream",
      "kinesisvideo:UntagStream": "removes tags",
      "kinesisvideo:UpdateDataRetention": "changes retention",
    }),
    grant("any", { "kinesisvideo:ListStreams": "finds the streams (a list action: AWS scopes it to no resource)" }),
  ],
};

/** Stream administrators of either kind find their streams' keys: on `*` only (PERMS "Administrators"). */
export const STREAM_ADMINISTRATOR_KEY_LISTING: ActionGrant = grant("any", {
  "kms:ListAliases": "finds the stream's key by alias (a list action: AWS scopes it to no resource)",
  "kms:ListKeys": "finds the stream's key (a list action: AWS scopes it to no resource)",
});

/**
 * The key policy always keeps kms:* for the owner account's root (PERMS "Administrators"; KMS
 * guide "key-policy-default-allow-root-enable-iam"): the key can never be orphaned, and IAM
 * policies in the account can be used to manage it.
 */
export const ACCOUNT_ROOT_KEY_ACTIONS: readonly Action[] = ["kms:*"];

/** Trust policies allow exactly this for the principals in `assumed_by` (PERMS "Trust policies"). */
export const ASSUME_ROLE_ACTION: Action = "sts:AssumeRole";
export const ASSUME_ROLE_WHY = "runs the party: assumes its role";

/** A condition key a service sets when it assumes a role for an account: kgen requires the owner's. */
export type TrustConditionKey = "sts:ExternalId" | "aws:SourceAccount";

/**
 * Confused-deputy conditions on service trust (PERMS Revision 2), by service principal, as each
 * service documents them for the role it assumes; the value is always the owner account. A
 * service not listed documents none for its role (Lambda guide "lambda-intro-execution-role", IAM
 * guide "id_roles_use_switch-role-ec2"), and kgen adds none.
 */
export const SERVICE_TRUST_CONDITIONS: Readonly<Record<string, TrustConditionKey>> = {
  // Firehose guide "controlling-access", "Allow Firehose to assume an IAM role".
  "firehose.amazonaws.com": "sts:ExternalId",
  // Managed Service for Apache Flink guide "iam-cross-service-confused-deputy-prevention".
  "kinesisanalytics.amazonaws.com": "aws:SourceAccount",
  // ECS guide "task-iam-roles": the task role's trust policy.
  "ecs-tasks.amazonaws.com": "aws:SourceAccount",
};

/**
 * EC2 hands a role to an instance only through an instance profile (IAM guide
 * "id_roles_use_switch-role-ec2_instance-profiles"): a role kgen creates that trusts it gets one.
 */
export function needsInstanceProfile(service: string): boolean {
  return service.replace(/\.amazonaws\.com\.cn$/, ".amazonaws.com") === "ec2.amazonaws.com";
}

/** The condition key a service's trust carries, also in the China partition (`.amazonaws.com.cn`). */
export function trustConditionOf(service: string): TrustConditionKey | undefined {
  return SERVICE_TRUST_CONDITIONS[service.replace(/\.amazonaws\.com\.cn$/, ".amazonaws.com")];
}
