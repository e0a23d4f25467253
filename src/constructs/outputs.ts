/** Outputs: every stream, registered consumer, key, alias and role ARN, each described. */
import { keyPolicyStatementsFile, outputNames } from "../model/names";
import { keyPolicyHandOver } from "../permissions/resource-policies";
import type { Model } from "../model/types";
import { TerraformOutput } from "./cdktf";
import type { ModuleResources } from "./module";
import { type ModuleScope, constructId } from "./module-stack";
import { registeredConsumerId } from "./streams";

export function addOutputs(stack: ModuleScope, model: Model, resources: ModuleResources): void {
  const output = (id: string, value: unknown, description: string): void => {
    stack.place(new TerraformOutput(stack.scope("output"), constructId(id), { value, description }), "outputs.tf");
  };
  for (const key of model.keys) {
    if (key.existing !== undefined) {
      output(
        outputNames.keyPolicyStatements(key.id),
        JSON.stringify(keyPolicyHandOver(model, key)),
        `Key-policy statements the owner of key ${key.name} (account ${key.existing.account}) must add for this module; also in ${keyPolicyStatementsFile(key)}.`,
      );
      continue;
    }
    output(outputNames.keyArn(key.id), must(resources.keys, key.name).arn, `ARN of the KMS key ${key.name}.`);
    const alias = resources.aliases.get(key.name);
    if (alias !== undefined) output(outputNames.keyAliasArn(key.id), alias.arn, `ARN of the alias ${key.alias ?? ""}.`);
  }
  for (const stream of model.streams) {
    output(outputNames.streamArn(stream.id), must(resources.streams, stream.name).arn, `ARN of the Kinesis data stream ${stream.name}.`);
    for (const owner of [...model.parties, ...model.shares]) {
      if (!owner.registeredConsumers.some((c) => c.stream === stream.name)) continue;
      const id = registeredConsumerId(stream, owner.id);
      output(
        outputNames.consumerArn(id),
        must(resources.consumers, id).arn,
        `ARN of the enhanced fan-out consumer ${owner.name} registered on ${stream.name}.`,
      );
    }
  }
  for (const stream of model.videoStreams) {
    output(outputNames.videoStreamArn(stream.id), must(resources.videoStreams, stream.name).arn, `ARN of the Kinesis video stream ${stream.name}.`);
  }
  for (const party of model.parties) {
    const { role, instanceProfile } = resources.parties.get(party.name) ?? {};
    if (role !== undefined) {
      output(outputNames.roleArn(party.id), role.arn, `ARN of the IAM role of ${party.kind} ${party.name}.`);
      output(outputNames.roleName(party.id), role.name, `Name of the IAM role of ${party.kind} ${party.name}, to attach more policies to.`);
    }
    if (instanceProfile !== undefined) {
      output(outputNames.instanceProfileName(party.id), instanceProfile.name, `Name of the instance profile of ${party.kind} ${party.name}, for EC2 instances and launch templates.`);
      output(outputNames.instanceProfileArn(party.id), instanceProfile.arn, `ARN of the instance profile of ${party.kind} ${party.name}.`);
    }
  }
  for (const admin of model.streamAdministrators) {
    const policy = resources.administratorPolicies.get(admin.principal);
    if (policy === undefined) continue;
    output(outputNames.policyArn(admin.id), policy.arn, `ARN of the stream administration policy to attach to ${admin.principal}.`);
  }
}

/**
 * Per external account: what this module shares there, and which companion module must be applied
 * in that account to complete it (cross-account access needs both halves).
 */
export function addShareSummaries(stack: ModuleScope, model: Model): void {
  for (const external of model.externalAccounts) {
    const shares = model.shares.filter((share) => external.shares.includes(share.name));
    stack.place(
      new TerraformOutput(stack.scope("output"), constructId(outputNames.sharedWith(external.label)), {
        description: `What this module shares with account ${external.account}; apply the companion module ${external.moduleName} in that account to complete it.`,
        value: {
          account: external.account,
          companion_module: external.moduleName,
          shares: Object.fromEntries(
            shares.map((share) => [share.name, { access: share.access, streams: [...share.streams], principals: [...share.principals] }]),
          ),
        },
      }),
      "outputs.tf",
    );
  }
}

function must<T>(map: ReadonlyMap<string, T>, name: string): T {
  const value = map.get(name);
  if (value === undefined) throw new Error(`internal: no construct for ${name}`);
  return value;
}
