/**
 * The run-time call model: what the real client of each kind of party calls, request by request,
 * with the resource ARN exactly as IAM evaluates it and the request context AWS sends. It is the
 * permission catalogue's independent witness (../shared/design/style.md): it reads the spec and
 * its own sources (client library files and versions, AWS pages), never src/permissions.
 */
import { CONSUMER_CREATED } from "../access/world";

/** One API request a client makes at run time. */
export interface RuntimeCall {
  action: string;
  /** As IAM evaluates it: `*` for actions without a resource type, concrete ARNs otherwise. */
  resource: string;
  /** The request context keys AWS sends with the request (kms:ViaService, cloudwatch:namespace, ...). */
  context?: Record<string, string>;
  /** Who makes the request when it is not the party's principal (a service assuming the party's role). */
  principal?: string;
  /** What the client does with it. */
  step: string;
  /** Library file and version, or the AWS page, that shows the call. */
  source: string;
  /** `default`, or the opt-in mode of the client that makes this call. */
  mode: string;
}

/** What a kind of party runs, which modes the model covers, and which it does not. */
export interface ClientModel {
  /** The real client, with version. */
  client: string;
  /** Opt-in modes whose calls are modelled too (each call names its mode). */
  supported: readonly string[];
  /** Modes the model leaves out, and why kgen does not grant them. */
  unsupported: readonly string[];
}

/** Where the owner's resources live, and the ARNs of the spec's names there. */
export interface Place {
  partition: string;
  region: string;
  account: string;
}

/** A registered consumer's ARN ends in its registration time; world.ts gives every consumer this one. */
export { CONSUMER_CREATED };

/** A video stream's ARN ends in its creation time. */
export const VIDEO_CREATED = "1700000000000";

export const arns = {
  stream: (at: Place, name: string): string => `arn:${at.partition}:kinesis:${at.region}:${at.account}:stream/${name}`,
  /** `S/consumer/NAME:TIME`: how IAM sees a request by consumer ARN. */
  consumer: (at: Place, stream: string, name: string): string => `${arns.stream(at, stream)}/consumer/${name}:${CONSUMER_CREATED}`,
  /**
   * `S/consumer/NAME`: how IAM sees DescribeStreamConsumer(StreamARN, ConsumerName) — no time
   * (PERMS Revision 2; the denial text quoted in aws/aws-cdk#22184: "...on resource:
   * arn:aws:kinesis:...:stream/my-application/consumer/my-consumer").
   */
  consumerByName: (at: Place, stream: string, name: string): string => `${arns.stream(at, stream)}/consumer/${name}`,
  videoStream: (at: Place, name: string): string => `arn:${at.partition}:kinesisvideo:${at.region}:${at.account}:stream/${name}/${VIDEO_CREATED}`,
  table: (at: Place, name: string): string => `arn:${at.partition}:dynamodb:${at.region}:${at.account}:table/${name}`,
};

/** The context of a KMS request a stream service makes for a party (KMS guide "conditions-kms"). */
export function kmsContext(at: Place, service: "kinesis" | "kinesisvideo", stream: string): Record<string, string> {
  const suffix = at.partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  const via = { "kms:ViaService": `${service}.${at.region}.${suffix}` };
  // Kinesis Data Streams sends the stream ARN as encryption context on every KMS call (KDS guide
  // "what-is-sse"); Kinesis Video Streams sends none that a policy can name.
  return service === "kinesis" ? { ...via, "kms:EncryptionContext:aws:kinesis:arn": arns.stream(at, stream) } : via;
}

/** A party of the spec as the model sees it: who calls, as which kind, on what. */
export interface ModelledParty {
  /** How reports name it: `consumer StockTradesProcessor`, `share analytics-read`. */
  label: string;
  principal: string;
  kind: string;
  /** Where the streams and keys live: the owner account. */
  owner: Place;
  /** Where the party's own resources live (KCL tables, metrics): the owner, or the share's account. */
  home: Place;
  streams: readonly string[];
  /** Key ARNs it administers (key administrators). */
  keys?: readonly string[];
  /** A stream's KMS key ARN when a key from `keys` encrypts it. */
  keyOf: (stream: string) => string | undefined;
  /** KCL application name. */
  application?: string;
  /** The consumer kgen registers for it on each stream (fan-out consumers and shares). */
  consumerName?: string;
}

export interface Kind {
  model: ClientModel;
  calls(party: ModelledParty): RuntimeCall[];
}

/** Calls of one step, one per stream. */
export function perStream(party: ModelledParty, make: (stream: string) => RuntimeCall[]): RuntimeCall[] {
  return party.streams.flatMap(make);
}

/** The KMS request a stream service makes on the party's behalf when the stream has a key. */
export function keyUse(party: ModelledParty, stream: string, action: "kms:GenerateDataKey" | "kms:Decrypt", service: "kinesis" | "kinesisvideo", step: string, source: string): RuntimeCall[] {
  const key = party.keyOf(stream);
  return key === undefined ? [] : [{ action, resource: key, context: kmsContext(party.owner, service, stream), step, source, mode: "default" }];
}
