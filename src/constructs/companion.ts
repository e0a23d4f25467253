/**
 * The companion module of one external account: the identity half of the shares granted to it,
 * applied in that account. One managed policy per share, attached to every role the share names;
 * other principals (users, the account root) attach it themselves from the module's outputs.
 * The owner's key ARNs are inputs named exactly like the owner-module outputs that feed them.
 */
import { iamArnAccount, iamNameFromArn } from "../model/arns";
import { sharePolicyDescription } from "../model/descriptions";
import { compoundIdentifier, distinctIdentifiers, identifierDigest, keyArnOutputName, outputNames, terraformIdentifier } from "../model/names";
import type { ExternalAccount, Key, Model, Share } from "../model/types";
import { keyScopesOf, sharePolicy } from "../permissions/policies";
import { IamPolicy, IamRolePolicyAttachment, TerraformOutput, TerraformVariable } from "./cdktf";
import { addAccountGuard } from "./guard";
import { tagsOrUndefined } from "./keys";
import { ModuleStack, constructId } from "./module-stack";
import { expression } from "./terraform-text";

export { keyArnOutputName } from "../model/names";

export function buildCompanionStack(model: Model, external: ExternalAccount): ModuleStack {
  const stack = new ModuleStack(external.moduleName);
  const shares = model.shares.filter((share) => external.shares.includes(share.name));
  addAccountGuard(
    stack,
    external.account,
    `Module ${external.moduleName} completes shares of ${model.name} to account ${external.account}`,
    "These policies belong to the account the shares grant to: plan fails anywhere else.",
  );
  const keyArns = addKeyInputs(stack, model, external);
  for (const share of shares) addSharePolicy(stack, model, share, keyArns);
  return stack;
}

/**
 * The owner's keys whose ARNs a companion module takes as inputs: those of its shared streams
 * that kgen creates. An existing key's ARN is known, and written as it is.
 */
export function companionKeys(model: Model, external: ExternalAccount): Key[] {
  const shares = model.shares.filter((share) => external.shares.includes(share.name));
  return keyScopesOf(model, shares.flatMap((share) => share.streams))
    .map(({ key }) => key)
    .filter((key) => key.existing === undefined);
}

function addKeyInputs(stack: ModuleStack, model: Model, external: ExternalAccount): Map<string, string> {
  const keyArns = new Map<string, string>();
  const { partition, region, account } = model.owner;
  for (const key of companionKeys(model, external)) {
    const prefix = `arn:${partition}:kms:${region}:${account}:key/`;
    const variable = stack.place(
      new TerraformVariable(stack.scope("variable"), constructId(keyArnOutputName(key)), {
        type: "string",
        description: `ARN of the KMS key ${key.name} of module ${model.name}: its output ${keyArnOutputName(key)}.`,
        validation: [
          {
            // regex rather than startswith(): the module supports Terraform from 1.2.
            condition: expression(`can(regex("^${prefix}", var.${keyArnOutputName(key)}))`),
            errorMessage: `Expected a KMS key ARN of account ${account} in ${region} (${prefix}...).`,
          },
        ],
      }),
      "variables.tf",
    );
    keyArns.set(key.name, variable.stringValue);
  }
  return keyArns;
}

/**
 * The roles of the share's own account among its principals, which the companion attaches its
 * policy to, each with the identifier of its attachment: `role/a-b` and `role/a_b` are two roles
 * with one identifier, and a digest keeps them apart.
 */
export function attachedRoles(share: Share): Array<{ role: string; id: string }> {
  const roles = share.principals.filter((p) => p.includes(":role/") && iamArnAccount(p) === share.account);
  const ids = distinctIdentifiers(roles, (principal) => {
    const name = terraformIdentifier(iamNameFromArn(principal));
    return [name, `${name}_${identifierDigest(principal)}`];
  });
  return roles.map((principal) => ({ role: iamNameFromArn(principal), id: ids.get(principal) ?? "" }));
}

function addSharePolicy(stack: ModuleStack, model: Model, share: Share, keyArns: ReadonlyMap<string, string>): void {
  const keyArnOf = (key: Key): string => {
    const arn = key.existing?.arn ?? keyArns.get(key.name);
    if (arn === undefined) throw new Error(`internal: no input for key ${key.name}`);
    return arn;
  };
  const policy = stack.place(
    new IamPolicy(stack.scope(IamPolicy.tfResourceType), constructId(share.id), {
      name: `${model.name}-${share.awsName}`,
      description: sharePolicyDescription(model, share),
      policy: JSON.stringify(sharePolicy(model, share, keyArnOf)),
      tags: tagsOrUndefined(model.tags),
    }),
    "iam.tf",
  );
  for (const { role, id } of attachedRoles(share)) {
    stack.place(
      new IamRolePolicyAttachment(stack.scope(IamRolePolicyAttachment.tfResourceType), constructId(compoundIdentifier(share.id, id)), {
        role,
        policyArn: policy.arn,
      }),
      "iam.tf",
    );
  }
  stack.place(
    new TerraformOutput(stack.scope("output"), constructId(`${share.id}_policy_arn`), {
      value: policy.arn,
      description: `ARN of the policy of share ${share.name}; attached to its roles, attach it yourself to any other principal it names.`,
    }),
    "outputs.tf",
  );
}
