/**
 * The permission catalogue: ../shared/design/permissions.md (with its "Revision 2 — what the real
 * clients call") as data, and the only place in kgen where an IAM action is named. Every set is
 * exact — a party gets these actions on these resources and nothing else — and every action says
 * which real client call it serves (`why`, shown to reviewers in each module README). Sources are
 * named per entry; "PERMS" is permissions.md, "KCL" is awslabs/amazon-kinesis-client (v1.15.3,
 * v2.7.3, v3.5.1), "KPL" awslabs/amazon-kinesis-producer v1.0.7. test/runtime holds the
 * independent witness: a model of what those clients call, with its own sources. What kgen never
 * grants is in catalogue-never-granted.ts (import it from there: it builds on KEY_USE_ACTION).
 */

import { grant, type Action, type ActionGrant, type Target } from "./action-grant";

export * from "./action-grant";
export * from "./catalogue-administrators";

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
export const KEY_USE_WHY: Readonly<Record<KeyUse, string>> = {
  encrypt: "the stream service encrypts what it writes (server-side encryption), through the service, for these streams only",
  decrypt: "the stream service decrypts what it reads (server-side encryption), through the service, for these streams only",
};

/** What one kind of party gets: its actions, its key use and the service a default role trusts. */
export interface AccessProfile {
  grants: readonly ActionGrant[];
  keyUse: KeyUse;
  /** The service whose streams the party uses: it scopes the party's key grants (KMS_SCOPES). */
  service?: StreamService;
  /** When the spec gives no role, kgen creates one trusting this service principal. */
  defaultTrust?: string;
  /** kgen registers a stream consumer named after the party (or share) on each of its streams. */
  registersConsumer?: boolean;
}

const WHY = {
  summary: "reads the stream's ARN and status (DescribeStreamSummary)",
  listShards: "lists the stream's shards and their hash key ranges",
  getIterator: "gets a shard iterator to read a shard from a position",
  getRecords: "reads records",
  putRecord: "writes one record",
  putRecords: "writes records in batches",
} as const;

// Source: PERMS "Data stream parties", row "producer"; KDS guide "developing-producers-with-sdk"
// (PutRecord, PutRecords), the SDK producer of the KPL/KCL tutorial (DescribeStream before
// writing), KDS API reference (DescribeStreamSummary for the status; ListShards for the hash key
// ranges an ExplicitHashKey targets).
const PRODUCER: AccessProfile = {
  grants: [
    grant("stream", {
      "kinesis:DescribeStream": "checks the stream exists and is active before writing (the KDS tutorial's SDK producer)",
      "kinesis:DescribeStreamSummary": WHY.summary,
      "kinesis:ListShards": "finds the shards' hash key ranges to route records by explicit hash key",
      "kinesis:PutRecord": WHY.putRecord,
      "kinesis:PutRecords": WHY.putRecords,
    }),
  ],
  keyUse: "encrypt",
};

// Source: PERMS Revision 2 "KPL producers". The KPL (1.0.7; ListShards since 0.14.0) keeps a
// shard map with ListShards and writes only with PutRecords (aws/kinesis/core/pipeline.h), and
// publishes its metrics by default (configuration.h: metrics_level "detailed", namespace
// "KinesisProducerLibrary"; aws/metrics/metrics_manager.cc PutMetricData).
const KPL_PRODUCER: AccessProfile = {
  grants: [
    grant("stream", {
      "kinesis:ListShards": "the KPL keeps a map of shards and their hash key ranges (ListShards)",
      "kinesis:PutRecords": "the KPL writes aggregated records in batches (PutRecords)",
    }),
    grant("any", { "cloudwatch:PutMetricData": "the KPL publishes its metrics under KinesisProducerLibrary" }, "KinesisProducerLibrary"),
  ],
  keyUse: "encrypt",
};

