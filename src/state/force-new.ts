/**
 * Which arguments of each resource type kgen writes make Terraform **replace** the resource when
 * their value changes (`ForceNew: true` in the provider's SDKv2 schema, `RequiresReplace()` in a
 * framework schema), and what a replacement or a destroy loses. Read from
 * hashicorp/terraform-provider-aws, the file named per entry (checked against 5.100 and main);
 * the Terraform tier of the tests confirms the entries kgen exercises against a real provider.
 *
 * kgen compares the previous module with the new one through this table (replacements.ts), and
 * the tests use it to prove that additive spec changes replace nothing. A test fails when kgen
 * writes a resource type this table lacks: adding a resource means looking up its schema.
 */

export interface ReplacementRule {
  /** Arguments whose change replaces the resource. */
  forceNew: readonly string[];
  /**
   * Those of them that are also Computed: when the configuration stops setting one, Terraform
   * keeps the value in the state (no diff), so the resource is neither replaced nor changed.
   */
  keptWhenUnset?: readonly string[];
  /** What replacing or destroying it loses; absent for resources that hold no state of their own. */
  loses?: string;
  /** The provider source file holding the schema. */
  source: string;
}

export const REPLACEMENT_RULES: Readonly<Record<string, ReplacementRule>> = {
  aws_kinesis_stream: {
    // encryption_type, kms_key_id, retention_period, shard_count, stream_mode_details: updated in place.
    forceNew: ["name"],
    loses: "every record in the stream",
    source: "internal/service/kinesis/stream.go",
  },
  aws_kinesis_stream_consumer: {
    // No update function before 6.2 (tags since): every argument is ForceNew.
    forceNew: ["name", "stream_arn"],
    loses: "the registration: the consumer gets a new ARN and every reader must subscribe again",
    source: "internal/service/kinesis/stream_consumer.go",
  },
  aws_kinesis_video_stream: {
    // The provider never calls UpdateDataRetention or changes the key: both replace the stream.
    forceNew: ["name", "data_retention_in_hours", "kms_key_id"],
    keptWhenUnset: ["kms_key_id"],
    loses: "all media stored in the stream",
    source: "internal/service/kinesisvideo/stream.go",
  },
  aws_kinesis_resource_policy: {
    forceNew: ["resource_arn"],
    source: "internal/service/kinesis/resource_policy.go (stringplanmodifier.RequiresReplace)",
  },
  aws_kms_key: {
    // description, policy, rotation and deletion_window_in_days are updated in place.
    forceNew: ["custom_key_store_id", "customer_master_key_spec", "key_usage", "multi_region", "xks_key_id"],
    keptWhenUnset: ["multi_region"],
    loses:
      "the key: AWS deletes it after its waiting period, and whatever it encrypted (stream records, media, anything else under it) can no longer be decrypted",
    source: "internal/service/kms/key.go",
  },
  aws_kms_alias: {
    forceNew: ["name", "name_prefix"],
    keptWhenUnset: ["name", "name_prefix"],
    source: "internal/service/kms/alias.go",
  },
  aws_kms_key_policy: {
    // key_id is Required without ForceNew: a new key id is a PutKeyPolicy on the other key.
    forceNew: [],
    source: "internal/service/kms/key_policy.go",
  },
  aws_iam_role: {
    // description, assume_role_policy and tags are updated in place.
    forceNew: ["name", "name_prefix", "path"],
    keptWhenUnset: ["name", "name_prefix"],
    source: "internal/service/iam/role.go",
  },
  aws_iam_role_policy: {
    forceNew: ["name", "name_prefix", "role"],
    keptWhenUnset: ["name", "name_prefix"],
    source: "internal/service/iam/role_policy.go",
  },
  aws_iam_policy: {
    // CreatePolicy takes a description and no API changes it: so does Terraform, by replacing.
    forceNew: ["description", "name", "name_prefix", "path"],
    keptWhenUnset: ["name", "name_prefix"],
    source: "internal/service/iam/policy.go",
  },
  aws_iam_role_policy_attachment: {
    forceNew: ["role", "policy_arn"],
    source: "internal/service/iam/role_policy_attachment.go",
  },
  aws_iam_user_policy_attachment: {
    forceNew: ["user", "policy_arn"],
    source: "internal/service/iam/user_policy_attachment.go",
  },
  aws_iam_group_policy_attachment: {
    forceNew: ["group", "policy_arn"],
    source: "internal/service/iam/group_policy_attachment.go",
  },
  aws_iam_instance_profile: {
    // role and tags are updated in place.
    forceNew: ["name", "name_prefix", "path"],
    keptWhenUnset: ["name", "name_prefix"],
    source: "internal/service/iam/instance_profile.go",
  },
};
