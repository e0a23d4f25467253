/**
 * Resolve a validated spec into the model. The spec has passed every rule (spec/rules.ts), so
 * this stage only follows references, applies naming rules and sorts; it reports nothing.
 * Sorting here is what makes the output independent of the YAML's key order.
 */
import { accessProfile, needsInstanceProfile, shareProfile, type PartyProfileName, type ShareProfileName } from "../permissions/catalogue";
import { SHARE_VIAS } from "../spec/schema";
import type { ConsumerSpec, ProducerSpec, ShareSpec, ShareVia, Spec, StreamSpec } from "../spec/types";
import { recordFromEntries } from "../spec/records";
import { keyArnParts } from "../spec/rules-existing-keys";
import { mergeTags } from "../spec/rules-tags";
import { AWS_MANAGED, NO_ENCRYPTION } from "../spec/types";
import {
  accountRootArn,
  iamArnAccount,
  iamNameFromArn,
  isIamRoleArn,
  roleArn,
  streamArn,
  videoStreamArnPattern,
  type Location,
} from "./arns";
import { compoundIdentifier, distinctIdentifiers, identifierDigest, roleName, terraformIdentifier } from "./names";
import type {
  ExternalAccount,
  Key,
  Model,
  Party,
  PartyKind,
  RegisteredConsumer,
  Role,
  Share,
  Stream,
  StreamAdministrator,
  StreamEncryption,
  Tags,
  VideoStream,
} from "./types";

export function resolveModel(spec: Spec): Model {
  const owner: Location = spec.owner;
  return {
    name: spec.name,
    owner,
    tags: sortedRecord(spec.tags),
    keys: sortedEntries(spec.keys).map(([name, key]): Key => ({
      name,
      id: terraformIdentifier(name),
      formerIds: formerIds(key.renamed_from),
      description: key.description ?? `Encrypts the Kinesis streams of ${spec.name}`,
      alias: key.alias === undefined ? undefined : `alias/${key.alias}`,
      rotationDays: key.rotation_days,
      deletionWindowDays: key.deletion_window_days,
      administrators: sortedUnique(key.administrators),
      tags: sortedTags(spec.tags, key.tags),
      ...(key.arn === undefined ? {} : { existing: { arn: key.arn, account: keyArnParts(key.arn)?.account ?? "" } }),
    })),
    streams: sortedEntries(spec.streams)
      .filter(([, stream]) => stream.type === "data")
      .map(([name, stream]) => resolveStream(spec, name, stream)),
    videoStreams: sortedEntries(spec.streams)
      .filter(([, stream]) => stream.type === "video")
      .map(([name, stream]) => resolveVideoStream(spec, name, stream)),
    parties: [
      ...sortedEntries(spec.producers).map(([name, producer]) => resolveParty(spec, name, "producer", producer)),
      ...sortedEntries(spec.consumers).map(([name, consumer]) => resolveParty(spec, name, "consumer", consumer)),
    ].sort((a, b) => compareText(a.name, b.name)),
    streamAdministrators: resolveStreamAdministrators(spec),
    shares: sortedEntries(spec.shares).map(([name, share]) => resolveShare(spec, name, share)),
    externalAccounts: resolveExternalAccounts(spec),
  };
}

function resolveShare(spec: Spec, name: string, share: ShareSpec): Share {
  const account = accountIdOf(spec, share.account);
  const principals = share.principals.length === 0 ? [account] : share.principals;
  const streams = sortedUnique(share.streams);
  const awsName = share.aws_name ?? name;
  const via: ShareVia | undefined = share.access === "write" ? undefined : (share.via ?? SHARE_VIAS[share.access][0]);
  const profile = shareProfileOf(share, via);
  return {
    name,
    awsName,
    id: terraformIdentifier(name),
    formerIds: formerIds(share.renamed_from),
    account,
    access: share.access,
    ...(via === undefined ? {} : { via }),
    ...(share.access === "write" && share.library === "kpl" ? { library: "kpl" as const } : {}),
    profile,
    ...(via === "kcl" ? { application: share.application ?? awsName } : {}),
    principals: sortedUnique(principals.map((p) => (/^\d{12}$/.test(p) ? accountRootArn(spec.owner.partition, p) : p))),
    streams,
    registeredConsumers: shareProfile(profile).registersConsumer === true ? streams.map((stream) => registeredConsumer(spec, awsName, stream)) : [],
  };
}

/** A consumer kgen registers on a stream, tagged (if the spec asks) with the stream's and the party's tags. */
/** `name` is the party's or share's AWS name, which names the consumer. */
function registeredConsumer(spec: Spec, name: string, stream: string, partyTags?: Readonly<Record<string, string>>): RegisteredConsumer {
  const consumer = { name, stream, streamAwsName: spec.streams[stream].aws_name ?? stream };
  if (spec.defaults?.tag_registered_consumers !== true) return consumer;
  return { ...consumer, tags: sortedTags(spec.tags, spec.streams[stream].tags, partyTags) };
}

