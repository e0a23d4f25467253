/**
 * The questions explain asks: which resources exist, which actions are worth asking about on
 * each, and the request context AWS sends with them. Resources come from the model and from the
 * ARNs the documents name; actions from the documents only, so every action some principal got is
 * asked of every other principal too, and the matrix shows the denials as well.
 */
import { dnsSuffix } from "../model/arns";
import { CLOUDWATCH_NAMESPACE_KEY, KEY_USE_ACTION, KMS_SCOPES, KMS_VIA_SERVICE_KEY, viaService, type StreamService } from "../permissions/catalogue";
import type { Model } from "../model/types";
import type { PolicyDocument } from "../permissions/policy-document";
import { CREATED_PLACEHOLDER, placeholderConsumerArn, placeholderKeyArn, type Deployment } from "./documents";

export type ResourceKind = "stream" | "consumer" | "consumer-name" | "video-stream" | "key" | "table" | "table-index" | "any";

export interface ExplainedResource {
  /** A concrete ARN (placeholders where AWS picks part of it), or `*`. */
  arn: string;
  kind: ResourceKind;
  /** The spec streams it belongs to: the stream itself, a consumer's stream, the streams a key encrypts. */
  streams: string[];
  /** Keys only: the calls stream services make with it, one per stream it encrypts. */
  keyUses?: StreamKeyUse[];
}

/** A KMS call a stream service makes for one stream, with the context AWS attaches to it. */
export interface StreamKeyUse {
  stream: string;
  context: Record<string, string>;
}

/** A DynamoDB index name is the table owner's choice; explain writes `T/index/<index>`. */
export const INDEX_PLACEHOLDER = "<index>";

/**
 * The KMS actions Kinesis Data Streams and Kinesis Video Streams call on a stream's behalf:
 * GenerateDataKey when records or media are written, Decrypt when they are read (KDS guide
 * "permissions-user-key-KMS"; KVS guide "how-kms"). Explain asks them only as those services
 * make them, once per stream the key encrypts.
 */
export const STREAM_KEY_ACTIONS: readonly string[] = Object.values(KEY_USE_ACTION);

/**
 * The context of those calls: `kms:ViaService` names the calling service's endpoint, and Kinesis
 * Data Streams (not Video) passes the stream ARN as encryption context `aws:kinesis:arn`
 * (KMS guide "conditions-kms"; KDS guide "what-is-sse").
 */
export function streamKeyUses(model: Model, keyName: string): StreamKeyUse[] {
  const { region, partition } = model.owner;
  const context = (service: StreamService, streamArn: string): Record<string, string> => {
    const { encryptionContextKey } = KMS_SCOPES[service];
    const via = { [KMS_VIA_SERVICE_KEY]: viaService(service, region, dnsSuffix(partition)) };
    return encryptionContextKey === undefined ? via : { ...via, [encryptionContextKey]: streamArn };
  };
  const onKey = (encryption: { kind: string; key?: string }): boolean => encryption.kind === "customer-managed" && encryption.key === keyName;
  return [
    ...model.streams.filter((s) => onKey(s.encryption)).map((s) => ({ stream: s.name, context: context("kinesis", s.arn) })),
    ...model.videoStreams.filter((s) => onKey(s.encryption)).map((s) => ({ stream: s.name, context: context("kinesisvideo", s.arnPattern) })),
  ];
}

export interface Inventory {
  /** By ARN. */
  resources: Map<string, ExplainedResource>;
  /** Every exact action a non-trust document grants, with the kinds of resource it is granted on. */
  actions: Map<string, Set<ResourceKind>>;
  /**
   * Actions granted on `*` only under a condition (cloudwatch:PutMetricData for one namespace):
   * the contexts to ask them with, one per value the documents name.
   */
  contexts: Map<string, ConditionContext[]>;
}

/** A request context a statement's condition names, and how a row shows it (`namespace StockTradesProcessor`). */
export interface ConditionContext {
  context: Record<string, string>;
  label: string;
}