// Source: PERMS rows "consumer get-records", "lambda" (Lambda guide "services-kinesis-create":
// DescribeStream, DescribeStreamSummary, GetRecords, GetShardIterator, ListShards) and "flink"
// (flink-connector-aws: FlinkKinesisConsumer 4.x DescribeStream + ListShards, KinesisStreamsSource
// 5.x DescribeStreamSummary + ListShards, both GetShardIterator + GetRecords): the same five
// actions, each kind with its own reasons.
function readStream(describe: string, summary: string): ActionGrant {
  return grant("stream", {
    "kinesis:DescribeStream": describe,
    "kinesis:DescribeStreamSummary": summary,
    "kinesis:GetRecords": WHY.getRecords,
    "kinesis:GetShardIterator": WHY.getIterator,
    "kinesis:ListShards": WHY.listShards,
  });
}
const SDK_READ = readStream("lists shards the way the KDS guide's older SDK examples do", WHY.summary);
const LAMBDA_READ = readStream("Lambda checks the stream when the event source mapping is created", "Lambda reads the stream summary");
const FLINK_READ = readStream("FlinkKinesisConsumer (4.x) looks up the stream ARN", "KinesisStreamsSource (5.x) reads the stream summary");

/** The DynamoDB actions of each KCL table, with what KCL does with them. */
const TABLE_WHY = {
  create: "creates the table on first start",
  describe: "checks the table exists and is active",
  scan: "lists every entry (all leases, worker metrics, coordinator state)",
  get: "reads one entry",
  put: "adds an entry, conditionally",
  update: "renews, takes and checkpoints entries, conditionally",
  delete: "removes entries of finished shards or departed workers",
} as const;

// Source: PERMS row "consumer kcl, v1"; KCL 1.15.3 LeaseManager.java: the lease table KCL creates
// and uses.
const KCL_LEASE_TABLE = {
  "dynamodb:CreateTable": TABLE_WHY.create,
  "dynamodb:DescribeTable": TABLE_WHY.describe,
  "dynamodb:GetItem": TABLE_WHY.get,
  "dynamodb:PutItem": TABLE_WHY.put,
  "dynamodb:Scan": TABLE_WHY.scan,
  "dynamodb:UpdateItem": TABLE_WHY.update,
  "dynamodb:DeleteItem": TABLE_WHY.delete,
} as const;

// Source: PERMS Revision 2 (namespace condition); cloudwatch:PutMetricData accepts only `*`
// (Service Authorization Reference), so the namespace is what scopes it.
const KCL_METRICS = grant("any", { "cloudwatch:PutMetricData": "KCL publishes its metrics under the application's name" }, "kcl-application");

// Source: KCL 1.15.3 KinesisProxy.java: ListShards (DescribeStream up to 1.9.0), GetShardIterator,
// GetRecords. KCL 1.x never calls DescribeStreamSummary (measured by test/runtime).
const KCL_V1: AccessProfile = {
  grants: [
    grant("stream", {
      "kinesis:DescribeStream": "KCL 1.x up to 1.9.0 lists shards with DescribeStream",
      "kinesis:GetRecords": WHY.getRecords,
      "kinesis:GetShardIterator": WHY.getIterator,
      "kinesis:ListShards": "KCL 1.9.1+ lists shards (shard sync)",
    }),
    grant("lease-table", KCL_LEASE_TABLE),
    KCL_METRICS,
  ],
  keyUse: "decrypt",
};

// Source: PERMS row "consumer kcl, v2" and Revision 2 "By-name consumer lookups"; KCL 2.7.3/3.5.1
// FanOutConsumerRegistration.java: DescribeStreamSummary for the stream ARN,
// DescribeStreamConsumer(StreamARN, ConsumerName), RegisterStreamConsumer if absent, then
// DescribeStreamConsumer(ConsumerARN) until ACTIVE; FanOutRecordsPublisher SubscribeToShard;
// polling mode and KinesisShardDetector.getChildShards: GetShardIterator, GetRecords. KCL 2.x
// and 3.x never call DescribeStream (measured by test/runtime).
const KCL_STREAM_AND_CONSUMER: readonly ActionGrant[] = [
  grant("stream", {
    "kinesis:DescribeStreamSummary": "KCL reads the stream ARN before registering its consumer",
    "kinesis:GetRecords": "polling mode, and finding child shards after a reshard",
    "kinesis:GetShardIterator": "polling mode, and finding child shards after a reshard",
    "kinesis:ListShards": "KCL lists shards (shard sync)",
    "kinesis:RegisterStreamConsumer": "KCL registers its enhanced fan-out consumer on first start",
  }),
  grant("kcl-consumer-name", { "kinesis:DescribeStreamConsumer": "KCL looks its consumer up by stream ARN and name at start" }),
  grant("kcl-consumer", {
    "kinesis:DescribeStreamConsumer": "KCL waits for its consumer to be ACTIVE, by consumer ARN",
    "kinesis:SubscribeToShard": "KCL reads records over enhanced fan-out (the default)",
  }),
];

