/**
 * Everything the access tests evaluate, read back from the generated HCL of the owner module and
 * its companion modules (never from kgen's model): each principal's identity policies, each key's
 * policy, each shared stream's and consumer's resource policy, each role's trust policy.
 */
import { readFileSync } from "node:fs";
import { compileSpec } from "../../src/compile";
import { terraformIdentifier } from "../../src/model/names";
import { validateSpec } from "../../src/spec/rules";
import type { Spec } from "../../src/spec/types";
import type { Value } from "../support/hcl-expression";
import { attribute, blocksOfType, parseModule, policyAttribute, type ParsedModule } from "../support/parsed-module";
import type { PolicyDocument } from "../support/simulate";
import { groupMember, partyPrincipal } from "./permissions-md";

export interface World {
  spec: Spec;
  keyArn: (key: string) => string;
  /** Principal ARN -> its identity policies, in the owner and the external accounts. */
  identityPolicies: Map<string, PolicyDocument[]>;
  /** Key, stream or consumer ARN -> its key policy or resource policy. */
  resourcePolicies: Map<string, PolicyDocument>;
  /** Role ARN -> trust policy, for roles the owner module creates. */
  trustPolicies: Map<string, PolicyDocument>;
  /** Share name -> the companion module's policy of that share. */
  sharePolicies: Map<string, PolicyDocument>;
}

/**
 * The policy of each existing key the spec names (`keys.<k>.arn`), which its owner writes, not
 * kgen: AWS's default key policy (the key account's root holds kms:*, KMS guide
 * "key-policy-default-allow-root-enable-iam"), with the statements the module hands over
 * (key-policy-statements/<k>.json, as written) added, or not yet.
 */
export type ExistingKeyPolicy = "hand-over added" | "default only";

/** AWS's default key policy of a key of `keyArn`'s account: the account root may do anything with it. */
export function defaultKeyPolicy(keyArn: string): PolicyDocument {
  const [, partition, , , account] = keyArn.split(":");
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
  } as PolicyDocument;
}

/** The registration timestamp the tests give every consumer kgen registers. */
export const CONSUMER_CREATED = "1700000000";

