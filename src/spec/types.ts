/**
 * The validated shape of a kgen spec (contract: spec-v1.md). The loader turns YAML into this
 * type after every structural check has passed, so later stages never see malformed input.
 * Every field here has its default already applied.
 */

export type Partition = "aws" | "aws-cn" | "aws-us-gov";

export interface Owner {
  /** 12-digit AWS account id that holds the streams and keys. */
  account: string;
  region: string;
  partition: Partition;
}

/** Tags as written: a key, stream or party's own come on top of the spec-wide ones. */
export type Tags = Record<string, string>;

/**
 * A key kgen creates, or (with `arn`) an existing customer-managed key of this or another account:
 * kgen then creates nothing for it and writes the key-policy statements its owner must add; the
 * other fields may not be written (their defaults are filled in and ignored).
 */
export interface KeySpec {
  /** An existing key's ARN. */
  arn?: string;
  description?: string;
  /** Alias name without the `alias/` prefix. */
  alias?: string;
  /** Rotation is always on; 90..2560 days. */
  rotation_days: number;
  /** 7..30 days. */
  deletion_window_days: number;
  /** Principal ARNs that manage the key but cannot use it. */
  administrators: string[];
  /** Earlier names, oldest first: kgen moves their Terraform state to this key. */
  renamed_from?: string[];
  tags?: Tags;
}

export type StreamType = "data" | "video";
export type Capacity = "on-demand" | "provisioned";
/** A key name from `keys`, or one of the two fixed modes. */
export type Encryption = string;
export const AWS_MANAGED = "aws-managed";
export const NO_ENCRYPTION = "none";

export interface StreamSpec {
  type: StreamType;
  capacity: Capacity;
  shards?: number;
  retention_hours: number;
  encryption: Encryption;
  media_type?: string;
  administrators: string[];
  /** The stream's AWS name when it is not the spec name (kept across a rename). */
  aws_name?: string;
  renamed_from?: string[];
  tags?: Tags;
}

/** Controls on a role kgen creates: per role, and once for the spec under `defaults.role`. */
export interface RoleControls {
  /** IAM path, `/` or `/a/b/`. */
  path?: string;
  /** Policy ARN of the permissions boundary. */
  permissions_boundary?: string;
  /** 3600..43200 seconds. */
  max_session_duration?: number;
  /** Policy ARNs to attach. */
  managed_policies?: string[];
}

/**
 * At most one of `assumed_by` (kgen creates the role) or `arn` (an existing role); neither where
 * the party has a default trust. The controls apply to roles kgen creates only.
 */
export interface RoleSpec extends RoleControls {
  assumed_by?: string[];
  arn?: string;
  /** The created role's name instead of `<module>-<party>`. */
  name?: string;
}

/** Besides `role`, a party may name an existing IAM user or group of the owner account (at most one of the three). */
export interface PartyIdentitySpec {
  role?: RoleSpec;
  /** An existing IAM user's ARN. */
  user?: string;
  /** An existing IAM group's ARN. */
  group?: string;
  tags?: Tags;
  /** The name in the party's AWS names when it is not the spec name (kept across a rename). */
  aws_name?: string;
  /** Earlier names, oldest first: kgen moves their Terraform state to this party. */
  renamed_from?: string[];
}

/**
 * How a data-stream producer writes: through the AWS SDK (the default) or the Kinesis Producer
 * Library, which also publishes its own CloudWatch metrics.
 */
export type ProducerLibrary = "sdk" | "kpl";

export interface ProducerSpec extends PartyIdentitySpec {
  streams: string[];
  /** Data streams only; absent means `sdk`. */
  library?: ProducerLibrary;
}

export type DataConsumerVia = "get-records" | "kcl" | "fan-out" | "lambda" | "firehose" | "flink";
export type VideoConsumerVia = "media" | "playback";
export type ConsumerVia = DataConsumerVia | VideoConsumerVia;
export type KclVersion = 1 | 2 | 3;

export interface ConsumerSpec extends PartyIdentitySpec {
  streams: string[];
  /** Absent in YAML means the default for the streams' type: get-records (data) or media (video). */
  via: ConsumerVia;
  /** kcl only: the KCL application name; defaults to the consumer's name. */
  application?: string;
  /** kcl only. */
  kcl_version?: KclVersion;
}

export type ShareAccess = "read" | "write" | "fan-out";
/**
 * Who reads through a share, as `via` says for consumers: an AWS SDK client (`get-records` for
 * read shares, `fan-out` for fan-out shares, the defaults), a Lambda function, or a KCL application.
 */
export type ShareVia = "get-records" | "lambda" | "kcl" | "fan-out";

export interface ShareSpec {
  /** An alias from `accounts` or a 12-digit id. */
  account: string;
  /** Principal ARNs or account ids of the share's account; empty means the account root. */
  principals: string[];
  streams: string[];
  access: ShareAccess;
  /** Read and fan-out shares only; absent means get-records (read) or fan-out (fan-out). */
  via?: ShareVia;
  /** `via: kcl` only: the KCL application name; absent means the share's name. */
  application?: string;
  /** `via: kcl` only; absent means 3. */
  kcl_version?: KclVersion;
  /** Write shares only: how the other account writes; absent means `sdk`. */
  library?: ProducerLibrary;
  /** The name in the share's AWS names (policy, fan-out consumers) when it is not the spec name. */
  aws_name?: string;
  renamed_from?: string[];
}

/** Settings for the whole spec. */
export interface DefaultsSpec {
  /** Controls on every role kgen creates. */
  role?: RoleControls;
  /** Tag registered consumers too (needs hashicorp/aws 6.2.0); absent means false. */
  tag_registered_consumers?: boolean;
}

export interface Spec {
  version: 1;
  name: string;
  owner: Owner;
  tags: Record<string, string>;
  defaults?: DefaultsSpec;
  accounts: Record<string, string>;
  keys: Record<string, KeySpec>;
  streams: Record<string, StreamSpec>;
  producers: Record<string, ProducerSpec>;
  consumers: Record<string, ConsumerSpec>;
  shares: Record<string, ShareSpec>;
}