const KCL_V2: AccessProfile = {
  grants: [...KCL_STREAM_AND_CONSUMER, grant("lease-table", KCL_LEASE_TABLE), KCL_METRICS],
  keyUse: "decrypt",
};

// Source: PERMS row "consumer kcl, v3" and Revision 2 "KCL 3.5 single-table migration"; KCL 3.5.1
// DynamoDBLeaseRefresher (UpdateTable adds the lease-owner index, Query reads it),
// WorkerMetricStatsDAO and CoordinatorStateDAO (3.0-3.4 create both tables; 3.5 describes them at
// start and, with migrateAllEntitiesToLeaseTable, moves their entries in transactions whose
// ConditionCheck is on the coordinator state table: TableMigrationStateMachineImpl). KCL never
// reads or puts single worker-metrics entries (UpdateItem writes them; measured by test/runtime).
const KCL_V3: AccessProfile = {
  grants: [
    ...KCL_STREAM_AND_CONSUMER,
    grant("lease-table", {
      "dynamodb:CreateTable": TABLE_WHY.create,
      "dynamodb:DescribeTable": TABLE_WHY.describe,
      "dynamodb:UpdateTable": "KCL 3 adds the lease-owner index to the lease table",
      "dynamodb:GetItem": TABLE_WHY.get,
      "dynamodb:PutItem": TABLE_WHY.put,
      "dynamodb:Scan": TABLE_WHY.scan,
      "dynamodb:UpdateItem": TABLE_WHY.update,
      "dynamodb:DeleteItem": TABLE_WHY.delete,
    }),
    grant("lease-table-indexes", { "dynamodb:Query": "KCL 3 finds a worker's leases through the lease-owner index" }),
    grant("worker-metrics-table", {
      "dynamodb:CreateTable": "KCL 3.0-3.4 create the worker metrics table",
      "dynamodb:DescribeTable": TABLE_WHY.describe,
      "dynamodb:Scan": "the leader reads every worker's metrics to balance leases",
      "dynamodb:UpdateItem": "each worker writes its own metrics",
      "dynamodb:DeleteItem": "removes the metrics of departed workers, or moves them to the lease table",
    }),
    grant("coordinator-state-table", {
      ...KCL_LEASE_TABLE,
      "dynamodb:CreateTable": "KCL 3.0-3.4 create the coordinator state table",
      "dynamodb:ConditionCheckItem": "KCL 3.5's move to the lease table checks the leader lock in a transaction",
    }),
    KCL_METRICS,
  ],
  keyUse: "decrypt",
};

// Source: PERMS row "consumer fan-out" and Revision 2 (both consumer-ARN forms); KDS guide
// "building-enhanced-consumers-api" and API reference DescribeStreamConsumer (by consumer ARN, or
// by stream ARN and consumer name, as flink-connector-aws StreamConsumerRegistrar does).
const FAN_OUT: AccessProfile = {
  grants: [
    grant("stream", { "kinesis:DescribeStreamSummary": WHY.summary, "kinesis:ListShards": WHY.listShards }),
    grant("registered-consumer-name", { "kinesis:DescribeStreamConsumer": "finds its registered consumer by stream ARN and name" }),
    grant("registered-consumer", {
      "kinesis:DescribeStreamConsumer": "checks its registered consumer is ACTIVE, by consumer ARN",
      "kinesis:SubscribeToShard": "reads records over enhanced fan-out",
    }),
  ],
  keyUse: "decrypt",
  registersConsumer: true,
};

// Source: PERMS row "consumer firehose" (Firehose guide "controlling-access", Kinesis Data Streams
// as the source: DescribeStream, GetShardIterator, GetRecords, ListShards; no DescribeStreamSummary).
const FIREHOSE: AccessProfile = {
  grants: [
    grant("stream", {
      "kinesis:DescribeStream": "Firehose checks the source stream",
      "kinesis:GetRecords": WHY.getRecords,
      "kinesis:GetShardIterator": WHY.getIterator,
      "kinesis:ListShards": WHY.listShards,
    }),
  ],
  keyUse: "decrypt",
  defaultTrust: "firehose.amazonaws.com",
};