export async function loadWorld(specFile: string, existingKeys: ExistingKeyPolicy = "hand-over added"): Promise<World> {
  const text = readFileSync(specFile, "utf8");
  const { spec } = validateSpec(specFile, text);
  if (spec === undefined) throw new Error(`${specFile} does not validate`);
  const compiled = await compileSpec(specFile, text);
  const [owner, ...companions] = await Promise.all(compiled.modules.map((m) => parseModule(m.files)));
  const { partition, region, account } = spec.owner;
  const keyNames = Object.keys(spec.keys).sort();
  const keyArn = (key: string) =>
    spec.keys[key]?.arn ?? `arn:${partition}:kms:${region}:${account}:key/00000000-0000-4000-8000-${String(keyNames.indexOf(key)).padStart(12, "0")}`;
  const world: World = { spec, keyArn, identityPolicies: new Map(), resourcePolicies: new Map(), trustPolicies: new Map(), sharePolicies: new Map() };
  const attach = (principal: string, document: PolicyDocument) =>
    world.identityPolicies.set(principal, [...(world.identityPolicies.get(principal) ?? []), document]);

  const resolve = resolverFor(owner, spec, keyArn);
  // Role name -> path, of the roles the module creates: the path is part of the role's ARN.
  const rolePaths = new Map(blocksOfType(owner, "aws_iam_role").map(([, body]) => [String(body.name), body.path === undefined ? "/" : String(body.path)]));
  const knownPrincipals = principalsOf(spec);
  const principalOfRole = (name: string): string => {
    const path = rolePaths.get(name);
    if (path !== undefined) return `arn:${partition}:iam::${account}:role${path}${name}`;
    const matches = knownPrincipals.filter((arn) => arn.includes(":role/") && arn.endsWith(`/${name}`) && arn.includes(`::${account}:`));
    if (matches.length !== 1) throw new Error(`role ${name} matches ${matches.length} principals of the spec`);
    return matches[0];
  };
  for (const [, body] of blocksOfType(owner, "aws_iam_role_policy")) {
    attach(principalOfRole(String(attribute(body, "role", resolve))), policyAttribute(body, "policy", resolve) as PolicyDocument);
  }
  // A party's managed policy attached to an existing user, or to a group: every member holds it.
  const attached = new Map<string, string>();
  const identityNamed = (kind: "user" | "group", name: string): string => {
    const arns = [...Object.values(spec.producers), ...Object.values(spec.consumers)].map((party) => party[kind]);
    const arn = arns.find((candidate) => candidate !== undefined && candidate.endsWith(`/${name}`));
    if (arn === undefined) throw new Error(`${kind} ${name} is not named by the spec`);
    return kind === "user" ? arn : groupMember(arn);
  };
  for (const kind of ["user", "group"] as const) {
    for (const [, body] of blocksOfType(owner, `aws_iam_${kind}_policy_attachment`)) {
      const label = /^\$\{aws_iam_policy\.([a-z0-9_]+)\.arn\}$/.exec(String(body.policy_arn))?.[1];
      if (label === undefined) throw new Error(`attachment of ${String(body.policy_arn)} names no policy of the module`);
      attached.set(label, identityNamed(kind, String(body[kind])));
    }
  }
  for (const [label, body] of blocksOfType(owner, "aws_iam_policy")) {
    // A managed policy for a principal kgen cannot attach to; the caller attaches it as described.
    const principal = attached.get(label) ?? /attach it to (\S+)$/.exec(String(body.description))?.[1];
    if (principal === undefined) throw new Error(`managed policy ${String(body.name)} does not say whom it is for`);
    attach(principal, policyAttribute(body, "policy", resolve) as PolicyDocument);
  }
  for (const [, body] of blocksOfType(owner, "aws_kms_key_policy")) {
    world.resourcePolicies.set(String(attribute(body, "key_id", resolve)), policyAttribute(body, "policy", resolve) as PolicyDocument);
  }
  for (const [name, key] of Object.entries(spec.keys)) {
    if (key.arn === undefined) continue;
    const handOver = compiled.modules[0].files.get(`key-policy-statements/${name}.json`);
    if (handOver === undefined) throw new Error(`the module hands over no statements for the existing key ${name}`);
    const policy = defaultKeyPolicy(key.arn);
    if (existingKeys === "hand-over added") policy.Statement = [...(policy.Statement as unknown[]), ...(JSON.parse(handOver) as { Statement: unknown[] }).Statement];
    world.resourcePolicies.set(key.arn, policy);
  }
  for (const [, body] of blocksOfType(owner, "aws_kinesis_resource_policy")) {
    world.resourcePolicies.set(String(attribute(body, "resource_arn", resolve)), policyAttribute(body, "policy", resolve) as PolicyDocument);
  }
  for (const [, body] of blocksOfType(owner, "aws_iam_role")) {
    world.trustPolicies.set(principalOfRole(String(body.name)), policyAttribute(body, "assume_role_policy", resolve) as PolicyDocument);
  }
  for (const companion of companions) loadCompanion(companion, spec, keyArn, world, attach);
  return world;
}

/** The external account's half: share policies, attached to the roles the share names. */
function loadCompanion(companion: ParsedModule, spec: Spec, keyArn: (key: string) => string, world: World, attach: (p: string, d: PolicyDocument) => void): void {
  const resolve = (reference: string): Value => {
    const variable = /^var\.(.+)_key_arn$/.exec(reference);
    const key = Object.keys(spec.keys).find((name) => terraformIdentifier(name) === variable?.[1]);
    if (key !== undefined) return keyArn(key);
    const policy = /^aws_iam_policy\.([a-z0-9_]+)\.arn$/.exec(reference);
    if (policy !== null) return `policy:${policy[1]}`;
    throw new Error(`the access tests cannot resolve ${reference} in a companion module`);
  };
  const byLabel = new Map<string, PolicyDocument>();
  for (const [label, body] of blocksOfType(companion, "aws_iam_policy")) {
    const share = /kgen share (\S+) of module /.exec(String(body.description))?.[1];
    if (share === undefined) throw new Error(`companion policy ${label} does not name its share`);
    const document = policyAttribute(body, "policy", resolve) as PolicyDocument;
    byLabel.set(label, document);
    world.sharePolicies.set(share, document);
  }
  for (const [, body] of blocksOfType(companion, "aws_iam_role_policy_attachment")) {
    const policy = String(attribute(body, "policy_arn", resolve)).replace(/^policy:/, "");
    const share = Object.entries(spec.shares).find(([name]) => world.sharePolicies.get(name) === byLabel.get(policy))?.[1];
    const account = share === undefined ? undefined : /^\d{12}$/.test(share.account) ? share.account : spec.accounts[share.account];
    attach(`arn:${spec.owner.partition}:iam::${account}:role/${String(body.role)}`, byLabel.get(policy) as PolicyDocument);
  }
}

