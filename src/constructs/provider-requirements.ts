/**
 * The lowest versions of Terraform and of the AWS provider that support everything a generated
 * module uses. Each resource type and each argument with a later start than its resource is listed
 * with the release that introduced it (hashicorp/terraform-provider-aws CHANGELOG.md and
 * .changes/6.x). versions.tf states the maximum over what the module really uses, so a module
 * never demands a newer provider than it needs. A block type missing here fails the build: adding
 * a resource means looking up its version.
 */
import type { TerraformJson } from "../render/from-terraform-json";

type Version = readonly [number, number, number];

interface Requirement {
  /** Release that introduced the block type. */
  since: Version;
  /** Arguments or attributes introduced later than the block type. */
  arguments?: Readonly<Record<string, Version>>;
}

/** "Ancient": present since before the provider split from Terraform core (provider 1.0.0, 2017). */
const ANCIENT: Version = [1, 0, 0];

const RESOURCES: Readonly<Record<string, Requirement>> = {
  aws_iam_policy: { since: ANCIENT },
  aws_iam_role: { since: ANCIENT },
  aws_iam_role_policy: { since: ANCIENT },
  aws_iam_role_policy_attachment: { since: ANCIENT },
  aws_kms_alias: { since: ANCIENT },
  // 5.49.0: "resource/aws_kms_key: Add `rotation_period_in_days` argument (#37140)".
  aws_kms_key: { since: ANCIENT, arguments: { rotation_period_in_days: [5, 49, 0] } },
  // New resource in PR #29923 (spring 2023, a 4.x release between 4.54 and 4.67; exact release
  // not confirmed, so the last 4.x is assumed).
  aws_kms_key_policy: { since: [4, 67, 0] },
  // stream_mode_details: PR #22002, released in 3.69.0 (Dec 2021).
  aws_kinesis_stream: { since: ANCIENT, arguments: { stream_mode_details: [3, 69, 0] } },
  // 3.33.0: "New Resource: aws_kinesis_stream_consumer (#17149)"; tags: 6.2.0 (#43173).
  aws_kinesis_stream_consumer: { since: [3, 33, 0], arguments: { tags: [6, 2, 0] } },
  // PR #8291 (March 2020), released in 2.54.0 with kms_key_id, media_type and
  // data_retention_in_hours (inferred from the merge date; no 2.x changelog line found).
  aws_kinesis_video_stream: { since: [2, 54, 0] },
  // 5.32.0: "New Resource: aws_kinesis_resource_policy (#35167)".
  aws_kinesis_resource_policy: { since: [5, 32, 0] },
};

const DATA_SOURCES: Readonly<Record<string, Requirement>> = {
  aws_caller_identity: { since: ANCIENT },
  // 6.0.0: "data-source/aws_region: The `name` attribute has been deprecated ... use the `region`
  // attribute instead (#42131)". kgen reads `region`.
  aws_region: { since: [6, 0, 0] },
};

/** Terraform 1.2.0 added precondition/postcondition blocks on data sources (OpenTofu has them from 1.6.0). */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.2.0";

/** `">= 6.0.0"` for the given synthesized module. */
export function requiredAwsProviderVersion(json: TerraformJson): string {
  let required: Version = ANCIENT;
  const consider = (table: Readonly<Record<string, Requirement>>, blocks: TerraformJson["resource"], kind: string): void => {
    for (const [type, instances] of Object.entries(blocks ?? {})) {
      const requirement = table[type];
      if (requirement === undefined) throw new Error(`internal: no provider version known for ${kind} ${type}; add it to provider-requirements.ts`);
      required = newer(required, requirement.since);
      for (const body of Object.values(instances)) {
        for (const [argument, since] of Object.entries(requirement.arguments ?? {})) {
          if (argument in body) required = newer(required, since);
        }
      }
    }
  };
  consider(RESOURCES, json.resource, "resource");
  consider(DATA_SOURCES, json.data, "data source");
  return `>= ${required.join(".")}`;
}

function newer(a: Version, b: Version): Version {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i] ? a : b;
  return a;
}
