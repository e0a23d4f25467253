/**
 * AWS size limits of the documents kgen generates (spec-v1.md, "What is an error"). A module that
 * would be rejected at apply time is an error at synth time instead.
 */
import type { Key, Model, Party } from "../model/types";
import { administratorPolicyDescription, partyPolicyDescription, partyRoleDescription, sharePolicyDescription } from "../model/descriptions";
import { partyPolicy, sharePolicy, trustPolicy } from "./policies";
import { consumerResourcePolicy, keyPolicy, keyPolicyHandOver, streamResourcePolicy } from "./resource-policies";

/** KMS: a key policy is at most 32 KB (KMS quotas, "Key policy document size"). */
export const KEY_POLICY_MAX_BYTES = 32 * 1024;
/** IAM: inline policies of one role total at most 10,240 characters, whitespace excluded (IAM quotas). */
export const ROLE_INLINE_POLICIES_MAX_CHARS = 10240;

/**
 * IAM: a role's trust policy is at most 2,048 characters by default, whitespace excluded (IAM
 * quotas, "reference_iam-quotas": "Role trust policy length", adjustable to 4,096).
 */
export const TRUST_POLICY_MAX_CHARS = 2048;
/** IAM: a role's or a managed policy's description is at most 1,000 characters (IAM API reference, CreateRole and CreatePolicy `Description`). */
export const DESCRIPTION_MAX_CHARS = 1000;

/** Kinesis: a stream or consumer resource policy is at most 20 KB (KDS guide, "resource-based-policies"). */
export const RESOURCE_POLICY_MAX_BYTES = 20 * 1024;
/** IAM: a managed policy is at most 6,144 characters, whitespace excluded (IAM quotas). */
export const MANAGED_POLICY_MAX_CHARS = 6144;

/** A key ARN's real length, used where the ARN is only known after apply. */
const SAMPLE_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

export interface LimitViolation {
  /** KG3001: a policy document; KG3002: a description. */
  code: "KG3001" | "KG3002";
  /** Spec path of what is too large. */
  path: Array<string | number>;
  message: string;
  hint: string;
}

export function checkPolicyLimits(model: Model): LimitViolation[] {
  const violations: LimitViolation[] = [];
  const { partition, region, account } = model.owner;
  const keyArnOf = (key: Key): string => key.existing?.arn ?? `arn:${partition}:kms:${region}:${account}:key/${SAMPLE_KEY_ID}`;
  for (const key of model.keys) {
    // An existing key's owner adds the hand-over to a policy of their own: it alone must fit.
    const size = Buffer.byteLength(JSON.stringify(key.existing === undefined ? keyPolicy(model, key) : keyPolicyHandOver(model, key)));
    if (size > KEY_POLICY_MAX_BYTES) {
      violations.push({
        code: "KG3001",
        path: ["keys", key.name],
        message: `the key policy${key.existing === undefined ? "" : " statements to hand over"} would be ${size} bytes; KMS allows ${KEY_POLICY_MAX_BYTES}`,
        hint: "spread the streams over more keys",
      });
    }
  }
  // A role's inline policies count together, whichever parties it serves; a user's or group's
  // party policies are managed policies, each on its own (constructs/iam.ts).
  const inlineOnRole = new Map<string, number>();
  for (const party of model.parties) {
    const size = JSON.stringify(partyPolicy(model, party, keyArnOf)).length;
    const path = [party.kind === "producer" ? "producers" : "consumers", party.name];
    if (party.role.kind === "user" || party.role.kind === "group") {
      if (size > MANAGED_POLICY_MAX_CHARS) {
        violations.push({
          code: "KG3001",
          path,
          message: `the party's managed policy would be ${size} characters; IAM allows ${MANAGED_POLICY_MAX_CHARS}`,
          hint: "split the party's streams over several parties",
        });
      }
      continue;
    }
    const total = (inlineOnRole.get(party.role.arn) ?? 0) + size;
    inlineOnRole.set(party.role.arn, total);
    if (total > ROLE_INLINE_POLICIES_MAX_CHARS) {
      violations.push({
        code: "KG3001",
        path,
        message:
          total === size
            ? `the role's inline policy would be ${size} characters; IAM allows ${ROLE_INLINE_POLICIES_MAX_CHARS} per role`
            : `the role's inline policies would be ${total} characters with this party's (${size}); IAM allows ${ROLE_INLINE_POLICIES_MAX_CHARS} per role`,
        hint: "split the party's streams over several parties, or give parties that share a role roles of their own",
      });
    }
  }
  for (const stream of model.streams) {
    const policy = streamResourcePolicy(model, stream);
    const size = policy === undefined ? 0 : Buffer.byteLength(JSON.stringify(policy));
    if (size > RESOURCE_POLICY_MAX_BYTES) {
      violations.push({
        code: "KG3001",
        path: ["streams", stream.name],
        message: `the stream's resource policy would be ${size} bytes; Kinesis allows ${RESOURCE_POLICY_MAX_BYTES}`,
        hint: "share this stream with fewer principals, or name accounts instead of many roles",
      });
    }
  }
  for (const share of model.shares) {
    const streamArn = model.streams.find((stream) => share.streams.includes(stream.name))?.arn ?? "";
    const consumerSize = Buffer.byteLength(JSON.stringify(consumerResourcePolicy(share, `${streamArn}/consumer/${share.name}:1700000000`)));
    if (share.registeredConsumers.length > 0 && consumerSize > RESOURCE_POLICY_MAX_BYTES) {
      violations.push({
        code: "KG3001",
        path: ["shares", share.name],
        message: `the resource policy of the share's consumer would be ${consumerSize} bytes; Kinesis allows ${RESOURCE_POLICY_MAX_BYTES}`,
        hint: "split the share's principals over several shares",
      });
    }
    const identitySize = JSON.stringify(sharePolicy(model, share, keyArnOf)).length;
    if (identitySize > MANAGED_POLICY_MAX_CHARS) {
      violations.push({
        code: "KG3001",
        path: ["shares", share.name],
        message: `the share's IAM policy in the companion module would be ${identitySize} characters; IAM allows ${MANAGED_POLICY_MAX_CHARS}`,
        hint: "split the share's streams over several shares",
      });
    }
  }
  return violations;
}

