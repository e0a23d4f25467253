/**
 * A small, exact IAM evaluator for the policy shapes kgen generates: Allow-only statements,
 * `Principal: {AWS: [...]}` or `{Service: [...]}`, Action and Resource lists with `*`/`?`
 * wildcards, and `StringEquals` conditions. Anything else is an internal error: an evaluator that
 * guesses at a shape it does not know would print a matrix that AWS does not enforce.
 *
 * Semantics (IAM guide "policy-evaluation-logic", "access_policies-cross-account-resource-access";
 * KMS guide "key-policy-overview", "determining-access-key-policy"):
 * - same account: the identity policy OR a resource policy statement naming the principal's ARN;
 * - KMS keys: the key policy must allow, either naming the principal itself or naming its account
 *   root, and in the latter case the identity policy must allow too;
 * - cross account: the identity policy AND the resource (or key) policy, where a statement naming
 *   the root of the principal's account counts as naming the principal;
 * - service principals hold no identity policies: only a statement naming the service allows.
 */
import type { PolicyDocument, PolicyStatement } from "../permissions/policy-document";
import { classifyPrincipal } from "../spec/principals";

/** Which document a statement comes from. A trust policy is the resource policy of a role. */
export type PolicyKind = "identity" | "resource" | "key" | "trust";

export interface MatchedStatement {
  policy: PolicyKind;
  sid: string;
  /**
   * Set on a statement of an existing key's policy that kgen hands over rather than applies: the
   * module file holding it (key-policy-statements/<key>.json). The access holds once the key's
   * owner adds it.
   */
  handOver?: string;
}

export interface AccessRequest {
  /** An IAM ARN (`arn:P:iam::A:role/x`, `...:user/x`, `...:root`) or a service principal. */
  principal: string;
  action: string;
  /** A concrete resource ARN, or `*` for actions that take no resource. */
  resource: string;
  /** The 12-digit account that owns the resource. */
  resourceAccount: string;
  /** Request context keys (case-insensitive names) and their single values. */
  context: Readonly<Record<string, string>>;
}

/** The resource side of a request: a stream or consumer policy, a key policy or a role's trust policy. */
export interface ResourcePolicy {
  kind: Exclude<PolicyKind, "identity">;
  document: PolicyDocument;
  /** An existing key's statements as kgen hands them over (MatchedStatement.handOver). */
  handOver?: string;
}

export interface Decision {
  allowed: boolean;
  /** The statements the allow rests on, identity first, each in document order; empty when denied. */
  via: MatchedStatement[];
}

/** How a resource policy statement names the requesting principal. */
type PrincipalMatch = "principal" | "account" | "none";

interface ResourceMatch extends MatchedStatement {
  match: Exclude<PrincipalMatch, "none">;
}

const STATEMENT_FIELDS = new Set(["Sid", "Effect", "Principal", "Action", "Resource", "Condition"]);
const PRINCIPAL_FIELDS = new Set(["AWS", "Service"]);

export function evaluate(request: AccessRequest, identity: readonly PolicyDocument[], resource?: ResourcePolicy): Decision {
  const caller = requestPrincipal(request.principal);
  if (caller === undefined && identity.length > 0) fail(`service principal ${request.principal} cannot hold identity policies`);
  const asked = askedOf(request);
  const allowedBy: MatchedStatement[] = identity.flatMap((document) =>
    statementsOf(document, "identity").filter((s) => grants(s, asked, "identity")).map((s) => ({ policy: "identity" as const, sid: s.Sid })),
  );
  const resourceMatches: ResourceMatch[] = [];
  if (resource !== undefined) {
    for (const statement of statementsOf(resource.document, resource.kind)) {
      const match = principalMatch(statement, request.principal, caller);
      if (match !== "none" && grants(statement, asked, resource.kind)) {
        resourceMatches.push({ policy: resource.kind, sid: statement.Sid, match, ...(resource.handOver === undefined ? {} : { handOver: resource.handOver }) });
      }
    }
  }
  const naming = resourceMatches.filter((m) => m.match === "principal").map(strip);
  const delegating = resourceMatches.filter((m) => m.match === "account").map(strip);

  if (caller === undefined) return decision(naming.length > 0, naming);
  if (caller.account !== request.resourceAccount) {
    // Cross account: both halves, each on its own, must allow.
    return decision(allowedBy.length > 0 && resourceMatches.length > 0, [...allowedBy, ...resourceMatches.map(strip)]);
  }
  if (resource?.kind === "key") {
    // KMS: identity policies count only where the key policy delegates to the account.
    const throughAccount = allowedBy.length > 0 && delegating.length > 0 ? [...allowedBy, ...delegating] : [];
    return decision(naming.length > 0 || throughAccount.length > 0, [...throughAccount, ...naming]);
  }
  return decision(allowedBy.length > 0 || naming.length > 0, [...allowedBy, ...naming]);
}

