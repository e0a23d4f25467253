/**
 * The Kinesis Client Library, by major version, in the owner account (`via: kcl`) and through
 * shares from another account. Sources: github.com/awslabs/amazon-kinesis-client at the tags
 * v1.15.3, v2.7.3 and v3.5.1 (paths under src/main/java of each).
 */
import { arns, keyUse, perStream, type Kind, type ModelledParty, type RuntimeCall } from "./calls";

type Version = 1 | 2 | 3;

const V1 = "KCL v1.15.3 com/amazonaws/services/kinesis";
const V2 = "KCL v2.7.3 software/amazon/kinesis";
const V3 = "KCL v3.5.1 software/amazon/kinesis";
const LATEST: Record<Version, string> = { 1: V1, 2: V2, 3: V3 };

/** Modes of the model, by the configuration or release that makes their calls. */
const MODE = {
  upTo190: "KCL 1.x up to 1.9.0 (DescribeStream lists shards)",
  polling: "polling (RetrievalConfig with PollingConfig)",
  legacyTables: "KCL 3.0-3.4, or 3.5 upgraded from them (separate worker-metrics and coordinator-state tables)",
  migration: "KCL 3.5 with migrateAllEntitiesToLeaseTable (single-table migration)",
} as const;

const UNSUPPORTED = [
  "tableName, consumerName or metrics namespace other than the application name",
  "lease table point-in-time recovery (UpdateContinuousBackups) and tags (TagResource)",
  "multi-stream mode",
];

function stream(party: ModelledParty, name: string, action: string, step: string, source: string, mode = "default"): RuntimeCall {
  return { action: `kinesis:${action}`, resource: arns.stream(party.owner, name), step, source, mode };
}

function table(party: ModelledParty, suffix: string, action: string, step: string, source: string, mode = "default"): RuntimeCall {
  return { action: `dynamodb:${action}`, resource: arns.table(party.home, `${party.application ?? ""}${suffix}`), step, source, mode };
}

/** The lease table, named after the application (KinesisClientLibConfiguration / ConfigsBuilder tableName). */
function leaseTable(party: ModelledParty, version: Version): RuntimeCall[] {
  const source = version === 1 ? `${V1}/leases/impl/LeaseManager.java` : `${LATEST[version]}/leases/dynamodb/DynamoDBLeaseRefresher.java`;
  const calls = [
    table(party, "", "DescribeTable", "checks the lease table exists and is active", `${source} ${version === 1 ? "leaseTableExists()" : "tableStatus()"}`),
    table(party, "", "CreateTable", "creates the lease table on first start", `${source} createLeaseTableIfNotExists()`),
    table(party, "", "Scan", "lists all leases", `${source} listLeases()`),
    table(party, "", "PutItem", "creates a lease for a new shard", `${source} createLeaseIfNotExists()`),
    table(party, "", "GetItem", "reads one lease", `${source} getLease()`),
    table(party, "", "UpdateItem", "renews, takes, evicts and checkpoints leases", `${source} renewLease(), takeLease(), updateLease()`),
    table(party, "", "DeleteItem", "deletes the leases of finished shards", `${source} deleteLease()`),
  ];
  if (version < 3) return calls;
  return [
    ...calls,
    table(party, "", "UpdateTable", "adds the lease-owner index to the lease table", `${source} createLeaseOwnerToLeaseKeyIndexIfNotExists()`),
    {
      action: "dynamodb:Query",
      resource: `${arns.table(party.home, party.application ?? "")}/index/LeaseOwnerToLeaseKeyIndex`,
      step: "lists a worker's leases through the lease-owner index",
      source: `${source} listLeaseKeysForWorker() (LEASE_OWNER_TO_LEASE_KEY_INDEX_NAME)`,
      mode: "default",
    },
  ];
}

/**
 * KCL 3's worker-metrics and coordinator-state tables. 3.5 describes both at start (a missing table
 * disables the legacy path: LegacyTable*DAODelegate.initialize()) and keeps their entries in the
 * lease table; 3.0-3.4 create and use them, as 3.5 does after an upgrade until it migrates.
 */
