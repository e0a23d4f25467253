/**
 * Everything the access tests evaluate, read back from the generated HCL (never from kgen's
 * model): each principal's identity policies, each key's policy, each role's trust policy.
 */
import { readFileSync } from "node:fs";
import { compileSpec } from "../../src/compile";
import { terraformIdentifier } from "../../src/model/names";
import { validateSpec } from "../../src/spec/rules";
import type { Spec } from "../../src/spec/types";
import type { Value } from "../support/hcl-expression";
import { attribute, blocksOfType, parseModule, policyAttribute, type ParsedModule } from "../support/parsed-module";
import type { PolicyDocument } from "../support/simulate";

export interface World {
  spec: Spec;
  module: ParsedModule;
  keyArn: (key: string) => string;
  /** Principal ARN -> its identity policies. */
  identityPolicies: Map<string, PolicyDocument[]>;
  /** Key ARN -> key policy. */
  keyPolicies: Map<string, PolicyDocument>;
  /** Role ARN -> trust policy, for roles the module creates. */
  trustPolicies: Map<string, PolicyDocument>;
}

export async function loadWorld(specFile: string): Promise<World> {
  const text = readFileSync(specFile, "utf8");
  const { spec } = validateSpec(specFile, text);
  if (spec === undefined) throw new Error(`${specFile} does not validate`);
  const compiled = await compileSpec(specFile, text);
  const module = await parseModule(compiled.modules[0].files);
  const { partition, region, account } = spec.owner;
  const keyNames = Object.keys(spec.keys).sort();
  const keyArn = (key: string) => `arn:${partition}:kms:${region}:${account}:key/00000000-0000-4000-8000-${String(keyNames.indexOf(key)).padStart(12, "0")}`;
  const keyById = new Map(keyNames.map((name) => [terraformIdentifier(name), name]));

  const roleNames = new Map<string, string>();
  for (const [label, body] of blocksOfType(module, "aws_iam_role")) roleNames.set(label, String(body.name));
  const resolve = (reference: string): Value => {
    const [type, label, field] = reference.split(".");
    if (type === "aws_kms_key" && keyById.has(label) && field === "arn") return keyArn(keyById.get(label) ?? "");
    if (type === "aws_kms_key" && keyById.has(label) && field === "key_id") return keyArn(keyById.get(label) ?? "");
    if (type === "aws_iam_role" && field === "name" && roleNames.has(label)) return roleNames.get(label) ?? "";
    throw new Error(`the access tests cannot resolve ${reference}`);
  };

  const knownPrincipals = principalsOf(spec);
  const principalOfRole = (name: string): string => {
    if ([...roleNames.values()].includes(name)) return `arn:${partition}:iam::${account}:role/${name}`;
    const matches = knownPrincipals.filter((arn) => arn.includes(":role/") && arn.endsWith(`/${name}`));
    if (matches.length !== 1) throw new Error(`role ${name} matches ${matches.length} principals of the spec`);
    return matches[0];
  };

  const identityPolicies = new Map<string, PolicyDocument[]>();
  const attach = (principal: string, document: PolicyDocument) => identityPolicies.set(principal, [...(identityPolicies.get(principal) ?? []), document]);
  for (const [, body] of blocksOfType(module, "aws_iam_role_policy")) {
    attach(principalOfRole(String(attribute(body, "role", resolve))), policyAttribute(body, "policy", resolve) as PolicyDocument);
  }
  for (const [, body] of blocksOfType(module, "aws_iam_policy")) {
    // A managed policy for a principal kgen cannot attach to; the caller attaches it as described.
    const principal = /attach it to (\S+)$/.exec(String(body.description))?.[1];
    if (principal === undefined) throw new Error(`managed policy ${String(body.name)} does not say whom it is for`);
    attach(principal, policyAttribute(body, "policy", resolve) as PolicyDocument);
  }
  const keyPolicies = new Map<string, PolicyDocument>();
  for (const [, body] of blocksOfType(module, "aws_kms_key_policy")) {
    keyPolicies.set(String(attribute(body, "key_id", resolve)), policyAttribute(body, "policy", resolve) as PolicyDocument);
  }
  const trustPolicies = new Map<string, PolicyDocument>();
  for (const [, body] of blocksOfType(module, "aws_iam_role")) {
    trustPolicies.set(principalOfRole(String(body.name)), policyAttribute(body, "assume_role_policy", resolve) as PolicyDocument);
  }
  return { spec, module, keyArn, identityPolicies, keyPolicies, trustPolicies };
}

/** Every principal ARN the spec names. */
export function principalsOf(spec: Spec): string[] {
  const arns = new Set<string>();
  const { partition, account } = spec.owner;
  for (const [name, party] of [...Object.entries(spec.producers), ...Object.entries(spec.consumers)]) {
    arns.add(party.role?.arn ?? `arn:${partition}:iam::${account}:role/${spec.name}-${name}`);
  }
  for (const key of Object.values(spec.keys)) key.administrators.forEach((a) => arns.add(a));
  for (const stream of Object.values(spec.streams)) stream.administrators.forEach((a) => arns.add(a));
  return [...arns].sort();
}
