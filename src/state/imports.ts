/**
 * How to adopt resources that exist already, instead of creating them: for every stream, key and
 * registered consumer of the owner module, its address and the ID its `import` block needs, as
 * each resource's importer reads it (hashicorp/terraform-provider-aws, the files of force-new.ts):
 * a data stream by its name, a video stream and a consumer by ARN, a key by its key ID, an alias
 * by its name. Where kgen's names give the ID it is written out; where AWS chose it (key IDs, and
 * ARNs that end in a creation time) the AWS CLI command that prints it is given instead.
 */
import { registeredConsumerId } from "../constructs/streams";
import { streamArn } from "../model/arns";
import type { Model, Party, Share } from "../model/types";
import { registeredConsumersByStream } from "./addresses";

export interface ImportTarget {
  /** Address inside the module: `aws_kinesis_stream.trades`. */
  address: string;
  /** The import ID, when kgen's names give it. */
  id?: string;
  /** Otherwise: what the ID is, and the command that prints it. */
  placeholder?: string;
  lookup?: string;
}

export function importTargets(model: Model): ImportTarget[] {
  const targets: ImportTarget[] = [];
  const region = `--region ${model.owner.region}`;
  for (const key of model.keys.filter((k) => k.existing === undefined)) {
    targets.push({
      address: `aws_kms_key.${key.id}`,
      placeholder: "KEY-ID",
      lookup:
        key.alias === undefined
          ? `aws kms list-keys ${region} --query "Keys[].KeyId" --output text (the ID of the key to adopt)`
          : `aws kms describe-key ${region} --key-id ${key.alias} --query KeyMetadata.KeyId --output text`,
    });
    if (key.alias !== undefined) targets.push({ address: `aws_kms_alias.${key.id}`, id: key.alias });
  }
  const consumersByStream = registeredConsumersByStream<Party | Share>([...model.parties, ...model.shares]);
  for (const stream of model.streams) {
    targets.push({ address: `aws_kinesis_stream.${stream.id}`, id: stream.awsName });
    for (const { owner, consumer } of consumersByStream.get(stream.name) ?? []) {
      targets.push({
        address: `aws_kinesis_stream_consumer.${registeredConsumerId(stream, owner.id)}`,
        placeholder: "CONSUMER-ARN",
        lookup: `aws kinesis describe-stream-consumer ${region} --stream-arn ${streamArn(model.owner, stream.awsName)} --consumer-name ${consumer.name} --query ConsumerDescription.ConsumerARN --output text`,
      });
    }
  }
  for (const stream of model.videoStreams) {
    targets.push({
      address: `aws_kinesis_video_stream.${stream.id}`,
      placeholder: "VIDEO-STREAM-ARN",
      lookup: `aws kinesisvideo describe-stream ${region} --stream-name ${stream.awsName} --query StreamInfo.StreamARN --output text`,
    });
  }
  return targets;
}
