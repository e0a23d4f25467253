/**
 * An existing key kgen does not manage (`keys.<k>.arn`): a key ARN, in the owner's partition and
 * Region, of the owner account or another one.
 */
import type { Report } from "./diagnostics";
import type { Spec } from "./types";

// KMS key ARNs: arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID, the id a UUID or, for a multi-Region
// key, mrk- and 32 hex digits (KMS guide "concepts", "Key identifiers (KeyId)").
const KEY_ARN = /^arn:([a-z-]+):kms:([a-z0-9-]+):([0-9]{12}):key\/((?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|(?:mrk-[0-9a-f]{32}))$/;
const ALIAS_ARN = /^arn:[a-z-]+:kms:[a-z0-9-]*:[0-9]*:alias\//;

export interface KeyArnParts {
  partition: string;
  region: string;
  account: string;
}

/** The parts of a KMS key ARN, or undefined when the text is not one. */
export function keyArnParts(arn: string): KeyArnParts | undefined {
  const match = KEY_ARN.exec(arn);
  return match === null ? undefined : { partition: match[1], region: match[2], account: match[3] };
}

export function checkExistingKey(spec: Spec, name: string, arn: string, report: Report, arns: Map<string, string>): void {
  const path = ["keys", name, "arn"];
  const parts = keyArnParts(arn);
  if (parts === undefined) {
    // An alias can be repointed to another key by whoever controls it, and IAM matches a policy's
    // Resource against the key ARN of the request, never an alias ARN (KMS guide
    // "cmks-in-iam-policies"): the identity policies kgen writes must name the key itself.
    report({
      code: "KG2046",
      path,
      message: ALIAS_ARN.test(arn)
        ? `"${arn}" is an alias ARN; kgen needs the key's own ARN: IAM and key policies match the key ARN, never an alias, and an alias can be moved to another key`
        : `"${arn}" is not a KMS key ARN`,
      hint: `give the key ARN, arn:${spec.owner.partition}:kms:${spec.owner.region}:ACCOUNT:key/KEY-ID (aws kms describe-key --key-id alias/NAME prints it as KeyMetadata.Arn)`,
    });
    return;
  }
  // A stream's key must be in the stream's Region: KMS keys are Regional resources (KMS guide
  // "multi-region-keys-overview": a key is used only in its Region; a multi-Region key's replica
  // has its own ARN there), and both services call KMS through their own Regional endpoint,
  // which is what the kms:ViaService condition on every grant names (KDS guide
  // "permissions-user-key-KMS", KVS guide "how-kms").
  if (parts.partition !== spec.owner.partition || parts.region !== spec.owner.region) {
    const expected = `arn:${spec.owner.partition}:kms:${spec.owner.region}:`;
    report({
      code: "KG2047",
      path,
      message: `key "${name}" is in ${parts.partition}/${parts.region}; the streams are in ${spec.owner.partition}/${spec.owner.region}, and a stream can only use a key of its own partition and Region`,
      hint: `use a key (or a multi-Region key's replica) whose ARN starts with ${expected}`,
    });
  }
  const other = arns.get(arn);
  if (other !== undefined) {
    report({
      code: "KG2048",
      path,
      message: `key "${name}" has the same ARN as key "${other}"`,
      hint: `name the key once under keys and set encryption: ${other} on every stream that uses it`,
    });
  } else {
    arns.set(arn, name);
  }
}
