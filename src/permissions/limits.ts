/**
 * AWS size limits of the documents kgen generates (spec-v1.md, "What is an error"). A module that
 * would be rejected at apply time is an error at synth time instead.
 */
import type { Model } from "../model/types";
import { partyPolicy, sharePolicy } from "./policies";
import { consumerResourcePolicy, keyPolicy, streamResourcePolicy } from "./resource-policies";

/** KMS: a key policy is at most 32 KB (KMS quotas, "Key policy document size"). */
export const KEY_POLICY_MAX_BYTES = 32 * 1024;
/** IAM: inline policies of one role total at most 10,240 characters, whitespace excluded (IAM quotas). */
export const ROLE_INLINE_POLICIES_MAX_CHARS = 10240;

/** Kinesis: a stream or consumer resource policy is at most 20 KB (KDS guide, "resource-based-policies"). */
export const RESOURCE_POLICY_MAX_BYTES = 20 * 1024;
/** IAM: a managed policy is at most 6,144 characters, whitespace excluded (IAM quotas). */
export const MANAGED_POLICY_MAX_CHARS = 6144;

/** A key ARN's real length, used where the ARN is only known after apply. */
const SAMPLE_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

export interface LimitViolation {
  /** Spec path of what is too large. */
  path: string[];
  message: string;
  hint: string;
}

export function checkPolicyLimits(model: Model): LimitViolation[] {
  const violations: LimitViolation[] = [];
  const { partition, region, account } = model.owner;
  const keyArnOf = (): string => `arn:${partition}:kms:${region}:${account}:key/${SAMPLE_KEY_ID}`;
  for (const key of model.keys) {
    const size = Buffer.byteLength(JSON.stringify(keyPolicy(model, key)));
    if (size > KEY_POLICY_MAX_BYTES) {
      violations.push({
        path: ["keys", key.name],
        message: `the key policy would be ${size} bytes; KMS allows ${KEY_POLICY_MAX_BYTES}`,
        hint: "spread the streams over more keys",
      });
    }
  }
  for (const party of model.parties) {
    const size = JSON.stringify(partyPolicy(model, party, keyArnOf)).length;
    if (size > ROLE_INLINE_POLICIES_MAX_CHARS) {
      violations.push({
        path: [party.kind === "producer" ? "producers" : "consumers", party.name],
        message: `the role's inline policy would be ${size} characters; IAM allows ${ROLE_INLINE_POLICIES_MAX_CHARS} per role`,
        hint: "split the party's streams over several parties",
      });
    }
  }
  for (const stream of model.streams) {
    const policy = streamResourcePolicy(model, stream);
    const size = policy === undefined ? 0 : Buffer.byteLength(JSON.stringify(policy));
    if (size > RESOURCE_POLICY_MAX_BYTES) {
      violations.push({
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
        path: ["shares", share.name],
        message: `the resource policy of the share's consumer would be ${consumerSize} bytes; Kinesis allows ${RESOURCE_POLICY_MAX_BYTES}`,
        hint: "split the share's principals over several shares",
      });
    }
    const identitySize = JSON.stringify(sharePolicy(model, share, keyArnOf)).length;
    if (identitySize > MANAGED_POLICY_MAX_CHARS) {
      violations.push({
        path: ["shares", share.name],
        message: `the share's IAM policy in the companion module would be ${identitySize} characters; IAM allows ${MANAGED_POLICY_MAX_CHARS}`,
        hint: "split the share's streams over several shares",
      });
    }
  }
  return violations;
}
