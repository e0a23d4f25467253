/**
 * Placeholder ARNs for what AWS assigns at apply time. The modules name a key as
 * `aws_kms_key.<k>.arn` (a companion module as `var.<k>_key_arn`) and a registered consumer as
 * `aws_kinesis_stream_consumer.<c>.arn`; a policy checked before apply needs a literal ARN there.
 * Each placeholder is a well-formed ARN, the same in every run and on every machine, and stays the
 * same when other keys or consumers are added to the spec; the bundle's manifest lists what each
 * stands for.
 */
import { createHash } from "node:crypto";
import { keyArn, type Location } from "../model/arns";
import type { Key } from "../model/types";

/**
 * A key id as KMS writes them (a UUID), all zeros but for 48 bits of the key's spec name: plainly
 * a placeholder to a reader, and one that no other key of the spec will take.
 */
export function keyArnPlaceholder(owner: Location, key: Key): string {
  const digest = createHash("sha256").update(`kgen key ${key.name}`).digest("hex");
  return keyArn(owner, `00000000-0000-0000-0000-${digest.slice(0, 12)}`);
}

/**
 * A registered consumer's ARN ends in its creation time, in seconds since 1970 (Kinesis API
 * reference, ConsumerDescription.ConsumerARN); the placeholder time is ten zeros.
 */
export const CONSUMER_CREATION_TIME_PLACEHOLDER = "0000000000";

export function consumerArnPlaceholder(streamArn: string, consumerName: string): string {
  return `${streamArn}/consumer/${consumerName}:${CONSUMER_CREATION_TIME_PLACEHOLDER}`;
}

/** One placeholder value and every expression of the modules it stands for. */
export interface Placeholder {
  value: string;
  standsFor: Array<{ module: string; expression: string }>;
  why: string;
}

export const KEY_PLACEHOLDER_WHY = "KMS assigns a key's id when it creates the key";
export const CONSUMER_PLACEHOLDER_WHY = "Kinesis adds the registration time to a consumer's ARN when it registers the consumer";
