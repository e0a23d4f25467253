/**
 * Data-stream clients: SDK and KPL producers; get-records, KCL 1/2/3, enhanced fan-out, Lambda,
 * Firehose and Flink consumers. Library sources are files of the tagged release named in each
 * model; "KCL" is github.com/awslabs/amazon-kinesis-client, "KPL" awslabs/amazon-kinesis-producer,
 * "Flink" apache/flink-connector-aws.
 */
import { arns, keyUse, perStream, type Kind, type ModelledParty, type RuntimeCall } from "./calls";

const KDS_API = "Kinesis Data Streams API Reference";

function on(party: ModelledParty, stream: string, action: string, step: string, source: string, mode = "default"): RuntimeCall {
  return { action: `kinesis:${action}`, resource: arns.stream(party.owner, stream), step, source, mode };
}

const decrypt = (party: ModelledParty, stream: string, source: string): RuntimeCall[] =>
  keyUse(party, stream, "kms:Decrypt", "kinesis", "Kinesis decrypts the records it returns (server-side encryption)", source);
const encrypt = (party: ModelledParty, stream: string, source: string): RuntimeCall[] =>
  keyUse(party, stream, "kms:GenerateDataKey", "kinesis", "Kinesis encrypts the records it stores (server-side encryption)", source);
const SSE = "KDS guide \"permissions-user-key-KMS\" and \"what-is-sse\"";

/** An application using the AWS SDK to write (the default for producers). */
export const SDK_PRODUCER: Kind = {
  model: {
    client: "an AWS SDK application, as the KDS developer guide writes producers",
    supported: ["explicit hash keys"],
    unsupported: ["CreateStream/DeleteStream and other stream management: Terraform owns the stream"],
  },
  calls: (party) =>
    perStream(party, (stream) => [
      on(party, stream, "DescribeStream", "checks the stream exists and is active before writing", "KDS tutorial \"tutorial-stock-data-kplkcl2-producer\": StockTradesWriter validateStream()"),
      on(party, stream, "DescribeStreamSummary", "checks the stream status", `${KDS_API}, DescribeStream: "use DescribeStreamSummary" for a stream's status`),
      on(party, stream, "PutRecord", "writes one record", "KDS guide \"developing-producers-with-sdk\", PutRecord"),
      on(party, stream, "PutRecords", "writes a batch of records", "KDS guide \"developing-producers-with-sdk\", PutRecords"),
      on(party, stream, "ListShards", "reads the shards' hash key ranges to target one with ExplicitHashKey", `${KDS_API}, PutRecord ExplicitHashKey and ListShards HashKeyRange`, "explicit hash keys"),
      ...encrypt(party, stream, SSE),
    ]),
};

/** Cross-account writers get no DescribeStream: AWS documents the shareable actions by stream ARN. */
export const SDK_WRITER_ACROSS_ACCOUNTS: Kind = {
  model: { ...SDK_PRODUCER.model, client: `${SDK_PRODUCER.model.client}, by stream ARN from another account` },
  calls: (party) => SDK_PRODUCER.calls(party).filter((call) => call.action !== "kinesis:DescribeStream"),
};

const KPL = "KPL v1.0.7";

/** The Kinesis Producer Library (`library: kpl`): its native daemon makes every call. */
export const KPL_PRODUCER: Kind = {
  model: {
    client: "Kinesis Producer Library 1.0.7 (ListShards since 0.14.0), default configuration",
    supported: [],
    unsupported: [
      "metrics_namespace set to another namespace: only KinesisProducerLibrary is granted",
      "metrics_level none: the grant stays, unused",
      "KPL before 0.14.0 (DescribeStream for its shard map)",
    ],
  },
  calls: (party) => [
    ...perStream(party, (stream) => [
      on(party, stream, "ListShards", "keeps its shard map (hash key ranges)", `${KPL} aws/kinesis/core/shard_map.cc via pipeline.h ListShardsAsync`),
      on(party, stream, "PutRecords", "writes aggregated records in batches", `${KPL} aws/kinesis/core/pipeline.h PutRecordsAsync`),
      ...encrypt(party, stream, SSE),
    ]),
    {
      action: "cloudwatch:PutMetricData",
      resource: "*",
      context: { "cloudwatch:namespace": "KinesisProducerLibrary" },
      step: "publishes its metrics (metrics_level detailed by default)",
      source: `${KPL} aws/kinesis/core/configuration.h metrics_namespace_ = "KinesisProducerLibrary"; aws/metrics/metrics_manager.cc PutMetricDataAsync`,
      mode: "default",
    },
  ],
};