/** The catalogue row of a share: its access, and who reads or writes through it. */
function shareProfileOf(share: ShareSpec, via: ShareVia | undefined): ShareProfileName {
  if (share.access === "write") return share.library === "kpl" ? "write-kpl" : "write";
  if (via === "lambda") return "read-lambda";
  if (via === "kcl") {
    const version = share.kcl_version ?? 3;
    if (share.access === "read") return `read-kcl-${version}`;
    if (version === 1) throw new Error("internal: a KCL 1 fan-out share passed validation");
    return `fan-out-kcl-${version}`;
  }
  return share.access;
}

/** The consumer kgen registers under `name` on a data stream; its ARN holds the stream's AWS name. */

/** The identifiers of an entry's earlier names, oldest first (rules-renames.ts keeps them distinct). */
function formerIds(renamedFrom: readonly string[] | undefined): string[] {
  return (renamedFrom ?? []).map(terraformIdentifier);
}

function resolveExternalAccounts(spec: Spec): ExternalAccount[] {
  const sharesByAccount = new Map<string, string[]>();
  for (const [name, share] of Object.entries(spec.shares)) {
    const account = accountIdOf(spec, share.account);
    sharesByAccount.set(account, [...(sharesByAccount.get(account) ?? []), name]);
  }
  return [...sharesByAccount.entries()]
    .map(([account, shares]) => {
      const label = Object.keys(spec.accounts).find((alias) => spec.accounts[alias] === account) ?? account;
      return { account, label, moduleName: `${spec.name}-${label}`, shares: sortedUnique(shares) };
    })
    .sort((a, b) => compareText(a.label, b.label));
}

/** A share's `account` is an alias from `accounts` or a 12-digit id. */
function accountIdOf(spec: Spec, account: string): string {
  return /^\d{12}$/.test(account) ? account : spec.accounts[account];
}

function resolveStream(spec: Spec, name: string, stream: StreamSpec): Stream {
  const awsName = stream.aws_name ?? name;
  return {
    name,
    awsName,
    id: terraformIdentifier(name),
    formerIds: formerIds(stream.renamed_from),
    arn: streamArn(spec.owner, awsName),
    capacity: stream.capacity,
    shards: stream.capacity === "provisioned" ? stream.shards : undefined,
    retentionHours: stream.retention_hours,
    encryption: resolveEncryption(stream.encryption),
    administrators: sortedUnique(stream.administrators),
    tags: sortedTags(spec.tags, stream.tags),
  };
}

function resolveVideoStream(spec: Spec, name: string, stream: StreamSpec): VideoStream {
  const encryption = resolveEncryption(stream.encryption);
  if (encryption.kind === "none") throw new Error(`internal: video stream ${name} without encryption passed validation`);
  const awsName = stream.aws_name ?? name;
  return {
    name,
    awsName,
    id: terraformIdentifier(name),
    formerIds: formerIds(stream.renamed_from),
    arnPattern: videoStreamArnPattern(spec.owner, awsName),
    retentionHours: stream.retention_hours,
    mediaType: stream.media_type,
    encryption,
    administrators: sortedUnique(stream.administrators),
    tags: sortedTags(spec.tags, stream.tags),
  };
}

function resolveEncryption(encryption: string): StreamEncryption {
  if (encryption === AWS_MANAGED) return { kind: "aws-managed" };
  if (encryption === NO_ENCRYPTION) return { kind: "none" };
  return { kind: "customer-managed", key: encryption };
}

function resolveParty(spec: Spec, name: string, kind: PartyKind, party: ProducerSpec | ConsumerSpec): Party {
  const video = party.streams.some((stream) => spec.streams[stream].type === "video");
  const library = kind === "producer" ? (party as ProducerSpec).library : undefined;
  const profile = kind === "producer" ? (video ? "video-producer" : library === "kpl" ? "kpl-producer" : "producer") : consumerProfile(party as ConsumerSpec);
  const streams = sortedUnique(party.streams);
  const consumer = kind === "consumer" ? (party as ConsumerSpec) : undefined;
  const registers = accessProfile(profile).registersConsumer === true;
  const awsName = party.aws_name ?? name;
  return {
    name,
    awsName,
    id: terraformIdentifier(name),
    formerIds: formerIds(party.renamed_from),
    kind,
    profile,
    role: resolveRole(spec, awsName, party, profile),
    policyName: roleName(spec.name, awsName),
    streams,
    application: consumer?.via === "kcl" ? (consumer.application ?? awsName) : undefined,
    registeredConsumers: registers ? streams.map((stream) => registeredConsumer(spec, awsName, stream, party.tags)) : [],
    tags: sortedTags(spec.tags, party.tags),
  };
}

function consumerProfile(consumer: ConsumerSpec): PartyProfileName {
  switch (consumer.via) {
    case "kcl":
      return `kcl-${consumer.kcl_version ?? 3}`;
    case "get-records":
    case "fan-out":
    case "lambda":
    case "firehose":
    case "flink":
      return consumer.via;
    case "media":
      return "video-media";
    case "playback":
      return "video-playback";
  }
}

