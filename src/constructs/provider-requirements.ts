/**
 * The lowest versions of Terraform and of the AWS provider that support everything a generated
 * module uses. Each resource type and each argument with a later start than its resource is listed
 * with the release that introduced it (hashicorp/terraform-provider-aws CHANGELOG.md and
 * .changes/6.x). versions.tf states the maximum over what the module really uses, so a module
 * never demands a newer provider than it needs, and its README names what sets that floor. A block
 * type missing here fails the build: adding a resource means looking up its version.
 */
import type { TerraformJson } from "../render/from-terraform-json";

export type Version = readonly [number, number, number];

interface Requirement {
  /** Release that introduced the block type. */
  since: Version;
  /** Arguments or attributes introduced later than the block type. */
  arguments?: Readonly<Record<string, Version>>;
}

/**
 * The oldest release any module can use: 2.7.0 was the first built for Terraform 0.12 and later
 * (plugin protocol 5; hashicorp/terraform-provider-aws#8310), and every module needs Terraform
 * 1.2. What the provider had before it needs no entry of its own.
 */
const FIRST_FOR_TERRAFORM_012: Version = [2, 7, 0];

const RESOURCES: Readonly<Record<string, Requirement>> = {
  // tags: 3.35.0, "resource/aws_iam_policy: Add tagging support" (#18276).
  aws_iam_group_policy_attachment: { since: FIRST_FOR_TERRAFORM_012 },
  // tags: hashicorp/terraform-provider-aws#17962, merged 2021-03-25, in 3.34.0 or 3.35.0: the later is assumed.
  aws_iam_instance_profile: { since: FIRST_FOR_TERRAFORM_012, arguments: { tags: [3, 35, 0] } },
  aws_iam_policy: { since: FIRST_FOR_TERRAFORM_012, arguments: { tags: [3, 35, 0] } },
  aws_iam_role: { since: FIRST_FOR_TERRAFORM_012 },
  aws_iam_role_policy: { since: FIRST_FOR_TERRAFORM_012 },
  aws_iam_role_policy_attachment: { since: FIRST_FOR_TERRAFORM_012 },
  aws_iam_user_policy_attachment: { since: FIRST_FOR_TERRAFORM_012 },
  aws_kms_alias: { since: FIRST_FOR_TERRAFORM_012 },
  // 5.49.0: "resource/aws_kms_key: Add `rotation_period_in_days` argument (#37140)".
  aws_kms_key: { since: FIRST_FOR_TERRAFORM_012, arguments: { rotation_period_in_days: [5, 49, 0] } },
  // New resource in PR #29923 (spring 2023): a 4.x release, since the 5.x CHANGELOG does not list
  // it as new; the exact one is only in the release/4.x CHANGELOG, so the last 4.x is assumed. It
  // never sets a floor: every key policy's key has `rotation_period_in_days` (5.49.0).
  aws_kms_key_policy: { since: [4, 67, 0] },
  // stream_mode_details: PR #22002, released in 3.69.0 (Dec 2021).
  aws_kinesis_stream: { since: FIRST_FOR_TERRAFORM_012, arguments: { stream_mode_details: [3, 69, 0] } },
  // 3.33.0: "New Resource: aws_kinesis_stream_consumer (#17149)"; tags: 6.2.0 (#43173).
  aws_kinesis_stream_consumer: { since: [3, 33, 0], arguments: { tags: [6, 2, 0] } },
  // PR #8291 (March 2020), released in 2.54.0 with kms_key_id, media_type and
  // data_retention_in_hours (inferred from the merge date; no 2.x changelog line found).
  aws_kinesis_video_stream: { since: [2, 54, 0] },
  // 5.32.0: "New Resource: aws_kinesis_resource_policy (#35167)".
  aws_kinesis_resource_policy: { since: [5, 32, 0] },
};

const DATA_SOURCES: Readonly<Record<string, Requirement>> = {
  aws_caller_identity: { since: FIRST_FOR_TERRAFORM_012 },
  // The guard reads `endpoint`, which every release has (see guard.ts for why not `region`).
  aws_region: { since: FIRST_FOR_TERRAFORM_012 },
};

/** Terraform 1.2.0 added precondition/postcondition blocks on data sources (OpenTofu has them from 1.6.0). */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.2.0";

/** The provider floor of a module and what sets it, as the README says it. */
export interface ProviderFloor {
  version: Version;
  /** What the release is the first with: "with resource `aws_kinesis_resource_policy`", "for Terraform 0.12 and later". */
  feature: string;
}

/** The lowest hashicorp/aws release the synthesized module runs on, and the feature that needs it. */
export function awsProviderFloor(json: TerraformJson): ProviderFloor {
  let floor: ProviderFloor = { version: FIRST_FOR_TERRAFORM_012, feature: "for Terraform 0.12 and later" };
  const raise = (since: Version, feature: string): void => {
    if (compareVersions(since, floor.version) > 0) floor = { version: since, feature };
  };
  const consider = (table: Readonly<Record<string, Requirement>>, blocks: TerraformJson["resource"], kind: "resource" | "data source"): void => {
    for (const [type, instances] of Object.entries(blocks ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const requirement = table[type];
      if (requirement === undefined) throw new Error(`internal: no provider version known for ${kind} ${type}; add it to provider-requirements.ts`);
      raise(requirement.since, `with ${kind} \`${type}\``);
      for (const body of Object.values(instances)) {
        for (const [argument, since] of Object.entries(requirement.arguments ?? {})) {
          if (argument in body) raise(since, `with \`${argument}\` of ${kind} \`${type}\``);
        }
      }
    }
  };
  consider(RESOURCES, json.resource, "resource");
  consider(DATA_SOURCES, json.data, "data source");
  return floor;
}

/** `">= 5.49.0"` for the given synthesized module. */
export function requiredAwsProviderVersion(json: TerraformJson): string {
  return `>= ${formatVersion(awsProviderFloor(json).version)}`;
}

export function formatVersion(version: Version): string {
  return version.join(".");
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Every block type and argument of the table with its release: for checking against a provider's schema. */
export function providerRequirementTable(): Array<{ kind: "resource" | "data source"; type: string; argument?: string; since: Version }> {
  const rows = (table: Readonly<Record<string, Requirement>>, kind: "resource" | "data source") =>
    Object.entries(table).flatMap(([type, requirement]) => [
      { kind, type, since: requirement.since },
      ...Object.entries(requirement.arguments ?? {}).map(([argument, since]) => ({ kind, type, argument, since })),
    ]);
  return [...rows(RESOURCES, "resource"), ...rows(DATA_SOURCES, "data source")];
}
