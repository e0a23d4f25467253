/**
 * Customer-managed keys: key, alias, and the key policy as its own resource. KMS rejects a key
 * policy naming a principal that does not exist yet (MalformedPolicyDocumentException), and the
 * roles' policies name the key, so the order is key -> roles and their policies -> key policy
 * (permissions.md, "Ordering"). The key itself keeps AWS's default policy until then.
 */
import type { Key, Model, Tags } from "../model/types";
import { keyPolicy, keyPolicyParties } from "../permissions/resource-policies";
import { KmsAlias, KmsKey, KmsKeyPolicy, dependable } from "./cdktf";
import type { PartyConstructs } from "./iam";
import { type ModuleScope, constructId } from "./module-stack";

export interface KeyConstructs {
  keys: Map<string, KmsKey>;
  aliases: Map<string, KmsAlias>;
  policies: Map<string, KmsKeyPolicy>;
}

/** Adds every key kgen creates with its alias and policy, by key name; an existing key gets nothing. */
export function addKeys(stack: ModuleScope, model: Model): KeyConstructs {
  const added: KeyConstructs = { keys: new Map(), aliases: new Map(), policies: new Map() };
  for (const key of model.keys) if (key.existing === undefined) addKey(stack, model, key, added);
  return added;
}

/**
 * Every key's ARN as the module names it, by key name: a reference to a key kgen creates (known
 * after apply), the literal ARN of an existing key. One token per key: every read of `.arn`
 * makes a new CDKTF token, each holding a stack trace.
 */
export function keyArnsOf(model: Model, keys: ReadonlyMap<string, KmsKey>): Map<string, string> {
  return new Map(
    model.keys.map((key) => {
      if (key.existing !== undefined) return [key.name, key.existing.arn];
      const kmsKey = keys.get(key.name);
      if (kmsKey === undefined) throw new Error(`internal: no construct for key ${key.name}`);
      return [key.name, kmsKey.arn];
    }),
  );
}

function addKey(stack: ModuleScope, model: Model, key: Key, added: KeyConstructs): void {
  const kmsKey = stack.place(
    new KmsKey(stack.scope(KmsKey.tfResourceType), constructId(key.id), {
      description: key.description,
      enableKeyRotation: true,
      rotationPeriodInDays: key.rotationDays,
      deletionWindowInDays: key.deletionWindowDays,
      tags: tagsOrUndefined(key.tags),
    }),
    "keys.tf",
  );
  added.keys.set(key.name, kmsKey);
  if (key.alias !== undefined) {
    const alias = new KmsAlias(stack.scope(KmsAlias.tfResourceType), constructId(key.id), { name: key.alias, targetKeyId: kmsKey.keyId });
    added.aliases.set(key.name, stack.place(alias, "keys.tf"));
  }
  const policy = new KmsKeyPolicy(stack.scope(KmsKeyPolicy.tfResourceType), constructId(key.id), {
    keyId: kmsKey.keyId,
    policy: JSON.stringify(keyPolicy(model, key)),
  });
  added.policies.set(key.name, stack.place(policy, "keys.tf", "Attached once the roles it names exist: KMS rejects unknown principals."));
}

/** Each key policy waits for the roles it names and their policies (see the file comment). */
export function orderKeyPolicies(model: Model, policies: ReadonlyMap<string, KmsKeyPolicy>, parties: ReadonlyMap<string, PartyConstructs>): void {
  for (const key of model.keys) {
    const policy = policies.get(key.name);
    if (policy === undefined) continue;
    policy.dependsOn = keyPolicyParties(model, key).flatMap((party) => {
      const constructs = parties.get(party.name);
      if (constructs === undefined) throw new Error(`internal: no constructs for party ${party.name}`);
      // dependable(): the bare address Terraform expects in depends_on, in whatever stack this is.
      return [constructs.role, constructs.policy, constructs.attachment].flatMap((construct) => (construct === undefined ? [] : [dependable(construct)]));
    });
  }
}

/** A resource's tags (the spec-wide ones, or a resource's merged ones), omitted when there are none. */
export function tagsOrUndefined(tags: Tags): Record<string, string> | undefined {
  return Object.keys(tags).length === 0 ? undefined : { ...tags };
}