function resolverFor(owner: ParsedModule, spec: Spec, keyArn: (key: string) => string): (reference: string) => Value {
  const { partition, region, account } = spec.owner;
  const streamArnOf = (label: string) => `arn:${partition}:kinesis:${region}:${account}:stream/${String(owner.blocks.get(`aws_kinesis_stream.${label}`)?.name)}`;
  const keyLabels = new Map(Object.keys(spec.keys).map((name) => [terraformIdentifier(name), name]));
  const resolve = (reference: string): Value => {
    const [type, label, field] = reference.split(".");
    if (type === "aws_kms_key" && keyLabels.has(label) && (field === "arn" || field === "key_id")) return keyArn(keyLabels.get(label) ?? "");
    if (type === "aws_iam_role" && field === "name") return String(owner.blocks.get(`aws_iam_role.${label}`)?.name);
    if (type === "aws_kinesis_stream" && field === "arn") return streamArnOf(label);
    if (type === "aws_kinesis_stream_consumer" && field === "arn") {
      const consumer = owner.blocks.get(reference.slice(0, -4)) ?? {};
      return `${String(resolve(String(consumer.stream_arn).slice(2, -1)))}/consumer/${String(consumer.name)}:${CONSUMER_CREATED}`;
    }
    throw new Error(`the access tests cannot resolve ${reference}`);
  };
  return resolve;
}

/**
 * The identity policies of the shares' principals in the external accounts, once the companion
 * modules are applied: roles get their share's policy attached by the module, users attach it
 * themselves (as the companion README says), and a share to an account root is exercised by
 * `memberOf(account)`, a principal of that account that attached it.
 */
export function externalHolders(world: World, memberOf: (account: string) => string): Map<string, PolicyDocument[]> {
  const held = new Map<string, PolicyDocument[]>();
  const add = (principal: string, document: PolicyDocument | undefined) => {
    if (document !== undefined) held.set(principal, [...(held.get(principal) ?? []), document]);
  };
  for (const [principal, documents] of world.identityPolicies) {
    if (!principal.includes(`::${world.spec.owner.account}:`)) documents.forEach((d) => add(principal, d));
  }
  for (const [name, share] of Object.entries(world.spec.shares)) {
    const account = /^\d{12}$/.test(share.account) ? share.account : world.spec.accounts[share.account];
    const attachers = share.principals.length === 0 ? [memberOf(account)] : share.principals.filter((p) => !p.includes(":role/"));
    for (const principal of attachers) add(/^\d{12}$/.test(principal) || principal.endsWith(":root") ? memberOf(account) : principal, world.sharePolicies.get(name));
  }
  return held;
}

/** Every principal ARN of the owner account side that the spec names. */
export function principalsOf(spec: Spec): string[] {
  const arns = new Set<string>();
  for (const [name, party] of [...Object.entries(spec.producers), ...Object.entries(spec.consumers)]) {
    arns.add(partyPrincipal(spec, name, party));
  }
  for (const key of Object.values(spec.keys)) key.administrators.forEach((a) => arns.add(a));
  for (const stream of Object.values(spec.streams)) stream.administrators.forEach((a) => arns.add(a));
  return [...arns].sort();
}