function kcl3Tables(party: ModelledParty): RuntimeCall[] {
  const wms = `${V3}/worker/metricstats`;
  const cs = `${V3}/coordinator`;
  const legacy = MODE.legacyTables;
  return [
    table(party, "-WorkerMetricStats", "DescribeTable", "checks whether the legacy worker-metrics table exists", `${wms}/delegate/LegacyTableWorkerMetricStatsDAODelegate.java initialize()`),
    table(party, "-CoordinatorState", "DescribeTable", "checks whether the legacy coordinator-state table exists", `${cs}/delegate/LegacyTableCoordinatorStateDAODelegate.java initialize()`),
    table(party, "-WorkerMetricStats", "CreateTable", "creates the worker-metrics table", "KCL v3.4.3 worker/metricstats/WorkerMetricStatsDAO.java initialize() -> DdbUtil.createTable()", legacy),
    table(party, "-WorkerMetricStats", "Scan", "the leader reads every worker's metrics", `${wms}/delegate/LegacyTableWorkerMetricStatsDAODelegate.java getAllWorkerMetricStats()`, legacy),
    table(party, "-WorkerMetricStats", "UpdateItem", "a worker writes its metrics", `${wms}/delegate/WorkerMetricStatsDAODelegate.java updateMetrics()`, legacy),
    table(party, "-WorkerMetricStats", "DeleteItem", "removes a departed worker's metrics", `${wms}/delegate/WorkerMetricStatsDAODelegate.java deleteMetrics()`, legacy),
    table(party, "-CoordinatorState", "CreateTable", "creates the coordinator-state table", "KCL v3.4.3 coordinator/CoordinatorStateDAO.java initialize() -> createTableIfNotExists()", legacy),
    table(party, "-CoordinatorState", "Scan", "lists coordinator state", `${cs}/delegate/CoordinatorStateDAODelegate.java listCoordinatorState()`, legacy),
    table(party, "-CoordinatorState", "GetItem", "reads coordinator state; the leader lock (DynamoDB lock client)", `${cs}/delegate/CoordinatorStateDAODelegate.java getCoordinatorState()`, legacy),
    table(party, "-CoordinatorState", "PutItem", "creates coordinator state; takes the leader lock", `${cs}/delegate/CoordinatorStateDAODelegate.java createCoordinatorStateIfNotExists()`, legacy),
    table(party, "-CoordinatorState", "UpdateItem", "updates coordinator state; heartbeats the leader lock", `${cs}/delegate/CoordinatorStateDAODelegate.java updateCoordinatorStateWithExpectation()`, legacy),
    table(party, "-CoordinatorState", "DeleteItem", "deletes coordinator state; releases the leader lock", `${cs}/delegate/CoordinatorStateDAODelegate.java deleteCoordinatorState()`, legacy),
    // TransactWriteItems is authorized per item: ConditionCheckItem, PutItem, DeleteItem (DynamoDB
    // guide "transaction-apis-iam").
    table(party, "-CoordinatorState", "ConditionCheckItem", "checks the leader lock inside each move transaction", `${cs}/migration/TableMigrationStateMachineImpl.java moveBatch() -> createLockOwnerConditionCheck()`, MODE.migration),
    table(party, "", "PutItem", "puts each moved entry into the lease table", `${cs}/migration/TableMigrationStateMachineImpl.java moveBatch() -> createTransactPut()`, MODE.migration),
    table(party, "-CoordinatorState", "DeleteItem", "deletes each moved entry from the legacy table", `${cs}/migration/TableMigrationStateMachineImpl.java moveBatch() -> createTransactDelete()`, MODE.migration),
  ];
}

function metrics(party: ModelledParty, version: Version): RuntimeCall {
  const source =
    version === 1
      ? `${V1}/metrics/impl/DefaultCWMetricsPublisher.java; namespace = application name (Worker.java WorkerCWMetricsFactory(config.getApplicationName()))`
      : `${LATEST[version]}/metrics/CloudWatchMetricsPublisher.java; namespace = application name (common/ConfigsBuilder.java namespace())`;
  return {
    action: "cloudwatch:PutMetricData",
    resource: "*",
    context: { "cloudwatch:namespace": party.application ?? "" },
    step: "publishes its metrics (metrics level DETAILED by default)",
    source,
    mode: "default",
  };
}

/** Shards, records and the stream's key, per stream: what every KCL reads. */
function reading(party: ModelledParty, version: Version, name: string): RuntimeCall[] {
  const detector = version === 1 ? `${V1}/clientlibrary/proxies/KinesisProxy.java` : `${LATEST[version]}/leases/KinesisShardDetector.java`;
  const fetcher = version === 1 ? `${V1}/clientlibrary/proxies/KinesisProxy.java` : `${LATEST[version]}/retrieval/polling/KinesisDataFetcher.java`;
  const mode = version === 1 ? "default" : MODE.polling;
  const calls = [
    stream(party, name, "ListShards", "lists shards (shard sync)", `${detector} ${version === 1 ? "getShardListWithFilter() -> listShards()" : "listShards()"}`),
    stream(party, name, "GetShardIterator", "gets a shard iterator", `${fetcher} ${version === 1 ? "getIterator()" : "getNextIterator()"}`, mode),
    stream(party, name, "GetRecords", "reads records", `${fetcher} ${version === 1 ? "get()" : "getRecords()"}`, mode),
    ...keyUse(party, name, "kms:Decrypt", "kinesis", "Kinesis decrypts the records it returns", "KDS guide \"permissions-user-key-KMS\""),
  ];
  if (version === 1) calls.push(stream(party, name, "DescribeStream", "lists shards with DescribeStream", "KCL v1.9.0 com/amazonaws/services/kinesis/clientlibrary/proxies/KinesisProxy.java getShardList() -> getStreamInfo()", MODE.upTo190));
  else {
    // After a reshard, lease cleanup finds a finished shard's children by reading it, in either mode.
    calls.push(stream(party, name, "GetShardIterator", "finds child shards of a finished shard", `${detector} getChildShards()`));
    calls.push(stream(party, name, "GetRecords", "finds child shards of a finished shard", `${detector} getChildShards()`));
  }
  return calls;
}

