/** Data streams and the consumers kgen registers on them for fan-out parties. */
import { compoundIdentifier } from "../model/names";
import type { Model, Stream } from "../model/types";
import { KinesisStream, KinesisStreamConsumer, type KmsKey } from "./cdktf";
import { tagsOrUndefined } from "./keys";
import type { ModuleStack } from "./module-stack";

/** The AWS-managed key for Kinesis Data Streams (KDS developer guide, "what-is-sse"). */
const AWS_MANAGED_KINESIS_KEY = "alias/aws/kinesis";

export function addStreams(stack: ModuleStack, model: Model, keys: ReadonlyMap<string, KmsKey>): Map<string, KinesisStream> {
  const streams = new Map<string, KinesisStream>();
  for (const stream of model.streams) {
    const kinesisStream = stack.place(
      new KinesisStream(stack.scope(KinesisStream.tfResourceType), stream.id, {
        name: stream.name,
        retentionPeriod: stream.retentionHours,
        shardCount: stream.capacity === "provisioned" ? stream.shards : undefined,
        streamModeDetails: { streamMode: stream.capacity === "provisioned" ? "PROVISIONED" : "ON_DEMAND" },
        ...encryption(stream, keys),
        tags: tagsOrUndefined(model),
      }),
      "streams.tf",
    );
    streams.set(stream.name, kinesisStream);
    for (const party of model.parties) {
      for (const consumer of party.registeredConsumers.filter((c) => c.stream === stream.name)) {
        stack.place(
          new KinesisStreamConsumer(stack.scope(KinesisStreamConsumer.tfResourceType), registeredConsumerId(stream, party.id), {
            name: consumer.name,
            streamArn: kinesisStream.arn,
          }),
          "streams.tf",
        );
      }
    }
  }
  return streams;
}

/** The consumer a party or a fan-out share registers on a stream: `<stream>__<owner>`. */
export function registeredConsumerId(stream: Stream, ownerId: string): string {
  return compoundIdentifier(stream.id, ownerId);
}

function encryption(stream: Stream, keys: ReadonlyMap<string, KmsKey>): { encryptionType: string; kmsKeyId?: string } {
  switch (stream.encryption.kind) {
    case "none":
      return { encryptionType: "NONE" };
    case "aws-managed":
      return { encryptionType: "KMS", kmsKeyId: AWS_MANAGED_KINESIS_KEY };
    case "customer-managed": {
      const key = keys.get(stream.encryption.key);
      if (key === undefined) throw new Error(`internal: stream ${stream.name} names unknown key ${stream.encryption.key}`);
      return { encryptionType: "KMS", kmsKeyId: key.arn };
    }
  }
}
