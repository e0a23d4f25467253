/**
 * The vocabulary of the permission catalogue (catalogue.ts): an IAM action, what it is granted
 * on, and a grant with the real client call each action serves. No action is named here.
 */

export type Action =
  | `kinesis:${string}`
  | `kinesisvideo:${string}`
  | `kms:${string}`
  | `dynamodb:${string}`
  | `cloudwatch:${string}`
  | `sts:${string}`;

/**
 * What an action is granted on, before it becomes an ARN. The model turns each target into
 * concrete ARNs for one party (or share) and its streams (see policies.ts).
 */
export type Target =
  /** S: the data stream. */
  | "stream"
  /** `S/consumer/CNAME:*`: the consumer kgen registers for this party or share. */
  | "registered-consumer"
  /**
   * `S/consumer/CNAME`: the same consumer as IAM sees a lookup by stream ARN and consumer name
   * (DescribeStreamConsumer(StreamARN, ConsumerName)): no registration time (PERMS Revision 2).
   */
  | "registered-consumer-name"
  /** `S/consumer/APP:*`: the consumer KCL 2+ registers itself, named after the application. */
  | "kcl-consumer"
  /** `S/consumer/APP`: KCL 2+'s by-name lookup of that consumer (PERMS Revision 2). */
  | "kcl-consumer-name"
  /** T(APP): the KCL lease table. */
  | "lease-table"
  /** `T(APP)/index/*`: KCL 3 queries the lease table's index. */
  | "lease-table-indexes"
  /** T(APP-WorkerMetricStats): KCL 3 worker metrics table. */
  | "worker-metrics-table"
  /** T(APP-CoordinatorState): KCL 3 coordinator state table. */
  | "coordinator-state-table"
  /** V: the video stream, `arn:P:kinesisvideo:R:A:stream/NAME/*` (its ARN ends in a creation time). */
  | "video-stream"
  /** `*`: only for actions that accept no narrower resource. */
  | "any";

/**
 * The CloudWatch namespace a metrics grant holds for (`cloudwatch:namespace`): KCL publishes under
 * its application name (KCL ConfigsBuilder.namespace(), default applicationName()), the KPL under
 * `KinesisProducerLibrary` (KPL configuration.h, metrics_namespace_ default).
 */
export type MetricsNamespace = "kcl-application" | "KinesisProducerLibrary";
export const CLOUDWATCH_NAMESPACE_KEY = "cloudwatch:namespace";

export interface ActionGrant {
  on: Target;
  /** In policy order: the keys of `why`. */
  actions: readonly Action[];
  /** For each action, the real client call it serves, in a few words. */
  why: Readonly<Record<string, string>>;
  /** Set on cloudwatch:PutMetricData grants: the one namespace they hold for. */
  namespace?: MetricsNamespace;
}

/** A grant from a map of action -> why: the map's order is the policy's order. */
export function grant(on: Target, why: Readonly<Partial<Record<Action, string>>>, namespace?: MetricsNamespace): ActionGrant {
  const reasons = why as Readonly<Record<string, string>>;
  return { on, actions: Object.keys(reasons) as Action[], why: reasons, ...(namespace === undefined ? {} : { namespace }) };
}
