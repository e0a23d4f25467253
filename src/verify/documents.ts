/**
 * Every policy document kgen generates for a spec — identity, trust, key, stream and consumer
 * policies, in the owner module and in every companion module — each with the Terraform address
 * and attribute that hold it, built by the same functions the constructs use, with placeholders
 * where the modules name what AWS assigns at apply time (placeholders.ts).
 */
import { compoundIdentifier, keyArnOutputName } from "../model/names";
import type { Key, Model, Role } from "../model/types";
import { keyScopesOf, partyPolicy, sharePolicy, streamAdministratorPolicy, trustPolicy } from "../permissions/policies";
import type { PolicyDocument } from "../permissions/policy-document";
import { consumerResourcePolicy, keyPolicy, streamResourcePolicy } from "../permissions/resource-policies";
import { TRUST_POLICY_VALIDATION_TYPE, type PolicyType, type PublicAccessResourceType } from "./access-analyzer";
import { CONSUMER_PLACEHOLDER_WHY, KEY_PLACEHOLDER_WHY, consumerArnPlaceholder, keyArnPlaceholder, type Placeholder } from "./placeholders";
import type { PolicyKind } from "./references";

export interface ExportedPolicy {
  /** The module folder that holds it: the owner module, or a companion module. */
  module: string;
  /** Its Terraform address in that module. */
  address: string;
  /** The attribute holding the document. */
  attribute: "policy" | "assume_role_policy";
  /** What it is, for people: `identity policy of producer trade-ingest`. */
  description: string;
  kind: PolicyKind;
  policyType: PolicyType;
  /** Identity policies: the principals that hold it (roles get it attached; others attach it). */
  principals?: readonly string[];
  /** Resource policies: the resource it is on. */
  resource?: string;
  /** Resource policies: the type CheckNoPublicAccess checks it as. */
  publicAccessResourceType?: PublicAccessResourceType;
  /** ValidatePolicy's resource type, where Access Analyzer has one. */
  validationResourceType?: typeof TRUST_POLICY_VALIDATION_TYPE;
  document: PolicyDocument;
}

export interface ExportedPolicies {
  policies: ExportedPolicy[];
  placeholders: Placeholder[];
}

/** The resource type of a party's policy, by the kind of its identity: inline on roles, managed for users and groups (constructs/iam.ts). */
const PARTY_POLICY_RESOURCE: Readonly<Record<Role["kind"], string>> = {
  created: "aws_iam_role_policy",
  existing: "aws_iam_role_policy",
  user: "aws_iam_policy",
  group: "aws_iam_policy",
};