/** Every kind of data-stream party, by the name the model uses for it. */
export const DATA_STREAM_PROFILES = {
  producer: PRODUCER,
  "kpl-producer": KPL_PRODUCER,
  "get-records": { grants: [SDK_READ], keyUse: "decrypt" },
  // Source: PERMS row "consumer lambda"; default trust from the Lambda execution-role guide.
  lambda: { grants: [LAMBDA_READ], keyUse: "decrypt", defaultTrust: "lambda.amazonaws.com" },
  firehose: FIREHOSE,
  // Source: PERMS row "consumer flink"; Managed Service for Apache Flink's service principal.
  flink: { grants: [FLINK_READ], keyUse: "decrypt", defaultTrust: "kinesisanalytics.amazonaws.com" },
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
 * prefix is `kinesisvideo:`: the seed's `kinesis-video:` is a documentation bug. Every media API
 * is called at the endpoint GetDataEndpoint returns for it.
 */
const DATA_ENDPOINT_WHY = "finds the endpoint for its media API (GetDataEndpoint with that APIName)";

export const VIDEO_STREAM_PROFILES = {
  // Source: amazon-kinesis-video-streams-producer-c 1.6.4 CurlApiCallbacks.c (under the C++
  // producer SDK 3.6.0): /describeStream, /getDataEndpoint (PUT_MEDIA), /putMedia.
  "video-producer": {
    grants: [
      grant("video-stream", {
        "kinesisvideo:DescribeStream": "the producer SDK checks the stream exists before streaming",
        "kinesisvideo:GetDataEndpoint": DATA_ENDPOINT_WHY,
        "kinesisvideo:PutMedia": "streams media",
      }),
    ],
    keyUse: "encrypt",
    service: "kinesisvideo",
  },
  // `via: media` (the default): GetMedia and the fragment APIs, as the parser library's
  // GetMediaWorker, ListFragmentWorker and GetMediaForFragmentListWorker call them. No consumer
  // calls DescribeStream (measured by test/runtime).
  "video-media": {
    grants: [
      grant("video-stream", {
        "kinesisvideo:GetDataEndpoint": DATA_ENDPOINT_WHY,
        "kinesisvideo:GetMedia": "reads live media",
        "kinesisvideo:ListFragments": "lists archived fragments",
        "kinesisvideo:GetMediaForFragmentList": "reads archived fragments",
      }),
    ],
    keyUse: "decrypt",
    service: "kinesisvideo",
  },
  // `via: playback` (KVS guide "how-hls", "how-dash", archived-media API reference): sessions,
  // clips and images, at the endpoint GetDataEndpoint returns for each.
  "video-playback": {
    grants: [
      grant("video-stream", {
        "kinesisvideo:GetDataEndpoint": DATA_ENDPOINT_WHY,
        "kinesisvideo:GetHLSStreamingSessionURL": "opens an HLS playback session",
        "kinesisvideo:GetDASHStreamingSessionURL": "opens a DASH playback session",
        "kinesisvideo:GetClip": "downloads a clip",
        "kinesisvideo:GetImages": "reads images",
        "kinesisvideo:ListFragments": "finds the fragments of a time range",
      }),
    ],
    keyUse: "decrypt",
    service: "kinesisvideo",
  },
} as const satisfies Record<string, AccessProfile>;

export type VideoStreamProfileName = keyof typeof VIDEO_STREAM_PROFILES;
export type PartyProfileName = DataStreamProfileName | VideoStreamProfileName;

/**
 * Cross-account shares (PERMS "Cross-account shares" and Revision 2; KDS guide
 * "resource-based-policy-examples"), by access and by who reads or writes through them. Grants on
 * the stream and the registered consumer appear in both halves: the owner's resource policies and
 * the IAM policy of the companion module. Grants on tables and metrics are the external account's
 * own (the KCL's lease tables live there): they go into the companion policy only.
 */
const KCL_SHARE_STREAM = {
  "kinesis:GetRecords": WHY.getRecords,
  "kinesis:GetShardIterator": WHY.getIterator,
  "kinesis:ListShards": "KCL lists shards (shard sync)",
} as const;

/** The KCL's own tables and metrics, in the external account (same sets as in-account, by version). */
function kclOwnGrants(version: 1 | 2 | 3): ActionGrant[] {
  return DATA_STREAM_PROFILES[`kcl-${version}`].grants.filter((g) => !["stream", "kcl-consumer", "kcl-consumer-name"].includes(g.on));
}

// Source: KCL 3.5.1 test TestConsumer.java / StreamExistenceManager.java (its cross-account test):
// "KCL cannot create the consumer automatically in another account": the owner registers it and
// the other account configures its ARN (FanOutConfig.consumerArn: no lookup, no registration),
// then SubscribeToShard; KinesisShardDetector.getChildShards still reads child shards with
// GetShardIterator and GetRecords. KCL 1.x has no enhanced fan-out. Cross-account KCL needs KCL
// 1.15.0 / 2.5.3 or later (KDS guide "resource-based-policy-examples").
function kclFanOutShare(version: 2 | 3): AccessProfile {
  return {
    grants: [
      grant("stream", KCL_SHARE_STREAM),
      grant("registered-consumer", { "kinesis:SubscribeToShard": "KCL reads over enhanced fan-out, with the consumer ARN the owner registered" }),
      ...kclOwnGrants(version),
    ],
    keyUse: "decrypt",
    registersConsumer: true,
  };
}

// Polling only: a read share grants no consumer. KCL 1.15+ and 2.x/3.x poll with ListShards,
// GetShardIterator and GetRecords (KinesisProxy / KinesisShardDetector, KinesisDataFetcher).
function kclReadShare(version: 1 | 2 | 3): AccessProfile {
  return { grants: [grant("stream", KCL_SHARE_STREAM), ...kclOwnGrants(version)], keyUse: "decrypt" };
}

export const SHARE_PROFILES = {
  // An AWS SDK reader: the 4 read actions of PERMS "Cross-account shares".
  read: {
    grants: [
      grant("stream", {
        "kinesis:DescribeStreamSummary": WHY.summary,
        "kinesis:GetRecords": WHY.getRecords,
        "kinesis:GetShardIterator": WHY.getIterator,
        "kinesis:ListShards": WHY.listShards,
      }),
    ],
    keyUse: "decrypt",
  },
  // Source: PERMS Revision 2 "Cross-account Lambda"; KDS guide "resource-based-policy-examples"
  // ("Make sure to include the action kinesis:DescribeStream"): the Lambda read set on both halves.
  "read-lambda": { grants: [LAMBDA_READ], keyUse: "decrypt" },
  "read-kcl-1": kclReadShare(1),
  "read-kcl-2": kclReadShare(2),
  "read-kcl-3": kclReadShare(3),
  write: {
    grants: [
      grant("stream", {
        "kinesis:DescribeStreamSummary": WHY.summary,
        "kinesis:ListShards": WHY.listShards,
        "kinesis:PutRecord": WHY.putRecord,
        "kinesis:PutRecords": WHY.putRecords,
      }),
    ],
    keyUse: "encrypt",
  },
  "write-kpl": KPL_PRODUCER,
  // An AWS SDK reader with the consumer the owner registers, by its ARN: cross-account consumers
  // are shared by ARN (KDS guide "resource-based-policy-examples"), so no by-name form here.
  "fan-out": {
    grants: [
      grant("stream", { "kinesis:DescribeStreamSummary": WHY.summary, "kinesis:ListShards": WHY.listShards }),
      grant("registered-consumer", {
        "kinesis:DescribeStreamConsumer": "checks the shared consumer is ACTIVE, by consumer ARN",
        "kinesis:SubscribeToShard": "reads records over enhanced fan-out",
      }),
    ],
    keyUse: "decrypt",
    registersConsumer: true,
  },
  "fan-out-kcl-2": kclFanOutShare(2),
  "fan-out-kcl-3": kclFanOutShare(3),
} as const satisfies Record<string, AccessProfile>;

export type ShareProfileName = keyof typeof SHARE_PROFILES;

export function shareProfile(name: ShareProfileName): AccessProfile {
  return SHARE_PROFILES[name];
}

/** Share grants on these targets are the owner's to give, in resource policies; the others are the external account's own. */
export const SHARED_TARGETS: ReadonlySet<Target> = new Set<Target>(["stream", "registered-consumer"]);

/**
 * The only actions a Kinesis resource policy may ever hold: the 8 of PERMS "Cross-account shares"
 * plus DescribeStream, which a cross-account Lambda needs (PERMS Revision 2).
 */
export const SHAREABLE_ACTIONS: readonly Action[] = [
  "kinesis:DescribeStream",
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

