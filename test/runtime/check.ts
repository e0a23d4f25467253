/**
 * The call model against the generated policies (read back from HCL by the access tests' world):
 * every modelled call must be allowed by the documents AWS would evaluate — identity, key, trust
 * and resource policies, both halves across accounts — every granted action must serve some
 * call (least privilege, measured), and every call must stop being allowed when its request
 * context or resource names something else (the conditions and resources really scope it).
 */
import { evaluate, wildcardMatch, type ResourcePolicy } from "../../src/explain/evaluate";
import type { World } from "../access/world";
import { decide, type PolicyDocument } from "../support/simulate";
import type { RuntimeCall } from "./calls";
import type { PartyCalls } from "./parties";

export interface Verdict {
  calls: number;
  /** `principal action resource (party, step)` of each call the policies deny. */
  denials: string[];
  /** `principal action on resource (document)` of each granted pair no call uses. */
  unused: string[];
  probes: number;
  /** Probes (a call with another stream, namespace, account or consumer) the policies allow. */
  leaks: string[];
}

/** The documents a request meets. */
export interface Documents {
  world: World;
  /** Principal -> identity policies, in both accounts. */
  identity: ReadonlyMap<string, PolicyDocument[]>;
  /** The principal of another account that stands for its root in the model (it holds the root's share). */
  memberOf: (account: string) => string;
}

/** DescribeStreamConsumer by stream ARN and name: `.../consumer/NAME` without `:TIME`. */
export function isConsumerByName(resource: string): boolean {
  return /:kinesis:[^:]*:\d{12}:stream\/[^/]+\/consumer\/[^/:]+$/.test(resource);
}

const isService = (principal: string) => !principal.startsWith("arn:");
const accountOf = (arn: string) => arn.split(":")[4];

export async function isAllowed(documents: Documents, call: RuntimeCall, principal: string): Promise<boolean> {
  const { world } = documents;
  const caller = call.principal ?? principal;
  const identity = isService(caller) ? [] : (documents.identity.get(caller) ?? []);
  const resourcePolicy = call.action === "sts:AssumeRole" ? world.trustPolicies.get(call.resource) : world.resourcePolicies.get(call.resource);
  const resourceAccount = call.resource === "*" ? accountOf(caller) : accountOf(call.resource);
  if (isConsumerByName(call.resource)) {
    // The simulator cannot place this ARN (no resource type of its data matches it): kgen's own
    // evaluator decides, and test/explain/evaluate.test.ts holds it to this form.
    const kind: ResourcePolicy["kind"] = "resource";
    const resource = resourcePolicy === undefined ? undefined : { kind, document: resourcePolicy as unknown as ResourcePolicy["document"] };
    const request = { principal: caller, action: call.action, resource: call.resource, resourceAccount, context: call.context ?? {} };
    return evaluate(request, identity as unknown as Parameters<typeof evaluate>[1], resource).allowed;
  }
  const decision = await decide({ principal: caller, action: call.action, resource: call.resource, resourceAccount, identityPolicies: identity, resourcePolicy, context: call.context });
  return decision === "Allowed";
}

/** The same call naming something else it must not reach, or undefined when nothing scopes it. */
export function probesOf(call: RuntimeCall): RuntimeCall[] {
  const probes: RuntimeCall[] = [];
  for (const [key, value] of Object.entries(call.context ?? {})) {
    const other =
      key === "kms:EncryptionContext:aws:kinesis:arn" ? value.replace(/stream\/[^/]+$/, "stream/not-in-spec") :
      key === "kms:ViaService" ? value.replace(/^[a-z]+\./, "s3.") :
      key === "cloudwatch:namespace" ? `${value}-other` :
      key === "sts:ExternalId" || key === "aws:SourceAccount" ? "999999999999" :
      undefined;
    if (other !== undefined) probes.push({ ...call, context: { ...call.context, [key]: other } });
  }
  // A consumer of another name that begins with the same name: never `APP*` (permissions.md Revision 2).
  const consumer = /^(.*\/consumer\/[^/:]+)(:\d+)?$/.exec(call.resource);
  if (consumer !== null) probes.push({ ...call, resource: `${consumer[1]}2${consumer[2] ?? ""}` });
  return probes;
}