function decision(allowed: boolean, via: MatchedStatement[]): Decision {
  const unique = new Map(via.map((m) => [`${m.policy}\u0000${m.sid}`, m]));
  return { allowed, via: allowed ? [...unique.values()].sort((a, b) => KIND_ORDER.indexOf(a.policy) - KIND_ORDER.indexOf(b.policy)) : [] };
}

const KIND_ORDER: readonly PolicyKind[] = ["identity", "resource", "key", "trust"];

function strip({ match: _match, ...matched }: ResourceMatch): MatchedStatement {
  return matched;
}

/** The statements of a document, each checked to be a shape this evaluator understands. */
function statementsOf(document: PolicyDocument, kind: PolicyKind): PolicyStatement[] {
  // Each document is checked once: the matrix evaluates the same documents many thousand times.
  if (checkedDocuments.get(document) === kind) return document.Statement;
  if (document.Version !== "2012-10-17") fail(`${kind} policy has Version ${String(document.Version)}`);
  if (!Array.isArray(document.Statement)) fail(`${kind} policy's Statement is not a list`);
  for (const statement of document.Statement) checkStatement(statement, kind);
  checkedDocuments.set(document, kind);
  return document.Statement;
}

const checkedDocuments = new WeakMap<PolicyDocument, PolicyKind>();

function checkStatement(statement: PolicyStatement, kind: PolicyKind): void {
  const unknown = Object.keys(statement).filter((field) => !STATEMENT_FIELDS.has(field));
  if (unknown.length > 0) fail(`${kind} statement ${statement.Sid} has ${unknown.join(", ")}`);
  if (typeof statement.Sid !== "string" || statement.Sid === "") fail(`a ${kind} statement has no Sid`);
  if (statement.Effect !== "Allow") fail(`${kind} statement ${statement.Sid} has Effect ${String(statement.Effect)}`);
  checkStrings(statement.Action, `${kind} statement ${statement.Sid} Action`);
  if (kind === "identity") {
    if (statement.Principal !== undefined) fail(`identity statement ${statement.Sid} has a Principal`);
    if (statement.Resource === undefined) fail(`identity statement ${statement.Sid} has no Resource`);
  } else {
    if (statement.Principal === undefined) fail(`${kind} statement ${statement.Sid} has no Principal`);
    const fields = Object.keys(statement.Principal);
    if (fields.length === 0 || fields.some((field) => !PRINCIPAL_FIELDS.has(field))) fail(`${kind} statement ${statement.Sid} has Principal ${fields.join(", ")}`);
    const { AWS: arns, Service: services } = statement.Principal;
    for (const arn of arns === undefined ? [] : checkStrings(arns, `${kind} statement ${statement.Sid} Principal.AWS`)) {
      if (classifyPrincipal(arn).kind !== "iam") fail(`${kind} statement ${statement.Sid} names principal ${arn}`);
    }
    for (const name of services === undefined ? [] : checkStrings(services, `${kind} statement ${statement.Sid} Principal.Service`)) {
      if (classifyPrincipal(name).kind !== "service") fail(`${kind} statement ${statement.Sid} names service ${name}`);
    }
  }
  if (statement.Resource !== undefined) checkStrings(statement.Resource, `${kind} statement ${statement.Sid} Resource`);
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    // Only StringEquals: IfExists, negated, ForAnyValue and Null operators each change what a
    // missing key means, and kgen writes none of them.
    if (operator !== "StringEquals") fail(`${kind} statement ${statement.Sid} uses condition operator ${operator}`);
    for (const [key, values] of Object.entries(block)) checkStrings(typeof values === "string" ? [values] : values, `condition ${key} of ${statement.Sid}`);
  }
}

