/**
 * The owner's half of cross-account shares: one resource policy per shared stream (all its shares
 * in one document), and for each fan-out share a registered consumer with its own resource policy.
 * The external account's half is the companion module (companion.ts).
 */
import type { Model } from "../model/types";
import { consumerResourcePolicy, streamResourcePolicy } from "../permissions/resource-policies";
import { KinesisResourcePolicy, KinesisStreamConsumer, type KinesisStream } from "./cdktf";
import { tagsOrUndefined } from "./keys";
import { type ModuleScope, constructId } from "./module-stack";
import { registeredConsumerId } from "./streams";

/** Adds the owner's half of every share; returns the consumers registered for fan-out shares by id. */
export function addShares(stack: ModuleScope, model: Model, streams: ReadonlyMap<string, KinesisStream>): Map<string, KinesisStreamConsumer> {
  const consumers = new Map<string, KinesisStreamConsumer>();
  for (const stream of model.streams) {
    const kinesisStream = streams.get(stream.name);
    const policy = streamResourcePolicy(model, stream);
    if (kinesisStream === undefined || policy === undefined) continue;
    stack.place(
      new KinesisResourcePolicy(stack.scope(KinesisResourcePolicy.tfResourceType), constructId(stream.id), {
        resourceArn: kinesisStream.arn,
        policy: JSON.stringify(policy),
      }),
      "shares.tf",
      `Every share of ${stream.name}: a stream has one resource policy, replaced whole on change.`,
    );
    for (const share of model.shares.filter((s) => s.registeredConsumers.some((c) => c.stream === stream.name))) {
      const id = registeredConsumerId(stream, share.id);
      const tags = share.registeredConsumers.find((c) => c.stream === stream.name)?.tags;
      const consumer = stack.place(
        new KinesisStreamConsumer(stack.scope(KinesisStreamConsumer.tfResourceType), constructId(id), {
          name: share.awsName,
          streamArn: kinesisStream.arn,
          // Only with defaults.tag_registered_consumers: the argument needs hashicorp/aws 6.2.0.
          tags: tags === undefined ? undefined : tagsOrUndefined(tags),
        }),
        "shares.tf",
      );
      consumers.set(id, consumer);
      stack.place(
        new KinesisResourcePolicy(stack.scope(KinesisResourcePolicy.tfResourceType), constructId(id), {
          resourceArn: consumer.arn,
          policy: JSON.stringify(consumerResourcePolicy(share, consumer.arn)),
        }),
        "shares.tf",
      );
    }
  }
  return consumers;
}