export function exportedPolicies(model: Model): ExportedPolicies {
  const owner = model.name;
  const policies: ExportedPolicy[] = [];
  const placeholders = new Map<string, Placeholder>();
  const standsFor = (value: string, why: string, module: string, expression: string): string => {
    const placeholder = placeholders.get(value) ?? { value, standsFor: [], why };
    placeholder.standsFor.push({ module, expression });
    placeholders.set(value, placeholder);
    return value;
  };
  // An existing key is named by its own ARN: nothing stands in for it.
  const created = model.keys.filter((key) => key.existing === undefined);
  const keyArns = new Map(created.map((key) => [key.name, standsFor(keyArnPlaceholder(model.owner, key), KEY_PLACEHOLDER_WHY, owner, `aws_kms_key.${key.id}.arn`)]));
  const keyArnOf = (key: Key): string => key.existing?.arn ?? keyArns.get(key.name) ?? fail(`no placeholder for key ${key.name}`);
  if (new Set(keyArns.values()).size !== keyArns.size) fail("two keys of the spec have the same placeholder ARN");

  for (const party of model.parties) {
    policies.push({
      module: owner,
      address: `${PARTY_POLICY_RESOURCE[party.role.kind]}.${party.id}`,
      attribute: "policy",
      description: `identity policy of ${party.kind} ${party.name}`,
      kind: `party.${party.profile}`,
      policyType: "IDENTITY_POLICY",
      principals: [party.role.arn],
      document: partyPolicy(model, party, keyArnOf),
    });
    if (party.role.kind !== "created") continue;
    policies.push({
      module: owner,
      address: `aws_iam_role.${party.id}`,
      attribute: "assume_role_policy",
      description: `trust policy of the role of ${party.kind} ${party.name}`,
      kind: "trust-policy",
      policyType: "RESOURCE_POLICY",
      resource: party.role.arn,
      publicAccessResourceType: "AWS::IAM::AssumeRolePolicyDocument",
      validationResourceType: TRUST_POLICY_VALIDATION_TYPE,
      document: trustPolicy(party.role, model.owner),
    });
  }
  for (const admin of model.streamAdministrators) {
    // Attached inline to a role of the owner account; a managed policy for anyone else (constructs/iam.ts).
    const resource = admin.ownerRoleName === undefined ? "aws_iam_policy" : "aws_iam_role_policy";
    policies.push({
      module: owner,
      address: `${resource}.${admin.id}`,
      attribute: "policy",
      description: `policy of stream administrator ${admin.principal}`,
      kind: "stream-administrator",
      policyType: "IDENTITY_POLICY",
      principals: [admin.principal],
      document: streamAdministratorPolicy(model, admin),
    });
  }
  // An existing key's hand-over is no policy of the module (its owner merges it into theirs): not exported.
  for (const key of created) {
    policies.push(resourcePolicy(owner, `aws_kms_key_policy.${key.id}`, `key policy of key ${key.name}`, "key-policy", keyArnOf(key), "AWS::KMS::Key", keyPolicy(model, key)));
  }
  for (const stream of model.streams) {
    const document = streamResourcePolicy(model, stream);
    if (document === undefined) continue;
    policies.push(resourcePolicy(owner, `aws_kinesis_resource_policy.${stream.id}`, `resource policy of stream ${stream.name}`, "stream-policy", stream.arn, "AWS::Kinesis::Stream", document));
    for (const share of model.shares.filter((s) => s.registeredConsumers.some((c) => c.stream === stream.name))) {
      // The consumer kgen registers for a fan-out share: `<stream>__<share>` (constructs/streams.ts registeredConsumerId).
      const id = compoundIdentifier(stream.id, share.id);
      const arn = standsFor(consumerArnPlaceholder(stream.arn, share.name), CONSUMER_PLACEHOLDER_WHY, owner, `aws_kinesis_stream_consumer.${id}.arn`);
      const description = `resource policy of the consumer ${share.name} registered on ${stream.name} for share ${share.name}`;
      policies.push(resourcePolicy(owner, `aws_kinesis_resource_policy.${id}`, description, "consumer-policy", arn, "AWS::Kinesis::StreamConsumer", consumerResourcePolicy(share, arn)));
    }
  }
  for (const external of model.externalAccounts) {
    const shares = model.shares.filter((share) => external.shares.includes(share.name));
    // The companion takes each key's ARN as an input named like the owner's output.
    for (const { key } of keyScopesOf(model, shares.flatMap((share) => share.streams)).filter(({ key }) => key.existing === undefined)) {
      standsFor(keyArnOf(key), KEY_PLACEHOLDER_WHY, external.moduleName, `var.${keyArnOutputName(key)}`);
    }
    for (const share of shares) {
      policies.push({
        module: external.moduleName,
        address: `aws_iam_policy.${share.id}`,
        attribute: "policy",
        description: `identity policy of share ${share.name}, in account ${share.account}`,
        kind: `share.${share.profile}`,
        policyType: "IDENTITY_POLICY",
        principals: share.principals,
        document: sharePolicy(model, share, keyArnOf),
      });
    }
  }
  const modules = [owner, ...model.externalAccounts.map((external) => external.moduleName)];
  const order = (policy: ExportedPolicy): string => `${String(modules.indexOf(policy.module)).padStart(6, "0")} ${policy.address}`;
  policies.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { policies, placeholders: [...placeholders.values()] };
}

function resourcePolicy(
  module: string,
  address: string,
  description: string,
  kind: PolicyKind,
  resource: string,
  publicAccessResourceType: PublicAccessResourceType,
  document: PolicyDocument,
): ExportedPolicy {
  return { module, address, attribute: "policy", description, kind, policyType: "RESOURCE_POLICY", resource, publicAccessResourceType, document };
}

function fail(message: string): never {
  throw new Error(`internal: ${message}`);
}