/** An application using the AWS SDK to read with GetRecords (`via: get-records`). */
export const GET_RECORDS: Kind = {
  model: {
    client: "an AWS SDK application, as the KDS developer guide writes shared-throughput consumers",
    supported: ["DescribeStream for the shard list (the guide's older examples)"],
    unsupported: ["enhanced fan-out: use via: fan-out"],
  },
  calls: (party) =>
    perStream(party, (stream) => [
      on(party, stream, "DescribeStreamSummary", "checks the stream status", `${KDS_API}, DescribeStream: "use DescribeStreamSummary"`),
      on(party, stream, "ListShards", "lists the shards to read", "KDS guide \"developing-consumers-with-sdk\", adapt to a reshard; ListShards"),
      on(party, stream, "DescribeStream", "lists the shards with DescribeStream", "KDS guide \"developing-consumers-with-sdk\" (older examples)", "DescribeStream for the shard list (the guide's older examples)"),
      on(party, stream, "GetShardIterator", "gets a shard iterator", "KDS guide \"developing-consumers-with-sdk\", use shard iterators"),
      on(party, stream, "GetRecords", "reads records", "KDS guide \"developing-consumers-with-sdk\", use GetRecords"),
      ...decrypt(party, stream, SSE),
    ]),
};

/** Cross-account SDK readers: the same calls by stream ARN, without DescribeStream. */
export const SDK_READER_ACROSS_ACCOUNTS: Kind = {
  model: { ...GET_RECORDS.model, client: `${GET_RECORDS.model.client}, by stream ARN from another account`, supported: [] },
  calls: (party) => GET_RECORDS.calls(party).filter((call) => call.action !== "kinesis:DescribeStream"),
};

const LAMBDA_GUIDE = "Lambda guide \"services-kinesis-create\": execution role permissions";

/** A Lambda event source mapping (`via: lambda`): Lambda's pollers call with the function's execution role. */
export const LAMBDA: Kind = {
  model: {
    client: "an AWS Lambda event source mapping with a standard iterator",
    supported: [],
    unsupported: ["an enhanced fan-out consumer for the mapping: kgen registers none for via: lambda"],
  },
  calls: (party) =>
    perStream(party, (stream) => [
      on(party, stream, "DescribeStream", "Lambda validates the stream when the mapping is created", LAMBDA_GUIDE),
      on(party, stream, "DescribeStreamSummary", "Lambda reads the stream summary", LAMBDA_GUIDE),
      on(party, stream, "ListShards", "Lambda lists the shards it polls", LAMBDA_GUIDE),
      on(party, stream, "GetShardIterator", "Lambda gets an iterator per shard", LAMBDA_GUIDE),
      on(party, stream, "GetRecords", "Lambda reads batches of records", LAMBDA_GUIDE),
      ...decrypt(party, stream, SSE),
    ]),
};

const FIREHOSE = "Firehose guide \"controlling-access\", Kinesis Data Streams as the source";

