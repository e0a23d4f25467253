/**
 * Every kind of party the model knows, by name, and the calls a service makes to assume a role
 * kgen creates. A party's kind comes from the spec alone (parties.ts), never from src/model.
 */
import type { Kind, Place, RuntimeCall } from "./calls";
import { KEY_ADMINISTRATOR, STREAM_ADMINISTRATOR, VIDEO_STREAM_ADMINISTRATOR } from "./clients-admins";
import { FAN_OUT, FIREHOSE_SOURCE, FLINK, GET_RECORDS, KPL_PRODUCER, LAMBDA, SDK_PRODUCER, SDK_READER_ACROSS_ACCOUNTS, SDK_WRITER_ACROSS_ACCOUNTS } from "./clients-data";
import { kcl, kclAcrossAccounts } from "./clients-kcl";
import { VIDEO_MEDIA, VIDEO_PLAYBACK, VIDEO_PRODUCER } from "./clients-video";

/** Cross-account enhanced fan-out readers use the consumer the owner registered, by its ARN (KDS guide "resource-based-policy-examples"). */
const FAN_OUT_ACROSS_ACCOUNTS: Kind = {
  model: { ...FAN_OUT.model, client: `${FAN_OUT.model.client}, by consumer ARN from another account` },
  calls: (party) => FAN_OUT.calls(party).filter((call) => !(call.action === "kinesis:DescribeStreamConsumer" && !/:\d+$/.test(call.resource))),
};

export const KINDS: Readonly<Record<string, Kind>> = {
  "SDK producer": SDK_PRODUCER,
  "KPL producer": KPL_PRODUCER,
  "get-records consumer": GET_RECORDS,
  "KCL 1 consumer": kcl(1),
  "KCL 2 consumer": kcl(2),
  "KCL 3 consumer": kcl(3),
  "fan-out consumer": FAN_OUT,
  "Lambda consumer": LAMBDA,
  "Firehose consumer": FIREHOSE_SOURCE,
  "Flink consumer": FLINK,
  "video producer": VIDEO_PRODUCER,
  "video media consumer": VIDEO_MEDIA,
  "video playback consumer": VIDEO_PLAYBACK,
  "key administrator": KEY_ADMINISTRATOR,
  "stream administrator": STREAM_ADMINISTRATOR,
  "video stream administrator": VIDEO_STREAM_ADMINISTRATOR,
  "read share, get-records reader": SDK_READER_ACROSS_ACCOUNTS,
  "read share, Lambda reader": { model: { ...LAMBDA.model, client: `${LAMBDA.model.client}, in another account` }, calls: LAMBDA.calls },
  "read share, KCL 1 reader": kclAcrossAccounts(1, "read"),
  "read share, KCL 2 reader": kclAcrossAccounts(2, "read"),
  "read share, KCL 3 reader": kclAcrossAccounts(3, "read"),
  "fan-out share, fan-out reader": FAN_OUT_ACROSS_ACCOUNTS,
  "fan-out share, KCL 2 reader": kclAcrossAccounts(2, "fan-out"),
  "fan-out share, KCL 3 reader": kclAcrossAccounts(3, "fan-out"),
  "write share, SDK writer": SDK_WRITER_ACROSS_ACCOUNTS,
  "write share, KPL writer": KPL_PRODUCER,
};

/**
 * What a principal in a role's trust sends when it assumes the role for the owner account: services
 * name the account they act for, as each documents (Firehose guide "controlling-access": Firehose
 * passes the account id as the external id; Managed Service for Apache Flink guide
 * "iam-cross-service-confused-deputy-prevention" and ECS guide "task-iam-roles": aws:SourceAccount
 * and aws:SourceArn). Lambda and EC2 document none for their roles; an IAM principal sends none.
 */
export function assumeRole(role: string, trusted: string, owner: Place): RuntimeCall {
  const source = `sts:AssumeRole by ${trusted}`;
  const base = { action: "sts:AssumeRole", resource: role, principal: trusted, step: `${trusted} assumes the role`, mode: "default" };
  if (trusted.startsWith("firehose.")) return { ...base, context: { "sts:ExternalId": owner.account }, source: `${source}; Firehose guide "controlling-access"` };
  if (trusted.startsWith("kinesisanalytics.")) {
    const application = `arn:${owner.partition}:kinesisanalytics:${owner.region}:${owner.account}:application/app`;
    return { ...base, context: { "aws:SourceAccount": owner.account, "aws:SourceArn": application }, source: `${source}; MSF guide "iam-cross-service-confused-deputy-prevention"` };
  }
  if (trusted.startsWith("ecs-tasks.")) {
    const cluster = `arn:${owner.partition}:ecs:${owner.region}:${owner.account}:task/cluster/0123456789abcdef`;
    return { ...base, context: { "aws:SourceAccount": owner.account, "aws:SourceArn": cluster }, source: `${source}; ECS guide "task-iam-roles"` };
  }
  return { ...base, source: `${source}; ${trusted.startsWith("arn:") ? "an IAM principal" : "documents no condition keys for its role"}` };
}