/** KCL 2/3's enhanced fan-out (the default): it registers and looks up its own consumer, named after the application. */
function fanOut(party: ModelledParty, version: 2 | 3, name: string): RuntimeCall[] {
  const registration = `${LATEST[version]}/retrieval/fanout/FanOutConsumerRegistration.java`;
  const app = party.application ?? "";
  return [
    stream(party, name, "DescribeStreamSummary", "reads the stream ARN", `${registration} getStreamARNAndStreamId()`),
    {
      action: "kinesis:DescribeStreamConsumer",
      resource: arns.consumerByName(party.owner, name, app),
      step: "looks its consumer up by stream ARN and consumer name",
      source: `${registration} describeStreamConsumer() with streamARN(...).consumerName(...)`,
      mode: "default",
    },
    stream(party, name, "RegisterStreamConsumer", "registers its consumer when the lookup finds none", `${registration} registerStreamConsumer()`),
    {
      action: "kinesis:DescribeStreamConsumer",
      resource: arns.consumer(party.owner, name, app),
      step: "waits until its consumer is ACTIVE, by consumer ARN",
      source: `${registration} waitForActive() -> describeStreamConsumer() with consumerARN(...)`,
      mode: "default",
    },
    {
      action: "kinesis:SubscribeToShard",
      resource: arns.consumer(party.owner, name, app),
      step: "reads records over enhanced fan-out",
      source: `${LATEST[version]}/retrieval/fanout/FanOutRecordsPublisher.java subscribeToShard()`,
      mode: "default",
    },
  ];
}

/** A KCL application of the owner account (`via: kcl`). */
export function kcl(version: Version): Kind {
  return {
    model: {
      client: `Kinesis Client Library ${{ 1: "1.15.3", 2: "2.7.3", 3: "3.5.1" }[version]}, default configuration${version === 1 ? " (polling)" : " (enhanced fan-out)"}`,
      supported: version === 1 ? [MODE.upTo190] : version === 2 ? [MODE.polling] : [MODE.polling, MODE.legacyTables, MODE.migration],
      unsupported: UNSUPPORTED,
    },
    calls: (party) => [
      ...perStream(party, (name) => [...reading(party, version, name), ...(version === 1 ? [] : fanOut(party, version, name))]),
      ...leaseTable(party, version),
      ...(version === 3 ? kcl3Tables(party) : []),
      metrics(party, version),
    ],
  };
}

/**
 * A KCL application in another account, reading through a share (KDS guide
 * "resource-based-policy-examples": KCL 1.15.0+ or 2.5.3+, streams named by ARN). Through a read
 * share it polls; through a fan-out share it uses the consumer the owner registered, configured
 * by ARN (KCL's own cross-account test, TestConsumer.java: "KCL cannot create the consumer
 * automatically in another account"), so it neither looks up nor registers one.
 */
export function kclAcrossAccounts(version: Version, access: "read" | "fan-out"): Kind {
  const own = kcl(version);
  return {
    model: {
      client: `${own.model.client.replace(/ \(.*\)$/, "")} in another account, ${access === "read" ? "polling" : "enhanced fan-out with the consumer ARN (FanOutConfig.consumerArn)"}`,
      supported: version === 3 ? [MODE.legacyTables, MODE.migration] : [],
      unsupported: [...UNSUPPORTED, "consumer registration across accounts: the owner registers the consumer"],
    },
    calls: (party) => {
      // Polling is the only way through a read share; over fan-out only child-shard discovery reads.
      const readingCalls = perStream(party, (name) =>
        reading(party, version, name)
          .filter((call) => call.mode !== MODE.upTo190 && (access === "read" || call.mode !== MODE.polling))
          .map((call) => ({ ...call, mode: "default" })),
      );
      const subscribing =
        access === "fan-out"
          ? perStream(party, (name): RuntimeCall[] => [
              {
                action: "kinesis:SubscribeToShard",
                resource: arns.consumer(party.owner, name, party.consumerName ?? ""),
                step: "reads records over enhanced fan-out with the configured consumer ARN",
                source: `${LATEST[version]}/retrieval/fanout/FanOutRetrievalFactory.java getOrCreateConsumerArn() (a configured ARN is used as is)`,
                mode: "default",
              },
            ])
          : [];
      return [...readingCalls, ...subscribing, ...leaseTable(party, version), ...(version === 3 ? kcl3Tables(party) : []), metrics(party, version)];
    },
  };
}