/** A Firehose stream with this data stream as its source (`via: firehose`). */
export const FIREHOSE_SOURCE: Kind = {
  model: { client: "Amazon Data Firehose, Kinesis Data Streams source", supported: [], unsupported: [] },
  calls: (party) =>
    perStream(party, (stream) => [
      on(party, stream, "DescribeStream", "Firehose checks the source stream", FIREHOSE),
      on(party, stream, "ListShards", "Firehose lists the shards", FIREHOSE),
      on(party, stream, "GetShardIterator", "Firehose gets an iterator per shard", FIREHOSE),
      on(party, stream, "GetRecords", "Firehose reads records", FIREHOSE),
      ...decrypt(party, stream, `${FIREHOSE} (kms:Decrypt with kms:ViaService and the stream as encryption context)`),
    ]),
};

const FLINK_SOURCE = "Flink v5.1.0 flink-connector-aws-kinesis-streams source/proxy/KinesisStreamProxy.java";
const FLINK_LEGACY = "Flink v4.3.0 flink-connector-kinesis proxy/KinesisProxy.java";

/** Managed Service for Apache Flink with the Kinesis connector, polling (`via: flink`). */
export const FLINK: Kind = {
  model: {
    client: "Apache Flink Kinesis connector: KinesisStreamsSource 5.x (default) and FlinkKinesisConsumer 4.x, polling",
    supported: ["FlinkKinesisConsumer 4.x"],
    unsupported: ["enhanced fan-out (RegisterStreamConsumer, SubscribeToShard): kgen registers no consumer for via: flink"],
  },
  calls: (party) =>
    perStream(party, (stream) => [
      on(party, stream, "DescribeStreamSummary", "reads the stream summary", "Flink v5.1.0 source/enumerator/KinesisStreamsSourceEnumerator.java initialDiscoverSplits() -> KinesisStreamProxy.getStreamDescriptionSummary()"),
      on(party, stream, "ListShards", "discovers shards", `${FLINK_SOURCE} listShards()`),
      on(party, stream, "GetShardIterator", "gets an iterator per shard", `${FLINK_SOURCE} getRecords() -> getShardIterator()`),
      on(party, stream, "GetRecords", "reads records", `${FLINK_SOURCE} getRecords()`),
      on(party, stream, "DescribeStream", "looks up the stream ARN", `${FLINK_LEGACY} lookupStreamArn() -> describeStream()`, "FlinkKinesisConsumer 4.x"),
      ...decrypt(party, stream, SSE),
    ]),
};

/** An AWS SDK enhanced fan-out consumer on the consumer kgen registers for it (`via: fan-out`). */
export const FAN_OUT: Kind = {
  model: {
    client: "an AWS SDK enhanced fan-out consumer, as the KDS guide writes one, on the consumer kgen registers",
    supported: [],
    unsupported: ["RegisterStreamConsumer/DeregisterStreamConsumer: Terraform owns the registration"],
  },
  calls: (party) =>
    perStream(party, (stream) => {
      const name = party.consumerName ?? "";
      const guide = "KDS guide \"building-enhanced-consumers-api\"";
      return [
        on(party, stream, "DescribeStreamSummary", "reads the stream ARN", guide),
        on(party, stream, "ListShards", "lists the shards to subscribe to", guide),
        {
          action: "kinesis:DescribeStreamConsumer",
          resource: arns.consumerByName(party.owner, stream, name),
          step: "finds its consumer's ARN by stream ARN and consumer name",
          source: `${KDS_API}, DescribeStreamConsumer (StreamARN + ConsumerName); as Flink v5.1.0 KinesisStreamsSource.java getConsumerArn() does`,
          mode: "default",
        },
        {
          action: "kinesis:DescribeStreamConsumer",
          resource: arns.consumer(party.owner, stream, name),
          step: "waits for the consumer to be ACTIVE",
          source: `${KDS_API}, DescribeStreamConsumer (ConsumerARN)`,
          mode: "default",
        },
        { action: "kinesis:SubscribeToShard", resource: arns.consumer(party.owner, stream, name), step: "reads records over HTTP/2", source: `${guide}, SubscribeToShard`, mode: "default" },
        ...decrypt(party, stream, SSE),
      ];
    }),
};
