/**
 * IAM: one role per producer or consumer (created, or an existing one kgen only attaches to) or
 * an existing user or group, the party's inline policy on it, and the policies of stream
 * administrators.
 */
import { administratorPolicyDescription, partyPolicyDescription, partyRoleDescription } from "../model/descriptions";
import { iamNameFromArn } from "../model/arns";
import { compoundIdentifier, distinctIdentifiers, identifierDigest, terraformIdentifier } from "../model/names";
import type { CreatedRole, Key, Model, Party } from "../model/types";
import { partyPolicy, streamAdministratorPolicy, trustPolicy } from "../permissions/policies";
import { IamGroupPolicyAttachment, IamInstanceProfile, IamPolicy, IamRole, IamRolePolicy, IamRolePolicyAttachment, IamUserPolicyAttachment } from "./cdktf";
import { tagsOrUndefined } from "./keys";
import { type ModuleScope, constructId } from "./module-stack";

/** A party's role (absent unless kgen creates it), its policy, and the policy's attachment to a user or group. */
export interface PartyConstructs {
  role?: IamRole;
  /** For a role that trusts EC2. */
  instanceProfile?: IamInstanceProfile;
  policy: IamRolePolicy | IamPolicy;
  attachment?: IamUserPolicyAttachment | IamGroupPolicyAttachment;
}

/** Adds each party's role (when kgen creates it) and inline policy, by party name. */
export function addParties(stack: ModuleScope, model: Model, keyArns: ReadonlyMap<string, string>): Map<string, PartyConstructs> {
  const keyArnOf = (key: Key): string => {
    const arn = keyArns.get(key.name);
    if (arn === undefined) throw new Error(`internal: no construct for key ${key.name}`);
    return arn;
  };
  const parties = new Map<string, PartyConstructs>();
  for (const party of model.parties) {
    const created = party.role.kind === "created" ? addCreatedRole(stack, model, party, party.role) : {};
    const roleName = created.role?.name ?? party.role.name;
    parties.set(party.name, { ...created, ...addPartyPolicy(stack, model, party, roleName, JSON.stringify(partyPolicy(model, party, keyArnOf))) });
  }
  return parties;
}

/**
 * A role kgen creates, with the controls the spec sets (path, permissions boundary, session length),
 * the managed policies it attaches (for what the party needs beyond Kinesis), and an instance
 * profile of the same name and path when it trusts EC2.
 */
function addCreatedRole(stack: ModuleScope, model: Model, party: Party, spec: CreatedRole): Pick<PartyConstructs, "role" | "instanceProfile"> {
  const role = stack.place(
    new IamRole(stack.scope(IamRole.tfResourceType), constructId(party.id), {
      name: spec.name,
      path: spec.path === "/" ? undefined : spec.path,
      description: partyRoleDescription(model, party),
      assumeRolePolicy: JSON.stringify(trustPolicy(spec, model.owner)),
      permissionsBoundary: spec.permissionsBoundary,
      maxSessionDuration: spec.maxSessionDuration,
      tags: tagsOrUndefined(party.tags),
    }),
    "iam.tf",
  );
  for (const { arn, id: policyId } of managedPolicyAttachments(spec)) {
    const id = constructId(compoundIdentifier(party.id, policyId));
    const attachment = new IamRolePolicyAttachment(stack.scope(IamRolePolicyAttachment.tfResourceType), id, { role: role.name, policyArn: arn });
    stack.place(attachment, "iam.tf", `Managed policy for what ${party.kind} ${party.name} needs beyond Kinesis.`);
  }
  if (!spec.instanceProfile) return { role };
  const profile = new IamInstanceProfile(stack.scope(IamInstanceProfile.tfResourceType), constructId(party.id), {
    name: spec.name,
    path: spec.path === "/" ? undefined : spec.path,
    role: role.name,
    tags: tagsOrUndefined(party.tags),
  });
  return { role, instanceProfile: stack.place(profile, "iam.tf", "EC2 hands the role to instances through this profile.") };
}

/**
 * The managed policies attached to a created role, each with its label's policy part (the label is
 * PARTY__POLICY): `managed_policies` order or additions never move another attachment's address;
 * `policy/a-b` and `policy/a_b` are kept apart by a digest. state/addresses.ts lists the same.
 */
export function managedPolicyAttachments(role: CreatedRole): Array<{ arn: string; id: string }> {
  const ids = distinctIdentifiers(role.managedPolicies, (arn) => {
    const name = terraformIdentifier(iamNameFromArn(arn));
    return [name, `${name}_${identifierDigest(arn)}`];
  });
  return role.managedPolicies.map((arn) => ({ arn, id: ids.get(arn) ?? "" }));
}

/**
 * The party's policy, named after the party: one identity serving several parties holds one
 * policy per party. On a role it is inline. A user's inline policies total at most 2,048
 * characters and a group's 5,120 (IAM quotas, "reference_iam-quotas"), less than one KCL party's
 * policy next to a producer's: a user or group gets a managed policy per party (6,144 each),
 * attached to it; a group's applies to each member (IAM guide "id_groups").
 */
function addPartyPolicy(stack: ModuleScope, model: Model, party: Party, roleName: string, policy: string): Omit<PartyConstructs, "role"> {
  const id = constructId(party.id);
  const name = party.policyName;
  const { kind, arn } = party.role;
  if (kind !== "user" && kind !== "group") {
    const inline = new IamRolePolicy(stack.scope(IamRolePolicy.tfResourceType), id, { name, role: roleName, policy });
    return { policy: stack.place(inline, "iam.tf", kind === "existing" ? `Attached to the existing role ${arn}.` : undefined) };
  }
  const managed = stack.place(
    new IamPolicy(stack.scope(IamPolicy.tfResourceType), id, { name, description: partyPolicyDescription(model, party), policy, tags: tagsOrUndefined(party.tags) }),
    "iam.tf",
  );
  const attachment =
    kind === "user"
      ? new IamUserPolicyAttachment(stack.scope(IamUserPolicyAttachment.tfResourceType), id, { user: party.role.name, policyArn: managed.arn })
      : new IamGroupPolicyAttachment(stack.scope(IamGroupPolicyAttachment.tfResourceType), id, { group: party.role.name, policyArn: managed.arn });
  return { policy: managed, attachment: stack.place(attachment, "iam.tf", `To the existing ${kind} ${arn}${kind === "group" ? ": every member gets it" : ""}.`) };
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
            tags: tagsOrUndefined(model.tags),
          }),
          "iam.tf",
          `Attach to ${admin.principal}: kgen only attaches policies to roles of the owner account.`,
        ),
      );
    }
  }
  return policies;
}
