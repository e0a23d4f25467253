/**
 * Customer-managed keys: key, alias, and the key policy as its own resource. KMS rejects a key
 * policy naming a principal that does not exist yet (MalformedPolicyDocumentException), and the
 * roles' policies name the key, so the order is key -> roles and their policies -> key policy
 * (permissions.md, "Ordering"). The key itself keeps AWS's default policy until then.
 */
import type { Key, Model } from "../model/types";
import { keyPolicy, keyPolicyParties } from "../permissions/resource-policies";
import { KmsAlias, KmsKey, KmsKeyPolicy } from "./cdktf";
import { literalText } from "./literal-text";
import { partyPolicyAddress, partyRoleAddress } from "./iam";
import type { ModuleStack } from "./module-stack";

/** Adds every key of the model; returns each key's construct by key name. */
export function addKeys(stack: ModuleStack, model: Model): Map<string, KmsKey> {
  const keys = new Map<string, KmsKey>();
  for (const key of model.keys) keys.set(key.name, addKey(stack, model, key));
  return keys;
}

function addKey(stack: ModuleStack, model: Model, key: Key): KmsKey {
  const kmsKey = stack.place(
    new KmsKey(stack.scope(KmsKey.tfResourceType), key.id, {
      description: literalText(key.description),
      enableKeyRotation: true,
      rotationPeriodInDays: key.rotationDays,
      deletionWindowInDays: key.deletionWindowDays,
      tags: tagsOrUndefined(model),
    }),
    "keys.tf",
  );
  if (key.alias !== undefined) {
    stack.place(new KmsAlias(stack.scope(KmsAlias.tfResourceType), key.id, { name: key.alias, targetKeyId: kmsKey.keyId }), "keys.tf");
  }
  const policy = stack.place(
    new KmsKeyPolicy(stack.scope(KmsKeyPolicy.tfResourceType), key.id, { keyId: kmsKey.keyId, policy: JSON.stringify(keyPolicy(model, key)) }),
    "keys.tf",
    "Attached once the roles it names exist: KMS rejects unknown principals.",
  );
  const parties = keyPolicyParties(model, key);
  policy.dependsOn = parties.flatMap((party) =>
    party.role.kind === "created" ? [partyRoleAddress(party), partyPolicyAddress(party)] : [partyPolicyAddress(party)],
  );
  return kmsKey;
}

export function tagsOrUndefined(model: Model): Record<string, string> | undefined {
  return Object.keys(model.tags).length === 0 ? undefined : { ...model.tags };
}