/** `party` is the party's AWS name, which names the role kgen creates. */
function resolveRole(spec: Spec, party: string, entry: ProducerSpec | ConsumerSpec, profile: PartyProfileName): Role {
  // An existing user or group: the party's policy is attached to it (constructs/iam.ts).
  if (entry.user !== undefined) return { kind: "user", name: iamNameFromArn(entry.user), arn: entry.user };
  if (entry.group !== undefined) return { kind: "group", name: iamNameFromArn(entry.group), arn: entry.group };
  const role = entry.role;
  if (role?.arn !== undefined) {
    return { kind: "existing", name: iamNameFromArn(role.arn), arn: role.arn };
  }
  const { defaultTrust } = accessProfile(profile);
  const trusted = role?.assumed_by ?? (defaultTrust === undefined ? [] : [defaultTrust]);
  const defaults = spec.defaults?.role ?? {};
  const name = role?.name ?? roleName(spec.name, party);
  const path = role?.path ?? defaults.path ?? "/";
  const trustedServices = sortedUnique(trusted.filter(isServicePrincipal));
  const boundary = role?.permissions_boundary ?? defaults.permissions_boundary;
  const maxSession = role?.max_session_duration ?? defaults.max_session_duration;
  return {
    kind: "created",
    name,
    arn: roleArn(spec.owner.partition, spec.owner.account, name, path),
    path,
    trustedServices,
    // A bare account id is stored by IAM as its root ARN; writing the ARN avoids a perpetual diff.
    trustedPrincipals: sortedUnique(
      trusted
        .filter((principal) => !isServicePrincipal(principal))
        .map((principal) => (/^\d{12}$/.test(principal) ? accountRootArn(spec.owner.partition, principal) : principal)),
    ),
    ...(boundary === undefined ? {} : { permissionsBoundary: boundary }),
    ...(maxSession === undefined ? {} : { maxSessionDuration: maxSession }),
    managedPolicies: [...new Set([...(defaults.managed_policies ?? []), ...(role?.managed_policies ?? [])])],
    instanceProfile: trustedServices.some(needsInstanceProfile),
  };
}

/** Service principals are DNS names (`ec2.amazonaws.com`); everything else is an AWS principal. */
function isServicePrincipal(principal: string): boolean {
  return !principal.startsWith("arn:") && !/^\d{12}$/.test(principal);
}

function resolveStreamAdministrators(spec: Spec): StreamAdministrator[] {
  const streamsByPrincipal = new Map<string, { data: string[]; video: string[] }>();
  for (const [stream, { type, administrators }] of Object.entries(spec.streams)) {
    for (const principal of administrators) {
      const streams = streamsByPrincipal.get(principal) ?? { data: [], video: [] };
      streams[type].push(stream);
      streamsByPrincipal.set(principal, streams);
    }
  }
  const principals = [...streamsByPrincipal.keys()].sort(compareText);
  const ids = administratorIds(principals, spec.owner.account);
  return principals.map((principal) => {
    const ownerRole = isIamRoleArn(principal) && iamArnAccount(principal) === spec.owner.account;
    const id = ids.get(principal) ?? "";
    return {
      principal,
      id,
      ownerRoleName: ownerRole ? iamNameFromArn(principal) : undefined,
      policyName: `${spec.name}-${id.replace(/_+/g, "-")}`,
      streams: sortedUnique(streamsByPrincipal.get(principal)?.data ?? []),
      videoStreams: sortedUnique(streamsByPrincipal.get(principal)?.video ?? []),
    };
  });
}

/**
 * `stream_admin__<name>` from the principal's own name; when two principals share a name (other
 * account or path) the account is added, and when that is not enough either (`role/a-b` and
 * `role/a_b`) a digest of the ARN, so each keeps a distinct address. The id names the policy
 * too, so it must not change when another administrator is added: a principal of another account
 * never takes the plain name of one of the owner account, which keeps it whatever others add.
 */
function administratorIds(principals: readonly string[], ownerAccount: string): Map<string, string> {
  const nameOf = (principal: string): string => terraformIdentifier(iamNameFromArn(principal));
  const ownerNames = new Set(principals.filter((principal) => iamArnAccount(principal) === ownerAccount).map(nameOf));
  const ids = distinctIdentifiers(principals, (principal) => {
    const name = nameOf(principal);
    const inAccount = terraformIdentifier(`${iamArnAccount(principal) ?? ""}-${name}`);
    const yieldsName = iamArnAccount(principal) !== ownerAccount && ownerNames.has(name);
    return [...(yieldsName ? [] : [name]), inAccount, `${inAccount}_${identifierDigest(principal)}`];
  });
  return new Map([...ids].map(([principal, id]) => [principal, compoundIdentifier("stream_admin", id)]));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedEntries<T>(record: Readonly<Record<string, T>>): Array<[string, T]> {
  return Object.entries(record).sort(([a], [b]) => compareText(a, b));
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return recordFromEntries(sortedEntries(record));
}

/** The spec-wide tags with an entry's own on top (theirs win), sorted by key. */
function sortedTags(...maps: ReadonlyArray<Readonly<Record<string, string>> | undefined>): Tags {
  return sortedRecord(mergeTags(...maps));
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareText);
}