/** Every (action, resource pattern) a principal is granted, with the document that grants it. */
interface Granted {
  action: string;
  pattern: string;
  where: string;
}

function grantedTo(documents: Documents, principal: string): Granted[] {
  const { world } = documents;
  const granted: Granted[] = [];
  const statements = (document: PolicyDocument) => (Array.isArray(document.Statement) ? document.Statement : [document.Statement]) as Array<Record<string, unknown>>;
  const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [value as string]);
  for (const document of documents.identity.get(principal) ?? []) {
    for (const statement of statements(document)) {
      for (const action of list(statement.Action)) for (const pattern of list(statement.Resource)) granted.push({ action, pattern, where: `identity ${String(statement.Sid)}` });
    }
  }
  // A resource or key policy statement counts when it names the principal, or — across accounts —
  // the root of its account when the principal stands for that root (a share to the account). The
  // owner's root statement in key policies is lockout safety, not a grant to a party.
  const root = `arn:${principal.split(":")[1]}:iam::${accountOf(principal)}:root`;
  const across = accountOf(principal) !== world.spec.owner.account && documents.memberOf(accountOf(principal)) === principal;
  for (const [resource, document] of world.resourcePolicies) {
    for (const statement of statements(document)) {
      const named = list((statement.Principal as Record<string, unknown> | undefined)?.AWS);
      if (!named.includes(principal) && !(across && named.includes(root))) continue;
      for (const action of list(statement.Action)) {
        for (const pattern of list(statement.Resource)) granted.push({ action, pattern: pattern === "*" ? resource : pattern, where: `${resource} ${String(statement.Sid)}` });
      }
    }
  }
  return granted;
}

export async function check(documents: Documents, parties: readonly PartyCalls[]): Promise<Verdict> {
  const verdict: Verdict = { calls: 0, denials: [], unused: [], probes: 0, leaks: [] };
  const byPrincipal = new Map<string, RuntimeCall[]>();
  for (const { party, calls } of parties) {
    byPrincipal.set(party.principal, [...(byPrincipal.get(party.principal) ?? []), ...calls]);
    for (const call of calls) {
      verdict.calls++;
      const who = call.principal ?? party.principal;
      if (!(await isAllowed(documents, call, party.principal))) verdict.denials.push(`${who} ${call.action} ${call.resource} (${party.label}: ${call.step})`);
      for (const probe of probesOf(call)) {
        verdict.probes++;
        if (await isAllowed(documents, probe, party.principal)) verdict.leaks.push(`${who} ${probe.action} ${probe.resource} ${JSON.stringify(probe.context ?? {})} (${party.label})`);
      }
    }
  }
  for (const [principal, calls] of byPrincipal) {
    for (const { action, pattern, where } of grantedTo(documents, principal)) {
      if (!calls.some((call) => call.principal === undefined && call.action === action && wildcardMatch(pattern, call.resource))) {
        verdict.unused.push(`${principal} ${action} on ${pattern} (${where})`);
      }
    }
  }
  // Trust: every principal a role trusts is one the model has assume the role.
  for (const [role, document] of documents.world.trustPolicies) {
    const calls = byPrincipal.get(role);
    if (calls === undefined) continue; // a party not checked here (test/access proves every role has its party)
    for (const statement of (document.Statement as Array<{ Principal?: { AWS?: string[]; Service?: string[] } }>)) {
      for (const trusted of [...(statement.Principal?.AWS ?? []), ...(statement.Principal?.Service ?? [])]) {
        if (!calls.some((call) => call.action === "sts:AssumeRole" && call.principal === trusted)) verdict.unused.push(`${trusted} sts:AssumeRole on ${role} (trust)`);
      }
    }
  }
  return verdict;
}
