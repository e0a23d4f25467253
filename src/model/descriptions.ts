/**
 * The descriptions of the IAM roles and policies kgen creates. IAM holds them to 1,000
 * characters (IAM API reference: CreateRole and CreatePolicy, `Description`, maximum length
 * 1000), so the constructs write these exact strings and permissions/limits.ts checks the same
 * strings before anything is built.
 */
import type { Model, Party, Share, StreamAdministrator } from "./types";

/** A created role's description. */
export function partyRoleDescription(model: Model, party: Party): string {
  return `${party.kind === "producer" ? "Producer" : "Consumer"} ${party.name} of ${party.streams.join(", ")} (kgen module ${model.name})`;
}

/**
 * The description of the managed policy of a party that runs as an existing user or group. Like
 * an administrator's below, it names what never changes for the policy, never the streams:
 * Terraform replaces an IAM policy to change its description (state/force-new.ts).
 */
export function partyPolicyDescription(model: Model, party: Party): string {
  const kind = party.kind === "producer" ? "Producer" : "Consumer";
  return `${kind} ${party.awsName} of Kinesis streams of kgen module ${model.name}: attached to the ${party.role.kind} ${party.role.arn}`;
}

/**
 * The description of the managed policy of a stream administrator kgen cannot attach to.
 * Terraform can only replace an IAM policy to change its description (state/force-new.ts), and a
 * replaced policy loses the attachments made outside Terraform: the text names what never changes
 * for this policy, never the streams, so giving the administrator another stream updates it in place.
 */
export function administratorPolicyDescription(model: Model, admin: StreamAdministrator): string {
  return `Administration of Kinesis streams of kgen module ${model.name}: attach it to ${admin.principal}`;
}

/**
 * The description of a share's policy in its companion module: like an administrator's, it names
 * what never changes while the share exists, never its streams or access, so adding a stream to
 * a share updates the policy in place.
 */
export function sharePolicyDescription(model: Model, share: Share): string {
  return `Access to Kinesis streams of account ${model.owner.account} granted by kgen share ${share.awsName} of module ${model.name}`;
}
