/** Data streams and the consumers kgen registers on them for fan-out parties. */
import { compoundIdentifier } from "../model/names";
import type { Model, Stream } from "../model/types";
import { KinesisStream, KinesisStreamConsumer, KinesisVideoStream } from "./cdktf";
import { tagsOrUndefined } from "./keys";
import { type ModuleScope, constructId } from "./module-stack";

/** The AWS-managed key for Kinesis Data Streams (KDS developer guide, "what-is-sse"). */
const AWS_MANAGED_KINESIS_KEY = "alias/aws/kinesis";

export interface StreamConstructs {
  streams: Map<string, KinesisStream>;
  /** Registered consumers by `registeredConsumerId` (parties' here; shares add theirs in shares.ts). */
  consumers: Map<string, KinesisStreamConsumer>;
}

/** `keyArns`: every key's ARN as the module names it (keys.ts keyArnsOf). */
export function addStreams(stack: ModuleScope, model: Model, keyArns: ReadonlyMap<string, string>): StreamConstructs {
  const streams = new Map<string, KinesisStream>();
  const consumers = new Map<string, KinesisStreamConsumer>();
  for (const stream of model.streams) {
    const kinesisStream = stack.place(
      new KinesisStream(stack.scope(KinesisStream.tfResourceType), constructId(stream.id), {
        name: stream.awsName,
        retentionPeriod: stream.retentionHours,
        shardCount: stream.capacity === "provisioned" ? stream.shards : undefined,
        streamModeDetails: { streamMode: stream.capacity === "provisioned" ? "PROVISIONED" : "ON_DEMAND" },
        ...encryption(stream, keyArns),
        tags: tagsOrUndefined(stream.tags),
      }),
      "streams.tf",
    );
    streams.set(stream.name, kinesisStream);
    for (const party of model.parties) {
      for (const consumer of party.registeredConsumers.filter((c) => c.stream === stream.name)) {
        const id = registeredConsumerId(stream, party.id);
        const registered = new KinesisStreamConsumer(stack.scope(KinesisStreamConsumer.tfResourceType), constructId(id), {
          name: consumer.name,
          streamArn: kinesisStream.arn,
          // Only with defaults.tag_registered_consumers: the argument needs hashicorp/aws 6.2.0.
          tags: consumer.tags === undefined ? undefined : tagsOrUndefined(consumer.tags),
        });
        consumers.set(id, stack.place(registered, "streams.tf"));
      }
    }
  }
  return { streams, consumers };
}

/** The consumer a party or a fan-out share registers on a stream: `<stream>__<owner>`. */
/**
 * Video streams. Kinesis Video Streams sets a stream's key only at creation: a different
 * `kms_key_id` replaces the stream (and loses its media), so the README and `kgen synth` say so.
 * The AWS-managed video key is used by leaving `kms_key_id` unset (permissions.md).
 */
export function addVideoStreams(stack: ModuleScope, model: Model, keyArns: ReadonlyMap<string, string>): Map<string, KinesisVideoStream> {
  const videoStreams = new Map<string, KinesisVideoStream>();
  for (const stream of model.videoStreams) {
    const keyArn = stream.encryption.kind === "customer-managed" ? keyArns.get(stream.encryption.key) : undefined;
    if (stream.encryption.kind === "customer-managed" && keyArn === undefined) throw new Error(`internal: no key for video stream ${stream.name}`);
    const videoStream = stack.place(
      new KinesisVideoStream(stack.scope(KinesisVideoStream.tfResourceType), constructId(stream.id), {
        name: stream.awsName,
        dataRetentionInHours: stream.retentionHours,
        mediaType: stream.mediaType,
        kmsKeyId: keyArn,
        tags: tagsOrUndefined(stream.tags),
      }),
      "streams.tf",
      keyArn === undefined
        ? "Encrypted with the AWS-managed Kinesis Video key; a key can only be chosen when the stream is created."
        : "Its KMS key is fixed at creation: changing it replaces the stream and loses its media.",
    );
    videoStreams.set(stream.name, videoStream);
  }
  return videoStreams;
}

export function registeredConsumerId(stream: Stream, ownerId: string): string {
  return compoundIdentifier(stream.id, ownerId);
}

function encryption(stream: Stream, keyArns: ReadonlyMap<string, string>): { encryptionType: string; kmsKeyId?: string } {
  switch (stream.encryption.kind) {
    case "none":
      return { encryptionType: "NONE" };
    case "aws-managed":
      return { encryptionType: "KMS", kmsKeyId: AWS_MANAGED_KINESIS_KEY };
    case "customer-managed": {
      const keyArn = keyArns.get(stream.encryption.key);
      if (keyArn === undefined) throw new Error(`internal: stream ${stream.name} names unknown key ${stream.encryption.key}`);
      return { encryptionType: "KMS", kmsKeyId: keyArn };
    }
  }
}