/** The description of a user's or group's party policy (descriptions.ts). */
function checkPartyPolicyDescription(model: Model, party: Party, path: Array<string | number>, violations: LimitViolation[]): void {
  const description = partyPolicyDescription(model, party).length;
  if (description <= DESCRIPTION_MAX_CHARS) return;
  violations.push({
    code: "KG3002",
    path,
    message: `the party's policy description would be ${description} characters; IAM allows ${DESCRIPTION_MAX_CHARS}`,
    hint: "the description names the party's streams: split them over several parties, or use shorter stream names",
  });
}

/** Trust policies and descriptions of the IAM roles and policies kgen creates. */
export function checkIamLimits(model: Model): LimitViolation[] {
  const violations: LimitViolation[] = [];
  for (const party of model.parties) {
    const path = [party.kind === "producer" ? "producers" : "consumers", party.name];
    if (party.role.kind === "user" || party.role.kind === "group") checkPartyPolicyDescription(model, party, path, violations);
    if (party.role.kind !== "created") continue;
    const trust = JSON.stringify(trustPolicy(party.role, model.owner)).length;
    if (trust > TRUST_POLICY_MAX_CHARS) {
      violations.push({
        code: "KG3001",
        path: [...path, "role", "assumed_by"],
        message: `the role's trust policy would be ${trust} characters; IAM allows ${TRUST_POLICY_MAX_CHARS} (the default quota)`,
        hint: "trust fewer principals (an account id trusts all of its roles), or raise the account's quota and split the party",
      });
    }
    const description = partyRoleDescription(model, party).length;
    if (description > DESCRIPTION_MAX_CHARS) {
      violations.push({
        code: "KG3002",
        path,
        message: `the role's description would be ${description} characters; IAM allows ${DESCRIPTION_MAX_CHARS}`,
        hint: "the description names the party's streams: split them over several parties, or use shorter stream names",
      });
    }
  }
  for (const admin of model.streamAdministrators) {
    if (admin.ownerRoleName !== undefined) continue;
    const description = administratorPolicyDescription(model, admin).length;
    if (description > DESCRIPTION_MAX_CHARS) {
      violations.push({
        code: "KG3002",
        path: administratorPath(model, admin.principal),
        message: `the administrator's policy description would be ${description} characters; IAM allows ${DESCRIPTION_MAX_CHARS}`,
        hint: "the description names the administrator's streams: name fewer streams per administrator, or shorter ones",
      });
    }
  }
  for (const share of model.shares) {
    const description = sharePolicyDescription(model, share).length;
    if (description > DESCRIPTION_MAX_CHARS) {
      violations.push({
        code: "KG3002",
        path: ["shares", share.name, "streams"],
        message: `the share's policy description in the companion module would be ${description} characters; IAM allows ${DESCRIPTION_MAX_CHARS}`,
        hint: "the description names the share's streams: split them over several shares",
      });
    }
  }
  return violations;
}

/** Where the spec first names a stream administrator. */
function administratorPath(model: Model, principal: string): Array<string | number> {
  for (const stream of [...model.streams, ...model.videoStreams]) {
    const index = stream.administrators.indexOf(principal);
    if (index !== -1) return ["streams", stream.name, "administrators", index];
  }
  return ["streams"];
}
