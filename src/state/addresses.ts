/**
 * The Terraform addresses of the resources each spec entry produces, with the addresses its
 * earlier names (`renamed_from`) gave them. One list serves three needs: `moved` blocks for
 * renames (moves.ts), the spec entry a replacement warning points at, and the import IDs of the
 * module README. It mirrors what constructs/ builds, from the same identifiers; a test holds the
 * two equal for every example.
 */
import { attachedRoles } from "../constructs/companion";
import { managedPolicyAttachments } from "../constructs/iam";
import { registeredConsumerId } from "../constructs/streams";
import { compoundIdentifier } from "../model/names";
import type { ExternalAccount, Model, Party, RegisteredConsumer, Share, Stream } from "../model/types";
import type { SpecPath } from "../spec/diagnostics";

export interface EntryResource {
  /** Resource type: `aws_kinesis_stream`. */
  type: string;
  /** Its name for each name of its entries, oldest first; the last is the current one. */
  names: readonly string[];
  /** The spec entry that makes kgen write it. */
  origin: SpecPath;
}

export function address(resource: EntryResource): string {
  return `${resource.type}.${resource.names[resource.names.length - 1]}`;
}

/** Every resource of the owner module. */
export function ownerModuleResources(model: Model): EntryResource[] {
  const resources: EntryResource[] = [];
  const add = (type: string, names: readonly string[], origin: SpecPath): void => {
    resources.push({ type, names: withoutRepeats(names), origin });
  };
  // An existing key has no resource in the module: switching a key to `arn` destroys kgen's key.
  for (const key of model.keys.filter((k) => k.existing === undefined)) {
    const names = [...key.formerIds, key.id];
    add("aws_kms_key", names, ["keys", key.name]);
    if (key.alias !== undefined) add("aws_kms_alias", names, ["keys", key.name]);
    add("aws_kms_key_policy", names, ["keys", key.name]);
  }
  const partyConsumers = registeredConsumersByStream(model.parties);
  const shareConsumers = registeredConsumersByStream(model.shares);
  for (const stream of model.streams) {
    const names = history(stream);
    add("aws_kinesis_stream", names, ["streams", stream.name]);
    if (model.shares.some((share) => share.streams.includes(stream.name))) add("aws_kinesis_resource_policy", names, ["streams", stream.name]);
    for (const party of ownersRegisteringOn(partyConsumers, stream)) {
      add("aws_kinesis_stream_consumer", consumerNames(stream, party), [sectionOf(party), party.name]);
    }
    for (const share of ownersRegisteringOn(shareConsumers, stream)) {
      add("aws_kinesis_stream_consumer", consumerNames(stream, share), ["shares", share.name]);
      add("aws_kinesis_resource_policy", consumerNames(stream, share), ["shares", share.name]);
    }
  }
  for (const stream of model.videoStreams) add("aws_kinesis_video_stream", history(stream), ["streams", stream.name]);
  for (const party of model.parties) {
    const names = history(party);
    const origin = [sectionOf(party), party.name];
    const { role } = party;
    if (role.kind === "created") {
      add("aws_iam_role", names, origin);
      for (const { id } of managedPolicyAttachments(role)) add("aws_iam_role_policy_attachment", names.map((name) => compoundIdentifier(name, id)), origin);
      if (role.instanceProfile) add("aws_iam_instance_profile", names, origin);
    }
    if (role.kind === "user" || role.kind === "group") {
      // A user's or group's policy is a managed one, attached to it (constructs/iam.ts).
      add("aws_iam_policy", names, origin);
      add(`aws_iam_${role.kind}_policy_attachment`, names, origin);
    } else {
      add("aws_iam_role_policy", names, origin);
    }
  }
  for (const admin of model.streamAdministrators) {
    const stream = [...admin.streams, ...admin.videoStreams].sort()[0];
    add(admin.ownerRoleName === undefined ? "aws_iam_policy" : "aws_iam_role_policy", [admin.id], ["streams", stream, "administrators"]);
  }
  return resources;
}

/** A stream's registered consumers, in the order of their owners, then of each owner's consumers. */
export type ConsumersByStream<T> = ReadonlyMap<string, ReadonlyArray<{ owner: T; consumer: RegisteredConsumer }>>;

/**
 * The registered consumers of parties or shares by stream name: looked up per stream, not
 * filtered out of every party and share once per stream (quadratic at 1,000 streams, issue #17).
 */
export function registeredConsumersByStream<T extends { registeredConsumers: readonly RegisteredConsumer[] }>(owners: readonly T[]): ConsumersByStream<T> {
  const byStream = new Map<string, Array<{ owner: T; consumer: RegisteredConsumer }>>();
  for (const owner of owners) {
    for (const consumer of owner.registeredConsumers) {
      const known = byStream.get(consumer.stream);
      if (known === undefined) byStream.set(consumer.stream, [{ owner, consumer }]);
      else known.push({ owner, consumer });
    }
  }
  return byStream;
}

/** The owners with a registered consumer on a stream, each once, in order. */
function ownersRegisteringOn<T>(consumers: ConsumersByStream<T>, stream: Stream): T[] {
  return [...new Set((consumers.get(stream.name) ?? []).map(({ owner }) => owner))];
}

/** Every resource of the companion module of one external account. */
export function companionModuleResources(model: Model, external: ExternalAccount): EntryResource[] {
  const resources: EntryResource[] = [];
  for (const share of model.shares.filter((s) => external.shares.includes(s.name))) {
    const origin = ["shares", share.name];
    resources.push({ type: "aws_iam_policy", names: history(share), origin });
    for (const { id: roleId } of attachedRoles(share)) {
      const names = withoutRepeats(history(share).map((id) => compoundIdentifier(id, roleId)));
      resources.push({ type: "aws_iam_role_policy_attachment", names, origin });
    }
  }
  return resources;
}

function history(entry: { id: string; formerIds: readonly string[] }): string[] {
  return [...entry.formerIds, entry.id];
}

/**
 * A registered consumer is named after its stream and its owner, either of which may have been
 * renamed, and Terraform accepts one chain of moves into an address. The chain steps through both
 * histories in turn, the stream's rename first: it passes every state where both were renamed in
 * the same changes, and every state where only the stream's rename was applied.
 */
function consumerNames(stream: Stream, owner: Party | Share): string[] {
  const streamIds = history(stream);
  const ownerIds = history(owner);
  const names = [registeredConsumerId({ ...stream, id: streamIds[0] }, ownerIds[0])];
  for (let s = 0, o = 0; s < streamIds.length - 1 || o < ownerIds.length - 1; ) {
    if (s < streamIds.length - 1) names.push(registeredConsumerId({ ...stream, id: streamIds[++s] }, ownerIds[o]));
    if (o < ownerIds.length - 1) names.push(registeredConsumerId({ ...stream, id: streamIds[s] }, ownerIds[++o]));
  }
  return withoutRepeats(names);
}

function sectionOf(party: Party): "producers" | "consumers" {
  return party.kind === "producer" ? "producers" : "consumers";
}

function withoutRepeats(names: readonly string[]): string[] {
  return names.filter((name, i) => i === 0 || name !== names[i - 1]);
}
