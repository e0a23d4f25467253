import type { Partition } from "./types";

/**
 * The AWS Regions of each partition kgen targets, as of November 2025.
 * Source: AWS General Reference, "AWS Regions"
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html), cross-checked
 * against botocore's endpoints.json. Opt-in Regions are included: the owner may have enabled them.
 * A Region launched later is an "unknown region" until this list is updated — on purpose, so a
 * typo can never reach `terraform plan` (spec-v1.md, "What is an error").
 */
export const REGIONS: Readonly<Record<Partition, readonly string[]>> = {
  aws: [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
};

export const PARTITIONS: readonly Partition[] = ["aws", "aws-cn", "aws-us-gov"];

/** Every Region of every partition, sorted: the `owner.region` enum. */
export const ALL_REGIONS: readonly string[] = PARTITIONS.flatMap((partition) => REGIONS[partition]).sort();

export function partitionOfRegion(region: string): Partition | undefined {
  return PARTITIONS.find((partition) => REGIONS[partition].includes(region));
}
