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

/** The description of the managed policy of a party that runs as an existing user or group. */
export function partyPolicyDescription(model: Model, party: Party): string {
  return `${partyRoleDescription(model, party)}, attached to the ${party.role.kind} ${party.role.arn}`;
}

/** The description of the managed policy of a stream administrator kgen cannot attach to. */
export function administratorPolicyDescription(admin: StreamAdministrator): string {
  // The description of an IAM policy cannot change in place (Terraform replaces the policy), so
  // the wording for data streams stays as it was before video streams had administrators.
  const streams = [
    ...(admin.streams.length > 0 ? [`Kinesis streams ${admin.streams.join(", ")}`] : []),
    ...(admin.videoStreams.length > 0 ? [`Kinesis video streams ${admin.videoStreams.join(", ")}`] : []),
  ];
  return `Administration of the ${streams.join(" and ")}: attach it to ${admin.principal}`;
}

/** The description of a share's policy in its companion module. */
export function sharePolicyDescription(model: Model, share: Share): string {
  return `${share.access} access to ${share.streams.join(", ")} of account ${model.owner.account} (kgen share ${share.name})`;
}
