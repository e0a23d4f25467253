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
  const allowedBy: MatchedStatement[] = [];
  for (const document of identity) {
    for (const statement of statementsFor(document, "identity", asked.action)) {
      if (grants(statement, asked)) allowedBy.push({ policy: "identity", sid: statement.sid });
    }
  }
  const resourceMatches: ResourceMatch[] = [];
  if (resource !== undefined) {
    for (const statement of statementsFor(resource.document, resource.kind, asked.action)) {
      const match = principalMatch(statement, request.principal, caller);
      if (match !== "none" && grants(statement, asked)) {
        resourceMatches.push({ policy: resource.kind, sid: statement.sid, match, ...(resource.handOver === undefined ? {} : { handOver: resource.handOver }) });
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

/** A statement's StringEquals conditions: [lower-cased key, the values one of which it must equal]. */
export type Conditions = readonly (readonly [string, readonly string[]])[];

/**
 * The conditions of each statement that could allow a principal an action on a resource (empty
 * for a statement without any): its identity statements covering the request, and the resource
 * policy statements covering it that name the principal itself. Every allow of `evaluate` rests on
 * one of these — a statement naming only the principal's account allows together with an identity
 * statement, never alone — so a request context none of them accepts is denied, and the matrix
 * asks a condition-scoped action only in the contexts these accept; none at all: nothing to ask.
 */
export function allowingConditions(principal: string, action: string, resource: string, identity: readonly PolicyDocument[], policy?: ResourcePolicy): Conditions[] {
  const asked: AskedRequest = { action: action.toLowerCase(), resource, context: NO_CONTEXT };
  const covering = (document: PolicyDocument, kind: PolicyKind): readonly PreparedStatement[] =>
    statementsFor(document, kind, asked.action).filter((statement) => coversResource(statement, asked));
  const naming = (statement: PreparedStatement): boolean => statement.aws.has(principal) || statement.services.has(principal);
  return [
    ...identity.flatMap((document) => covering(document, "identity")),
    ...(policy === undefined ? [] : covering(policy.document, policy.kind).filter(naming)),
  ].map((statement) => statement.conditions);
}

function decision(allowed: boolean, via: MatchedStatement[]): Decision {
  if (!allowed) return { allowed, via: [] };
  if (via.length === 1) return { allowed, via };
  const unique = new Map(via.map((m) => [`${m.policy}\u0000${m.sid}`, m]));
  return { allowed, via: [...unique.values()].sort((a, b) => KIND_ORDER.indexOf(a.policy) - KIND_ORDER.indexOf(b.policy)) };
}

const KIND_ORDER: readonly PolicyKind[] = ["identity", "resource", "key", "trust"];

function strip({ match: _match, ...matched }: ResourceMatch): MatchedStatement {
  return matched;
}

/**
 * A statement as requests are matched against it, prepared once: the README's access summary asks
 * tens of thousands of questions of the same documents (issue #17). Action names are
 * case-insensitive, ARNs are not (IAM guide "reference_policies_elements").
 */
interface PreparedStatement {
  sid: string;
  /** Lower-cased: exact actions, and the patterns with `*` or `?`. */
  actions: ReadonlySet<string>;
  actionPatterns: readonly string[];
  /** Exact resource ARNs, and the patterns with `*` or `?`; undefined: the resource holding the statement. */
  resources?: ReadonlySet<string>;
  resourcePatterns: readonly string[];
  /** StringEquals, key lower-cased: every key must be present in the request and equal one of its values. */
  conditions: Conditions;
  aws: ReadonlySet<string>;
  services: ReadonlySet<string>;
}

interface PreparedDocument {
  kind: PolicyKind;
  statements: readonly PreparedStatement[];
  /** Lower-cased action -> the statements whose Action covers it, in document order; filled as actions are asked. */
  byAction: Map<string, readonly PreparedStatement[]>;
}

/** The statements of a document whose Action covers an action, in document order; the document checked to be a shape this evaluator understands. */
function statementsFor(document: PolicyDocument, kind: PolicyKind, action: string): readonly PreparedStatement[] {
  const prepared = preparedOf(document, kind);
  let statements = prepared.byAction.get(action);
  if (statements === undefined) {
    statements = prepared.statements.filter((statement) => statement.actions.has(action) || statement.actionPatterns.some((pattern) => wildcardMatch(pattern, action)));
    prepared.byAction.set(action, statements);
  }
  return statements;
}

function preparedOf(document: PolicyDocument, kind: PolicyKind): PreparedDocument {
  // Each document is checked once: the matrix evaluates the same documents many thousand times.
  const known = preparedDocuments.get(document);
  if (known !== undefined && known.kind === kind) return known;
  if (document.Version !== "2012-10-17") fail(`${kind} policy has Version ${String(document.Version)}`);
  if (!Array.isArray(document.Statement)) fail(`${kind} policy's Statement is not a list`);
  for (const statement of document.Statement) checkStatement(statement, kind);
  const prepared: PreparedDocument = { kind, statements: document.Statement.map((statement) => prepare(statement, kind)), byAction: new Map() };
  preparedDocuments.set(document, prepared);
  return prepared;
}

const preparedDocuments = new WeakMap<PolicyDocument, PreparedDocument>();

function prepare(statement: PolicyStatement, kind: PolicyKind): PreparedStatement {
  const patterns = statement.Resource ?? [];
  const hasWildcard = (pattern: string): boolean => pattern.includes("*") || pattern.includes("?");
  const actions = statement.Action.map((action) => action.toLowerCase());
  return {
    sid: statement.Sid,
    actions: new Set(actions.filter((action) => !hasWildcard(action))),
    actionPatterns: actions.filter(hasWildcard),
    // A resource-policy statement without Resource applies to the resource holding it (trust
    // policies); an identity statement always has one (checkStatement).
    resources: statement.Resource === undefined && kind !== "identity" ? undefined : new Set(patterns.filter((pattern) => !hasWildcard(pattern))),
    resourcePatterns: patterns.filter(hasWildcard),
    conditions: Object.values(statement.Condition ?? {}).flatMap((block) =>
      Object.entries(block).map(([key, expected]) => [key.toLowerCase(), typeof expected === "string" ? [expected] : expected] as const),
    ),
    aws: new Set(statement.Principal?.AWS ?? []),
    services: new Set(statement.Principal?.Service ?? []),
  };
}

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
      if (principalKind(arn) !== "iam") fail(`${kind} statement ${statement.Sid} names principal ${arn}`);
    }
    for (const name of services === undefined ? [] : checkStrings(services, `${kind} statement ${statement.Sid} Principal.Service`)) {
      if (principalKind(name) !== "service") fail(`${kind} statement ${statement.Sid} names service ${name}`);
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

/** What kind of principal a statement names, classified once per name: key policies name the same principals over and over. */
function principalKind(name: string): string {
  let kind = principalKinds.get(name);
  if (kind === undefined) {
    kind = classifyPrincipal(name).kind;
    principalKinds.set(name, kind);
  }
  return kind;
}

const principalKinds = new Map<string, string>();

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
 * not once per statement.
 */
interface AskedRequest {
  action: string;
  resource: string;
  context: ReadonlyMap<string, string>;
}

const NO_CONTEXT: ReadonlyMap<string, string> = new Map();

function askedOf(request: AccessRequest): AskedRequest {
  const entries = Object.entries(request.context);
  const context = entries.length === 0 ? NO_CONTEXT : new Map(entries.map(([key, value]) => [key.toLowerCase(), value]));
  return { action: request.action.toLowerCase(), resource: request.resource, context };
}

/** Whether a statement already known to cover the action covers the request's resource and conditions (not its principal). */
function grants(statement: PreparedStatement, request: AskedRequest): boolean {
  return coversResource(statement, request) && statement.conditions.every(([key, expected]) => {
    const actual = request.context.get(key);
    return actual !== undefined && expected.includes(actual);
  });
}

function coversResource(statement: PreparedStatement, request: AskedRequest): boolean {
  return (
    statement.resources === undefined ||
    statement.resources.has(request.resource) ||
    statement.resourcePatterns.some((pattern) => wildcardMatch(pattern, request.resource))
  );
}

function principalMatch(statement: PreparedStatement, principal: string, caller: IamPrincipal | undefined): PrincipalMatch {
  if (caller === undefined) return statement.services.has(principal) ? "principal" : "none";
  if (statement.aws.has(principal)) return "principal";
  return statement.aws.has(caller.root) ? "account" : "none";
}

interface IamPrincipal {
  partition: string;
  account: string;
  /** `arn:P:iam::A:root`, which a resource policy names to delegate to the account. */
  root: string;
}

/** An IAM role, user or account root; undefined for a service principal. Classified once per principal. */
function requestPrincipal(principal: string): IamPrincipal | undefined {
  if (requestPrincipals.has(principal)) return requestPrincipals.get(principal);
  const classified = classifyPrincipal(principal);
  if (classified.kind !== "service" && classified.kind !== "iam") {
    fail(`cannot evaluate a request by ${principal}: not an IAM role, user, account root or service principal`);
  }
  const caller =
    classified.kind === "service"
      ? undefined
      : { partition: classified.partition, account: classified.account, root: `arn:${classified.partition}:iam::${classified.account}:root` };
  requestPrincipals.set(principal, caller);
  return caller;
}

const requestPrincipals = new Map<string, IamPrincipal | undefined>();

/** IAM wildcards: `*` any run of characters, `?` any one character; everything else literal. */
export function wildcardMatch(pattern: string, value: string): boolean {
  if (pattern === "*") return true;
  const star = pattern.indexOf("*");
  if (star === -1 && !pattern.includes("?")) return pattern === value;
  // Most patterns kgen writes end in their only wildcard (`consumer/NAME:*`, `index/*`): a prefix,
  // thousands of them, each asked a few times — not worth a regular expression each.
  if (star === pattern.length - 1 && !pattern.includes("?")) return value.startsWith(pattern.slice(0, -1));
  let regex = compiledPatterns.get(pattern);
  if (regex === undefined) {
    const source = pattern.replace(/[.+^$(){}|[\]\\/-]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    regex = new RegExp(`^${source}$`, "s");
    compiledPatterns.set(pattern, regex);
  }
  return regex.test(value);
}

const compiledPatterns = new Map<string, RegExp>();

function fail(message: string): never {
  throw new Error(`internal: the access evaluator does not understand this: ${message}`);
}