function checkStrings(values: unknown, what: string): string[] {
  if (!Array.isArray(values) || values.length === 0) fail(`${what} is not a non-empty list`);
  for (const value of values) {
    if (typeof value !== "string") fail(`${what} holds a ${typeof value}`);
    // Policy variables are substituted per request: their meaning is not in the document.
    if (value.includes("${")) fail(`${what} holds the policy variable ${value}`);
  }
  return values as string[];
}

/**
 * A request as statements are matched against it: its action and context keys lower-cased once,
 * not once per statement (the README's access summary asks thousands of questions; issue #17).
 */
interface AskedRequest {
  action: string;
  resource: string;
  context: ReadonlyMap<string, string>;
}

function askedOf(request: AccessRequest): AskedRequest {
  const context = new Map(Object.entries(request.context).map(([key, value]) => [key.toLowerCase(), value]));
  return { action: request.action.toLowerCase(), resource: request.resource, context };
}

/** Whether a statement covers the request's action, resource and conditions (not its principal). */
function grants(statement: PolicyStatement, request: AskedRequest, kind: PolicyKind): boolean {
  // Action names are case-insensitive, ARNs are not (IAM guide "reference_policies_elements").
  const action = lowerCaseActions(statement).some((pattern) => wildcardMatch(pattern, request.action));
  // A resource-policy statement without Resource applies to the resource holding it (trust policies).
  const resource = statement.Resource === undefined ? kind !== "identity" : statement.Resource.some((pattern) => wildcardMatch(pattern, request.resource));
  return action && resource && conditionsHold(statement, request);
}

/** A statement's actions, lower-cased once: the same statements are asked many times. */
function lowerCaseActions(statement: PolicyStatement): readonly string[] {
  let actions = lowerCased.get(statement);
  if (actions === undefined) {
    actions = statement.Action.map((action) => action.toLowerCase());
    lowerCased.set(statement, actions);
  }
  return actions;
}

const lowerCased = new WeakMap<PolicyStatement, readonly string[]>();

/** StringEquals: every key must be present in the request and equal (case-sensitively) one of the values. */
function conditionsHold(statement: PolicyStatement, request: AskedRequest): boolean {
  return Object.values(statement.Condition ?? {}).every((block) =>
    Object.entries(block).every(([key, expected]) => {
      const actual = request.context.get(key.toLowerCase());
      return actual !== undefined && (typeof expected === "string" ? [expected] : expected).includes(actual);
    }),
  );
}

function principalMatch(statement: PolicyStatement, principal: string, caller: IamPrincipal | undefined): PrincipalMatch {
  const named = statement.Principal ?? {};
  if (caller === undefined) return (named.Service ?? []).includes(principal) ? "principal" : "none";
  if ((named.AWS ?? []).includes(principal)) return "principal";
  return (named.AWS ?? []).includes(`arn:${caller.partition}:iam::${caller.account}:root`) ? "account" : "none";
}

interface IamPrincipal {
  partition: string;
  account: string;
}

/** An IAM role, user or account root; undefined for a service principal. Classified once per principal. */
function requestPrincipal(principal: string): IamPrincipal | undefined {
  if (requestPrincipals.has(principal)) return requestPrincipals.get(principal);
  const classified = classifyPrincipal(principal);
  if (classified.kind !== "service" && classified.kind !== "iam") {
    fail(`cannot evaluate a request by ${principal}: not an IAM role, user, account root or service principal`);
  }
  const caller = classified.kind === "service" ? undefined : { partition: classified.partition, account: classified.account };
  requestPrincipals.set(principal, caller);
  return caller;
}

const requestPrincipals = new Map<string, IamPrincipal | undefined>();

/** IAM wildcards: `*` any run of characters, `?` any one character; everything else literal. */
export function wildcardMatch(pattern: string, value: string): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) return pattern === value;
  let regex = compiledPatterns.get(pattern);
  if (regex === undefined) {
    const source = [...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^$(){}|[\]\\/-]/g, "\\$&"))).join("");
    regex = new RegExp(`^${source}$`, "s");
    compiledPatterns.set(pattern, regex);
  }
  return regex.test(value);
}

const compiledPatterns = new Map<string, RegExp>();

function fail(message: string): never {
  throw new Error(`internal: the access evaluator does not understand this: ${message}`);
}
