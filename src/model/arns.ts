/**
 * ARNs built statically from partition, region, account and name. Wherever a name is known the
 * generated policies carry the literal ARN, so reviewers and policy validators read real ARNs in
 * the HCL and in plan JSON. Formats: Service Authorization Reference, "Resource types" tables.
 */
import type { Partition } from "../spec/types";
import type { Role } from "./types";

export interface Location {
  partition: Partition;
  region: string;
  account: string;
}

/** Service endpoints and service principals differ in the China partition. */
export function dnsSuffix(partition: Partition): string {
  return partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

export function streamArn(at: Location, streamName: string): string {
  return `arn:${at.partition}:kinesis:${at.region}:${at.account}:stream/${streamName}`;
}

/** Video stream ARNs end in the stream's creation time, unknown until it exists. */
export function videoStreamArnPattern(at: Location, streamName: string): string {
  return `arn:${at.partition}:kinesisvideo:${at.region}:${at.account}:stream/${streamName}/*`;
}

/**
 * Consumer ARNs end in a registration timestamp that changes when a consumer is re-registered,
 * so identity policies name `S/consumer/CNAME:*` (permissions.md, symbol C).
 */
export function consumerArnPattern(at: Location, streamName: string, consumerName: string): string {
  return `${consumerArn(at, streamName, consumerName)}:*`;
}

/**
 * `S/consumer/CNAME` without the registration time: how IAM sees DescribeStreamConsumer called
 * with the stream ARN and the consumer's name (permissions.md Revision 2).
 */
export function consumerArn(at: Location, streamName: string, consumerName: string): string {
  return `${streamArn(at, streamName)}/consumer/${consumerName}`;
}

/** KMS assigns a key's id when it creates the key: kgen's modules refer to `aws_kms_key.<k>.arn`. */
export function keyArn(at: Location, keyId: string): string {
  return `arn:${at.partition}:kms:${at.region}:${at.account}:key/${keyId}`;
}

export function tableArn(at: Location, tableName: string): string {
  return `arn:${at.partition}:dynamodb:${at.region}:${at.account}:table/${tableName}`;
}

/** A role's ARN holds its path: `arn:P:iam::A:role/teams/x/NAME` for path `/teams/x/`. */
export function roleArn(partition: Partition, account: string, roleName: string, path = "/"): string {
  return `arn:${partition}:iam::${account}:role${path}${roleName}`;
}

/** An instance profile's ARN, with the same path rule as a role's. */
export function instanceProfileArn(partition: Partition, account: string, name: string, path = "/"): string {
  return `arn:${partition}:iam::${account}:instance-profile${path}${name}`;
}

export function accountRootArn(partition: Partition, account: string): string {
  return `arn:${partition}:iam::${account}:root`;
}

/**
 * Who makes a party's requests: its role or user. A group makes none (IAM guide "id_groups": a
 * group "is not truly an identity"); its members do, each as a user holding the group's policies.
 * explain and the README stand for any member with `user/member-of-group/GROUP` of the group's
 * account: a placeholder in the group's own words, not a user kgen expects to exist.
 */
export function requestingPrincipal(role: Role): string {
  if (role.kind !== "group") return role.arn;
  const [arn, partition, , , account] = role.arn.split(":");
  return `${arn}:${partition}:iam::${account}:user/member-of-group/${role.name}`;
}

/** The last path segment of an IAM role, user or group ARN is its name (`role/path/name` -> `name`). */
export function iamNameFromArn(arn: string): string {
  const resource = arn.split(":").slice(5).join(":");
  return resource.slice(resource.lastIndexOf("/") + 1);
}

/** `arn:aws:iam::123456789012:role/x` -> `123456789012`; undefined when not an IAM ARN. */
export function iamArnAccount(arn: string): string | undefined {
  const match = /^arn:[a-z-]+:iam::(\d{12}):/.exec(arn);
  return match?.[1];
}

export function isIamRoleArn(arn: string): boolean {
  return /^arn:[a-z-]+:iam::\d{12}:role\//.test(arn);
}
