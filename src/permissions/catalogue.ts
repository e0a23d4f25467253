/**
 * The permission catalogue: ../shared/design/permissions.md as data, and the only place in kgen
 * where an IAM action is named. Every set is exact — a party gets these actions on these
 * resources and nothing else. Sources are named per entry; "PERMS" is permissions.md.
 */

export type Action =
  | `kinesis:${string}`
  | `kinesisvideo:${string}`
  | `kms:${string}`
  | `dynamodb:${string}`
  | `cloudwatch:${string}`
  | `sts:${string}`;

/**
 * What an action is granted on, before it becomes an ARN. The model turns each target into
 * concrete ARNs for one party and one stream (see model/arns.ts).
 */
export type Target =
  /** S: the data stream. */
  | "stream"
  /** `S/consumer/CNAME:*`: the consumer kgen registers for this party (fan-out). */
  | "registered-consumer"
  /** `S/consumer/APP:*`: the consumer KCL 2+ registers itself, named after the application. */
  | "kcl-consumer"
  /** T(APP): the KCL lease table. */
  | "lease-table"
  /** `T(APP)/index/*`: KCL 3 queries the lease table's indexes. */
  | "lease-table-indexes"
  /** T(APP-WorkerMetricStats): KCL 3 worker metrics table. */
  | "worker-metrics-table"
  /** T(APP-CoordinatorState): KCL 3 coordinator state table. */
  | "coordinator-state-table"
  /** V: the video stream, `arn:P:kinesisvideo:R:A:stream/NAME/*` (its ARN ends in a creation time). */
  | "video-stream"
  /** `*`: only for actions that accept no narrower resource. */
  | "any";

export interface ActionGrant {
  on: Target;
  actions: readonly Action[];
}

/** The direction of a party's KMS use; each maps to exactly one KMS action. */
export type KeyUse = "encrypt" | "decrypt";

/**
 * Producers write with kms:GenerateDataKey, consumers read with kms:Decrypt (PERMS "KMS
 * scoping"; KDS developer guide "permissions-user-key-KMS").
 */
export const KEY_USE_ACTION: Readonly<Record<KeyUse, Action>> = {
  encrypt: "kms:GenerateDataKey",
  decrypt: "kms:Decrypt",
};

/** What one kind of party gets: its actions, its key use and the service a default role trusts. */
export interface AccessProfile {
  grants: readonly ActionGrant[];
  keyUse: KeyUse;
  /** The service whose streams the party uses: it scopes the party's key grants (KMS_SCOPES). */
  service?: StreamService;
  /** When the spec gives no role, kgen creates one trusting this service principal. */
  defaultTrust?: string;
  /** kgen registers a stream consumer named after the party on each of its streams. */
  registersConsumer?: boolean;
}

// Source: PERMS "Data stream parties", row "producer"; KDS developer guide "Controlling access".
const PRODUCER: AccessProfile = {
  grants: [
    {
      on: "stream",
      actions: [
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:ListShards",
        "kinesis:PutRecord",
        "kinesis:PutRecords",
      ],
    },
  ],
  keyUse: "encrypt",
};

// Source: PERMS rows "consumer get-records", "lambda" (Lambda guide "services-kinesis-create"),
// "flink" and KCL v1 (KDS guide "kcl-iam-permissions"): the same five stream actions.
const READ_STREAM: ActionGrant = {
  on: "stream",
  actions: [
    "kinesis:DescribeStream",
    "kinesis:DescribeStreamSummary",
    "kinesis:GetRecords",
    "kinesis:GetShardIterator",
    "kinesis:ListShards",
  ],
};

// Source: PERMS row "consumer kcl, v1": the lease table KCL creates and uses.
const KCL_TABLE_ACTIONS: readonly Action[] = [
  "dynamodb:CreateTable",
  "dynamodb:DescribeTable",
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:Scan",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
];

// Source: PERMS "cloudwatch:PutMetricData accepts only `*`; it is the one wildcard resource".
const KCL_METRICS: ActionGrant = { on: "any", actions: ["cloudwatch:PutMetricData"] };

