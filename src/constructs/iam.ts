/**
 * IAM: one role per producer or consumer (created, or an existing one kgen only attaches to),
 * its inline policy, and the policies of stream administrators.
 */
import { administratorPolicyDescription, partyRoleDescription } from "../model/descriptions";
import type { Key, Model } from "../model/types";
import { partyPolicy, streamAdministratorPolicy, trustPolicy } from "../permissions/policies";
import { IamPolicy, IamRole, IamRolePolicy, type KmsKey } from "./cdktf";
import { tagsOrUndefined } from "./keys";
import { type ModuleScope, constructId } from "./module-stack";

/** A party's role (absent when the role exists already) and its inline policy. */
export interface PartyConstructs {
  role?: IamRole;
  policy: IamRolePolicy;
}

/** Adds each party's role (when kgen creates it) and inline policy, by party name. */
export function addParties(stack: ModuleScope, model: Model, keys: ReadonlyMap<string, KmsKey>): Map<string, PartyConstructs> {
  // One token per key: every read of `.arn` makes a new CDKTF token, each holding a stack trace.
  const keyArns = new Map([...keys].map(([name, kmsKey]) => [name, kmsKey.arn]));
  const keyArnOf = (key: Key): string => {
    const arn = keyArns.get(key.name);
    if (arn === undefined) throw new Error(`internal: no construct for key ${key.name}`);
    return arn;
  };
  const parties = new Map<string, PartyConstructs>();
  for (const party of model.parties) {
    let roleName = party.role.name;
    let role: IamRole | undefined;
    if (party.role.kind === "created") {
      role = stack.place(
        new IamRole(stack.scope(IamRole.tfResourceType), constructId(party.id), {
          name: party.role.name,
          description: partyRoleDescription(model, party),
          assumeRolePolicy: JSON.stringify(trustPolicy(party.role, model.owner)),
          tags: tagsOrUndefined(model),
        }),
        "iam.tf",
      );
      roleName = role.name;
    }
    const policy = stack.place(
      new IamRolePolicy(stack.scope(IamRolePolicy.tfResourceType), constructId(party.id), {
        name: party.policyName,
        role: roleName,
        policy: JSON.stringify(partyPolicy(model, party, keyArnOf)),
      }),
      "iam.tf",
      party.role.kind === "existing" ? `Attached to the existing role ${party.role.arn}.` : undefined,
    );
    parties.set(party.name, { role, policy });
  }
  return parties;
}

/**
 * Stream administrators that are roles of the owner account get an inline policy; for any other
 * principal kgen creates a managed policy and outputs its ARN for the caller to attach.
 */
export function addStreamAdministrators(stack: ModuleScope, model: Model): Map<string, IamPolicy> {
  const policies = new Map<string, IamPolicy>();
  for (const admin of model.streamAdministrators) {
    const policy = JSON.stringify(streamAdministratorPolicy(model, admin));
    if (admin.ownerRoleName !== undefined) {
      stack.place(
        new IamRolePolicy(stack.scope(IamRolePolicy.tfResourceType), constructId(admin.id), { name: admin.policyName, role: admin.ownerRoleName, policy }),
        "iam.tf",
        `Stream administration for the existing role ${admin.principal}.`,
      );
    } else {
      policies.set(
        admin.principal,
        stack.place(
          new IamPolicy(stack.scope(IamPolicy.tfResourceType), constructId(admin.id), {
            name: admin.policyName,
            description: administratorPolicyDescription(model, admin),
            policy,
            tags: tagsOrUndefined(model),
          }),
          "iam.tf",
          `Attach to ${admin.principal}: kgen only attaches policies to roles of the owner account.`,
        ),
      );
    }
  }
  return policies;
}
