/**
 * The resolved model: the spec with every reference followed, every default applied, every
 * name and ARN computed, and everything sorted. Later stages read only this.
 */
import type { PartyProfileName, ShareProfileName } from "../permissions/catalogue";
import type { Capacity, ShareAccess, ShareVia } from "../spec/types";
import type { Location } from "./arns";

/** Tags of one resource: the spec-wide ones with its own on top, sorted by key. */
export type Tags = Readonly<Record<string, string>>;

export interface Model {
  /** Module name (spec `name`). */
  name: string;
  owner: Location;
  tags: Readonly<Record<string, string>>;
  keys: readonly Key[];
  /** Data streams. */
  streams: readonly Stream[];
  videoStreams: readonly VideoStream[];
  parties: readonly Party[];
  streamAdministrators: readonly StreamAdministrator[];
  shares: readonly Share[];
  /** The accounts shares grant to, each completed by a companion module. */
  externalAccounts: readonly ExternalAccount[];
}

export interface Key {
  /** Spec name under `keys`. */
  name: string;
  /** Terraform identifier for its resources. */
  id: string;
  /** Identifiers of its earlier names (`renamed_from`), oldest first. */
  formerIds: readonly string[];
  description: string;
  /** Full alias name, `alias/...`. */
  alias?: string;
  rotationDays: number;
  deletionWindowDays: number;
  administrators: readonly string[];
  tags: Tags;
  /**
   * Set for an existing key kgen does not manage (`arn` in the spec): kgen creates nothing for it,
   * names it by this ARN, and hands the key-policy statements it needs to the key's owner.
   */
  existing?: ExistingKey;
}

export interface ExistingKey {
  arn: string;
  /** The account that owns the key: the owner account or another one. */
  account: string;
}

export type StreamEncryption =
  | { kind: "customer-managed"; key: string }
  | { kind: "aws-managed" }
  | { kind: "none" };

export interface Stream {
  /** Spec name: what parties, shares and `kgen explain` name it by. */
  name: string;
  /** The stream's name in AWS (`aws_name`, default the spec name): in its ARN and `name`. */
  awsName: string;
  id: string;
  formerIds: readonly string[];
  arn: string;
  capacity: Capacity;
  shards?: number;
  retentionHours: number;
  encryption: StreamEncryption;
  administrators: readonly string[];
  tags: Tags;
}

/** A Kinesis video stream; always encrypted (a spec key, or the AWS-managed video key). */
export interface VideoStream {
  name: string;
  awsName: string;
  id: string;
  formerIds: readonly string[];
  /** `arn:P:kinesisvideo:R:A:stream/NAME/*`: the real ARN ends in the stream's creation time. */
  arnPattern: string;
  retentionHours: number;
  mediaType?: string;
  encryption: Exclude<StreamEncryption, { kind: "none" }>;
  administrators: readonly string[];
  tags: Tags;
}

/** A consumer kgen registers on a stream for a fan-out party. */
export interface RegisteredConsumer {
  /** The consumer's AWS name: the party's or share's AWS name. */
  name: string;
  /** The stream's spec name. */
  stream: string;
  /** The stream's AWS name, which the consumer's ARN holds. */
  streamAwsName: string;
  /** Set only with `defaults.tag_registered_consumers` (tags need hashicorp/aws 6.2.0). */
  tags?: Tags;
}

/** A role kgen creates for a party, with the controls the spec sets on it. */
export interface CreatedRole {
  kind: "created";
  name: string;
  /** `arn:P:iam::A:role/PATH/NAME`: the path is part of the ARN every policy names. */
  arn: string;
  /** IAM path, `/` unless the spec sets one. */
  path: string;
  /** Service principals the role trusts, sorted. */
  trustedServices: readonly string[];
  /** AWS principals (ARNs or account ids) the role trusts, sorted. */
  trustedPrincipals: readonly string[];
  permissionsBoundary?: string;
  /** Seconds; absent leaves IAM's default (3600). */
  maxSessionDuration?: number;
  /** Managed policy ARNs attached to it, spec-wide ones first, without repeats. */
  managedPolicies: readonly string[];
  /** It trusts EC2, so kgen creates an instance profile of the same name and path for it. */
  instanceProfile: boolean;
}

/**
 * Who a party runs as, and what its policy is attached to: a role kgen creates, or an existing
 * role, user or group of the owner account. A group is no principal: no policy can name it (IAM
 * guide "reference_policies_elements_principal"); its members act as themselves, as users.
 */
export type Role = CreatedRole | { kind: "existing" | "user" | "group"; name: string; arn: string };

export type PartyKind = "producer" | "consumer";

/** A producer or consumer: one role, one access profile, one or more streams. */
export interface Party {
  name: string;
  /** The name in its AWS names (`aws_name`, default the spec name): role, policy, consumers. */
  awsName: string;
  id: string;
  formerIds: readonly string[];
  kind: PartyKind;
  /** The row of the permission catalogue that decides what this party may do. */
  profile: PartyProfileName;
  role: Role;
  /** Name of the inline policy kgen attaches to the role, user or group: `<module>-<party>`. */
  policyName: string;
  /** Tags of what kgen creates for the party (role, instance profile, a user's or group's policy). */
  tags: Tags;
  /** Stream names, sorted. */
  streams: readonly string[];
  /** KCL application name (lease table, KCL's own consumer name); kcl consumers only. */
  application?: string;
  /** Consumers kgen registers for this party, one per stream (fan-out only). */
  registeredConsumers: readonly RegisteredConsumer[];
}

/** A stream administrator principal and the streams it administers. */
export interface StreamAdministrator {
  principal: string;
  id: string;
  /** Set when the principal is an IAM role of the owner account: kgen attaches the policy to it. */
  ownerRoleName?: string;
  /** Name of the policy kgen writes for it. */
  policyName: string;
  /** Data streams it administers, sorted. */
  streams: readonly string[];
  /** Video streams it administers, sorted. */
  videoStreams: readonly string[];
}

/** Cross-account access to some streams of the owner account. */
export interface Share {
  name: string;
  /** The name in its AWS names (`aws_name`, default the spec name): policy, fan-out consumers. */
  awsName: string;
  id: string;
  formerIds: readonly string[];
  /** The 12-digit account granted access. */
  account: string;
  access: ShareAccess;
  /** Who reads through it (read and fan-out shares), defaults applied. */
  via?: ShareVia;
  /** `kpl` when the other account writes with the KPL (write shares). */
  library?: "kpl";
  /** The row of the permission catalogue that decides what the share grants. */
  profile: ShareProfileName;
  /** KCL application name (its lease tables live in the share's account); KCL shares only. */
  application?: string;
  /** Principal ARNs of that account (account ids become root ARNs), sorted. */
  principals: readonly string[];
  streams: readonly string[];
  /** Consumers kgen registers for the share, one per stream (fan-out only). */
  registeredConsumers: readonly RegisteredConsumer[];
}

/** An account that shares grant to, and the companion module that completes them there. */
export interface ExternalAccount {
  account: string;
  /** Its alias under `accounts`, or the id: names the companion module. */
  label: string;
  /** `<module name>-<label>`. */
  moduleName: string;
  /** Names of the shares granting to it, sorted. */
  shares: readonly string[];
}