export function inventoryOf(model: Model, deployment: Deployment): Inventory {
  const resources = new Map<string, ExplainedResource>();
  const add = (resource: ExplainedResource): void => {
    if (!resources.has(resource.arn)) resources.set(resource.arn, resource);
  };
  for (const stream of model.streams) add({ arn: stream.arn, kind: "stream", streams: [stream.name] });
  for (const stream of model.videoStreams) add({ arn: concreteVideoArn(stream.arnPattern), kind: "video-stream", streams: [stream.name] });
  for (const key of model.keys) {
    const keyUses = streamKeyUses(model, key.name);
    add({ arn: placeholderKeyArn(model, key), kind: "key", streams: keyUses.map((use) => use.stream), keyUses });
  }
  add({ arn: "*", kind: "any", streams: [] });

  const actions = new Map<string, Set<ResourceKind>>();
  const contexts = new Map<string, ConditionContext[]>();
  const contextLabels = new Map<string, Set<string>>();
  const grant = (document: PolicyDocument, ownResource: ExplainedResource | undefined): void => {
    for (const statement of document.Statement) {
      if (statement.Resource?.includes("*") === true && ownResource === undefined) addContexts(contexts, contextLabels, statement);
      // `*` in a key policy means the key itself (KMS guide "key-policy-overview").
      const named = (statement.Resource ?? []).map((pattern) => (pattern === "*" && ownResource !== undefined ? ownResource : classify(pattern)));
      named.forEach(add);
      // Wildcard actions (the account root's kms:*) are matched by the evaluator, never asked.
      for (const action of statement.Action.filter((a) => !/[*?]/.test(a))) {
        const kinds = actions.get(action) ?? new Set<ResourceKind>();
        named.forEach((resource) => kinds.add(resource.kind));
        actions.set(action, kinds);
      }
    }
  };
  for (const documents of deployment.identity.values()) documents.forEach((document) => grant(document, undefined));
  for (const [arn, policy] of deployment.resources) {
    if (policy.kind !== "trust") grant(policy.document, resources.get(arn) ?? classify(arn));
  }
  return { resources, actions, contexts };
}

/** The conditions of an identity statement on `*`, as contexts to ask its actions with. */
function addContexts(contexts: Map<string, ConditionContext[]>, labelsOf: Map<string, Set<string>>, statement: PolicyDocument["Statement"][number]): void {
  for (const [key, values] of Object.entries(statement.Condition?.StringEquals ?? {})) {
    for (const value of [values].flat()) {
      const label = key === CLOUDWATCH_NAMESPACE_KEY ? `namespace ${value}` : `${key} ${value}`;
      for (const action of statement.Action) {
        // Thousands of consumers each name their own namespace: a label set, not a scan per label.
        const labels = labelsOf.get(action) ?? new Set<string>();
        labelsOf.set(action, labels);
        if (labels.has(label)) continue;
        labels.add(label);
        const known = contexts.get(action) ?? [];
        contexts.set(action, known);
        known.push({ context: { [key]: value }, label });
      }
    }
  }
}

const ARN = /^arn:[a-z-]+:([a-z0-9-]+):[a-z0-9-]*:\d{12}:(.+)$/;

/**
 * A policy's resource pattern as a concrete resource to ask about. Only the wildcards kgen writes
 * are understood — a consumer's registration time, a video stream's creation time, any index of a
 * table; any other pattern is an internal error rather than a guess.
 */
export function classify(pattern: string): ExplainedResource {
  if (pattern === "*") return { arn: "*", kind: "any", streams: [] };
  const match = ARN.exec(pattern);
  if (match === null) throw new Error(`internal: explain cannot place the resource ${pattern}`);
  const [, service, resource] = match;
  const prefix = pattern.slice(0, pattern.length - resource.length);
  let found: RegExpExecArray | null;
  if (service === "kinesis" && (found = /^stream\/([^/*]+)$/.exec(resource)) !== null) return { arn: pattern, kind: "stream", streams: [found[1]] };
  if (service === "kinesis" && (found = /^stream\/([^/*]+)\/consumer\/([^/:*]+):(\*|<created>)$/.exec(resource)) !== null) {
    return { arn: placeholderConsumerArn(`${prefix}stream/${found[1]}`, found[2]), kind: "consumer", streams: [found[1]] };
  }
  // A lookup by stream ARN and consumer name: IAM sees the consumer's ARN without its time.
  if (service === "kinesis" && (found = /^stream\/([^/*]+)\/consumer\/([^/:*]+)$/.exec(resource)) !== null) {
    return { arn: pattern, kind: "consumer-name", streams: [found[1]] };
  }
  if (service === "kinesisvideo" && (found = /^stream\/([^/*]+)\/\*$/.exec(resource)) !== null) {
    return { arn: concreteVideoArn(pattern), kind: "video-stream", streams: [found[1]] };
  }
  if (service === "kms" && /^key\/[^*]+$/.test(resource)) return { arn: pattern, kind: "key", streams: [] };
  if (service === "dynamodb" && /^table\/[^/*]+$/.test(resource)) return { arn: pattern, kind: "table", streams: [] };
  if (service === "dynamodb" && /^table\/[^/*]+\/index\/\*$/.test(resource)) {
    return { arn: `${pattern.slice(0, -1)}${INDEX_PLACEHOLDER}`, kind: "table-index", streams: [] };
  }
  throw new Error(`internal: explain cannot place the resource ${pattern}`);
}

/** A video stream's ARN ends in its creation time: `.../stream/NAME/*` is asked as `.../stream/NAME/<created>`. */
function concreteVideoArn(pattern: string): string {
  if (!pattern.endsWith("/*")) throw new Error(`internal: unexpected video stream ARN pattern ${pattern}`);
  return `${pattern.slice(0, -1)}${CREATED_PLACEHOLDER}`;
}