// Source: PERMS row "consumer kcl, v2": v1 + enhanced fan-out, which KCL registers itself.
const KCL_FAN_OUT: readonly ActionGrant[] = [
  { on: "stream", actions: ["kinesis:RegisterStreamConsumer"] },
  { on: "kcl-consumer", actions: ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"] },
];

const KCL_V1: AccessProfile = {
  grants: [READ_STREAM, { on: "lease-table", actions: KCL_TABLE_ACTIONS }, KCL_METRICS],
  keyUse: "decrypt",
};

const KCL_V2: AccessProfile = {
  grants: [...KCL_V1.grants, ...KCL_FAN_OUT],
  keyUse: "decrypt",
};

// Source: PERMS row "consumer kcl, v3" (KDS guide "kcl-iam-permissions", KCL 3.x): UpdateTable on
// the lease table, Query on its indexes, and two more tables KCL 3 creates.
const KCL_V3: AccessProfile = {
  grants: [
    READ_STREAM,
    ...KCL_FAN_OUT,
    {
      on: "lease-table",
      actions: [
        "dynamodb:CreateTable",
        "dynamodb:DescribeTable",
        "dynamodb:UpdateTable",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Scan",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
      ],
    },
    { on: "lease-table-indexes", actions: ["dynamodb:Query"] },
    { on: "worker-metrics-table", actions: KCL_TABLE_ACTIONS },
    { on: "coordinator-state-table", actions: KCL_TABLE_ACTIONS },
    KCL_METRICS,
  ],
  keyUse: "decrypt",
};

// Source: PERMS row "consumer fan-out" (KDS guide "Develop enhanced fan-out consumers").
const FAN_OUT: AccessProfile = {
  grants: [
    { on: "stream", actions: ["kinesis:DescribeStreamSummary", "kinesis:ListShards"] },
    { on: "registered-consumer", actions: ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"] },
  ],
  keyUse: "decrypt",
  registersConsumer: true,
};

// Source: PERMS row "consumer firehose" (Firehose guide "controlling-access": no
// DescribeStreamSummary).
const FIREHOSE: AccessProfile = {
  grants: [
    {
      on: "stream",
      actions: ["kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"],
    },
  ],
  keyUse: "decrypt",
  defaultTrust: "firehose.amazonaws.com",
};

/** Every kind of data-stream party, by the name the model uses for it. */
export const DATA_STREAM_PROFILES = {
  producer: PRODUCER,
  "get-records": { grants: [READ_STREAM], keyUse: "decrypt" },
  // Source: PERMS row "consumer lambda"; default trust from the Lambda execution-role guide.
  lambda: { grants: [READ_STREAM], keyUse: "decrypt", defaultTrust: "lambda.amazonaws.com" },
  firehose: FIREHOSE,
  // Source: PERMS row "consumer flink"; Managed Service for Apache Flink's service principal.
  flink: { grants: [READ_STREAM], keyUse: "decrypt", defaultTrust: "kinesisanalytics.amazonaws.com" },
  "fan-out": FAN_OUT,
  "kcl-1": KCL_V1,
  "kcl-2": KCL_V2,
  "kcl-3": KCL_V3,
} as const satisfies Record<string, AccessProfile>;

export type DataStreamProfileName = keyof typeof DATA_STREAM_PROFILES;

/** The service a consumer's role trusts when the spec gives none (lambda, firehose, flink). */
export function defaultTrustOf(via: string): string | undefined {
  return via in DATA_STREAM_PROFILES ? (DATA_STREAM_PROFILES[via as DataStreamProfileName] as AccessProfile).defaultTrust : undefined;
}

export function accessProfile(name: PartyProfileName): AccessProfile {
  return name in VIDEO_STREAM_PROFILES ? VIDEO_STREAM_PROFILES[name as VideoStreamProfileName] : DATA_STREAM_PROFILES[name as DataStreamProfileName];
}

/**
 * Video stream parties (PERMS "Video stream parties"; seed "Using Server-Side Encryption with
 * Kinesis Video Streams"; Service Authorization Reference for Kinesis Video Streams). The IAM
 * prefix is `kinesisvideo:`: the seed's `kinesis-video:` is a documentation bug.
 */
const VIDEO_READ_COMMON: readonly Action[] = ["kinesisvideo:DescribeStream", "kinesisvideo:GetDataEndpoint"];

export const VIDEO_STREAM_PROFILES = {
  "video-producer": {
    grants: [{ on: "video-stream", actions: [...VIDEO_READ_COMMON, "kinesisvideo:PutMedia"] }],
    keyUse: "encrypt",
    service: "kinesisvideo",
  },
  // `via: media` (the default): GetMedia and the fragment APIs.
  "video-media": {
    grants: [
      {
        on: "video-stream",
        actions: [...VIDEO_READ_COMMON, "kinesisvideo:GetMedia", "kinesisvideo:ListFragments", "kinesisvideo:GetMediaForFragmentList"],
      },
    ],
    keyUse: "decrypt",
    service: "kinesisvideo",
  },
  // `via: playback`: HLS/DASH sessions, clips and images.
  "video-playback": {
    grants: [
      {
        on: "video-stream",
        actions: [
          ...VIDEO_READ_COMMON,
          "kinesisvideo:GetHLSStreamingSessionURL",
          "kinesisvideo:GetDASHStreamingSessionURL",
          "kinesisvideo:GetClip",
          "kinesisvideo:GetImages",
          "kinesisvideo:ListFragments",
        ],
      },
    ],
    keyUse: "decrypt",
    service: "kinesisvideo",
  },
} as const satisfies Record<string, AccessProfile>;

export type VideoStreamProfileName = keyof typeof VIDEO_STREAM_PROFILES;
export type PartyProfileName = DataStreamProfileName | VideoStreamProfileName;

/**
 * Cross-account shares (PERMS "Cross-account shares"; seed "Sharing your data stream with another
 * account"; KDS guide "resource-based-policy-examples"). The same sets appear in the stream's (and
 * the registered consumer's) resource policy in the owner account and in the IAM policy of the
 * companion module in the external account: cross-account access needs both halves.
 */
export const SHARE_PROFILES = {
  read: {
    grants: [
      {
        on: "stream",
        actions: ["kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"],
      },
    ],
    keyUse: "decrypt",
  },
  write: {
    grants: [
      {
        on: "stream",
        actions: ["kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords"],
      },
    ],
    keyUse: "encrypt",
  },
  "fan-out": {
    grants: [
      { on: "stream", actions: ["kinesis:DescribeStreamSummary", "kinesis:ListShards"] },
      { on: "registered-consumer", actions: ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"] },
    ],
    keyUse: "decrypt",
    registersConsumer: true,
  },
} as const satisfies Record<string, AccessProfile>;

export type ShareProfileName = keyof typeof SHARE_PROFILES;

export function shareProfile(name: ShareProfileName): AccessProfile {
  return SHARE_PROFILES[name];
}

/**
 * The only actions a Kinesis resource policy may ever hold (PERMS "Only these 8 shareable
 * actions may appear in resource policies").
 */
export const SHAREABLE_ACTIONS: readonly Action[] = [
  "kinesis:DescribeStreamSummary",
  "kinesis:GetRecords",
  "kinesis:GetShardIterator",
  "kinesis:ListShards",
  "kinesis:PutRecord",
  "kinesis:PutRecords",
  "kinesis:DescribeStreamConsumer",
  "kinesis:SubscribeToShard",
];

/** The two services whose streams kgen encrypts with KMS keys. */
export type StreamService = "kinesis" | "kinesisvideo";

/**
 * KMS conditions that tie a key grant to one service and, for data streams, to the streams a
 * party uses (PERMS "KMS scoping"; KMS guide "conditions-kms"). `kms:ViaService` keeps a key
 * shared by data and video streams scoped per service: a video consumer cannot decrypt
 * data-stream records and vice versa. Kinesis Data Streams sends `{"aws:kinesis:arn": S}` as
 * encryption context on every call, so a consumer of stream A cannot decrypt stream B's records
 * even under the same key; permissions.md names no encryption context for video streams.
 */
export const KMS_VIA_SERVICE_KEY = "kms:ViaService";
export const KINESIS_ENCRYPTION_CONTEXT_KEY = "kms:EncryptionContext:aws:kinesis:arn";
export const KMS_SCOPES: Readonly<Record<StreamService, { encryptionContextKey?: string }>> = {
  kinesis: { encryptionContextKey: KINESIS_ENCRYPTION_CONTEXT_KEY },
  kinesisvideo: {},
};
/** `kinesis.us-west-2.amazonaws.com`: the value of kms:ViaService for calls a service makes. */
export function viaService(service: StreamService, region: string, dnsSuffix: string): string {
  return `${service}.${region}.${dnsSuffix}`;
}

/**
 * KMS actions that take no key resource (Service Authorization Reference for AWS KMS: `*` only).
 * The console's key-administrator statement lists some of them in the key policy, where they can
 * never apply to the key; `kgen explain` asks them on `*` instead of claiming them on the key.
 */
export const KMS_ACTIONS_WITHOUT_KEY: ReadonlySet<string> = new Set<Action>([
  "kms:CreateCustomKeyStore",
  "kms:CreateKey",
  "kms:DeleteCustomKeyStore",
  "kms:DescribeCustomKeyStores",
  "kms:ListAliases",
  "kms:ListKeys",
  "kms:ListRetirableGrants",
  "kms:UpdateCustomKeyStore",
]);

/**
 * Key administrators: the console's default key-administrator statement (PERMS
 * "Administrators"; KMS guide "key-policy-default-allow-administrators"), with each wildcard
 * expanded to the named KMS actions it matches in the Service Authorization Reference. Never
 * Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*. test/permissions checks the expansion against
 * the IAM action catalogue.
 */
export const KEY_ADMINISTRATOR_WILDCARDS = [
  "Create*", "Describe*", "Enable*", "List*", "Put*", "Update*", "Revoke*", "Disable*", "Get*", "Delete*",
] as const;
export const KEY_ADMINISTRATOR_ACTIONS: readonly Action[] = [
  // Create*
  "kms:CreateAlias", "kms:CreateCustomKeyStore", "kms:CreateGrant", "kms:CreateKey",
  // Describe*
  "kms:DescribeCustomKeyStores", "kms:DescribeKey",
  // Enable*
  "kms:EnableKey", "kms:EnableKeyRotation",
  // List*
  "kms:ListAliases", "kms:ListGrants", "kms:ListKeyPolicies", "kms:ListKeyRotations", "kms:ListKeys",
  "kms:ListResourceTags", "kms:ListRetirableGrants",
  // Put*
  "kms:PutKeyPolicy",
  // Update*
  "kms:UpdateAlias", "kms:UpdateCustomKeyStore", "kms:UpdateKeyDescription", "kms:UpdatePrimaryRegion",
  // Revoke*
  "kms:RevokeGrant",
  // Disable*
  "kms:DisableKey", "kms:DisableKeyRotation",
  // Get*
  "kms:GetKeyLastUsage", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:GetParametersForImport",
  "kms:GetPublicKey",
  // Delete*
  "kms:DeleteAlias", "kms:DeleteCustomKeyStore", "kms:DeleteImportedKeyMaterial",
  // Named in the statement itself
  "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
];

/**
 * Stream administrators (PERMS "Administrators"; seed: "they need kms:List* and kms:DescribeKey*").
 * In the key policy of each key their streams use:
 */
export const STREAM_ADMINISTRATOR_KEY_ACTIONS: readonly Action[] = [
  "kms:DescribeKey",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
];

/**
 * ...and in the IAM policy kgen writes for them, by the kind of stream they administer: stream
 * management on the stream, and on `*` the actions that accept no narrower resource. No data
 * plane, no DeleteStream, no resource-policy or encryption changes: those belong to Terraform.
 */
export const STREAM_ADMINISTRATOR_GRANTS: Readonly<Record<"data" | "video", readonly ActionGrant[]>> = {
  // PERMS "Administrators", as listed there.
  data: [
    {
      on: "stream",
      actions: [
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:ListShards",
        "kinesis:ListStreamConsumers",
        "kinesis:ListTagsForStream",
        "kinesis:AddTagsToStream",
        "kinesis:RemoveTagsFromStream",
        "kinesis:IncreaseStreamRetentionPeriod",
        "kinesis:DecreaseStreamRetentionPeriod",
        "kinesis:MergeShards",
        "kinesis:SplitShard",
      ],
    },
    { on: "any", actions: ["kinesis:UpdateShardCount", "kinesis:EnableEnhancedMonitoring", "kinesis:DisableEnhancedMonitoring", "kinesis:ListStreams"] },
  ],
  // PERMS lists the data set only; spec v1 allows administrators on video streams too. This is
  // the same duty in Kinesis Video Streams' own actions (Service Authorization Reference, "Actions
  // defined by Amazon Kinesis Video Streams": resource type `stream` unless noted): describe,
  // tags, and retention (UpdateDataRetention both increases and decreases it, as the two
  // retention actions above do); ListStreams takes only `*`. Not UpdateStream (media type and
  // device name are Terraform's), no notification, image, edge or storage configuration.
  video: [
    {
      on: "video-stream",
      actions: [
        "kinesisvideo:DescribeStream",
        "kinesisvideo:ListTagsForStream",
        "kinesisvideo:TagStream",
        "kinesisvideo:UntagStream",
        "kinesisvideo:UpdateDataRetention",
      ],
    },
    { on: "any", actions: ["kinesisvideo:ListStreams"] },
  ],
};

/** Stream administrators of either kind find their streams' keys: on `*` only (PERMS "Administrators"). */
export const STREAM_ADMINISTRATOR_KEY_LISTING: ActionGrant = { on: "any", actions: ["kms:ListAliases", "kms:ListKeys"] };

/**
 * The key policy always keeps kms:* for the owner account's root (PERMS "Administrators"; KMS
 * guide "key-policy-default-allow-root-enable-iam"): the key can never be orphaned, and IAM
 * policies in the account can be used to manage it.
 */
export const ACCOUNT_ROOT_KEY_ACTIONS: readonly Action[] = ["kms:*"];

/** Trust policies allow exactly this for the principals in `assumed_by` (PERMS "Trust policies"). */
export const ASSUME_ROLE_ACTION: Action = "sts:AssumeRole";
