/**
 * The access matrix: every principal x resource x action of a spec, decided by evaluating the
 * policy documents kgen generates (not the spec or the catalogue), so it shows what AWS will
 * enforce once the module is applied — including what is denied.
 */
import type { Location } from "../model/arns";
import { compareText } from "../model/resolve";
import { didYouMean, listNames } from "../spec/did-you-mean";
import type { Model } from "../model/types";
import { deploymentOf, type Deployment } from "./documents";
import { allowingConditions, evaluate, type Conditions, type MatchedStatement } from "./evaluate";
import type { PolicyDocument } from "../permissions/policy-document";
import { STREAM_KEY_ACTIONS, classify, inventoryOf, type ConditionContext, type ExplainedResource, type Inventory, type StreamKeyUse } from "./requests";

export interface AccessRow {
  /** An IAM ARN, or a service principal in the rows about assuming a role. */
  principal: string;
  /** What the spec calls the principal; in sts:AssumeRole rows, the party whose role it may assume. */
  party: string;
  resource: string;
  /** For the KMS calls a stream service makes: the stream whose records or media they are for; for a grant on `*` held under a condition, what it holds for (`namespace APP`). */
  through?: string;
  action: string;
  allowed: boolean;
  via: MatchedStatement[];
}

/** A row with what the --who and --on filters match on. */
interface ExplainedRow extends AccessRow {
  names: readonly string[];
  streams: readonly string[];
}

export interface AccessMatrix {
  /** The module name. */
  name: string;
  owner: Location;
  /** The spec's stream names, data and video, sorted. */
  streams: string[];
  /** Every principal asked about and what the spec calls it, denied or not: what --who can name. */
  known: readonly KnownPrincipal[];
  rows: ExplainedRow[];
  /** Set, with no rows, when the requests asked would have exceeded `maxRequests`. */
  tooLarge?: { requests: number; limit: number };
}

interface KnownPrincipal {
  principal: string;
  names: readonly string[];
}

export interface MatrixOptions {
  /**
   * Only the allowed rows: ask only what some statement could allow — an identity statement of
   * the principal, or a resource or key policy statement naming it — instead of every principal
   * x action x resource. The allowed rows are the same; large specs take seconds, not minutes.
   */
  allowedOnly?: boolean;
  /**
   * Only the rows filterRows would keep for this filter: the other principals and resources are
   * not asked about at all, so `--who` or `--on` on a large spec takes a share of the time.
   */
  filter?: MatrixFilter;
  /**
   * At most this many requests (rows before `allowedOnly` drops the denied ones): a full matrix
   * grows with principals x resources, about 600,000 rows at 100 streams, and would exhaust the
   * heap long before printing. Past it, `tooLarge` says how many it would have asked, and no row
   * is evaluated.
   */
  maxRequests?: number;
}

export function accessMatrix(model: Model, options: MatrixOptions = {}): AccessMatrix {
  const deployment = deploymentOf(model);
  const inventory = inventoryOf(model, deployment);
  const byKind = new Map<string, ExplainedResource[]>();
  for (const resource of inventory.resources.values()) byKind.set(resource.kind, [...(byKind.get(resource.kind) ?? []), resource]);
  const resourcesOfKind = (kinds: ReadonlySet<string>): ExplainedResource[] => [...kinds].flatMap((kind) => byKind.get(kind) ?? []);
  const rows: ExplainedRow[] = [];
  const { account } = model.owner;

  const { who, on } = options.filter ?? {};
  const principals = deployment.principals.filter(({ arn, names }) => matchesWho({ principal: arn, names }, who));
  const onStream = (resource: ExplainedResource): boolean => on === undefined || resource.streams.includes(on) || resource.keyUses?.some((use) => use.stream === on) === true;
  // What the full matrix asks every principal: each action of every resource of a kind it takes.
  const everyQuestion = options.allowedOnly
    ? []
    : [...inventory.actions].flatMap(([action, kinds]) => resourcesOfKind(kinds).filter(onStream).map((resource): Question => ({ action, resource })));
  // Who may become each party: every principal some role trusts, asked of every role. These rows
  // are about no stream, so --on leaves none of them.
  const trusted = [...new Set(deployment.roles.flatMap((role) => role.trusted))].sort(compareText);
  const trusts = deployment.roles.map((role) => {
    const policy = deployment.resources.get(role.arn);
    const actions = new Set(policy?.document.Statement.flatMap((s) => s.Action) ?? []);
    const asked = on === undefined ? trusted.filter((principal) => matchesWho({ principal, names: [role.party] }, who)) : [];
    return { role, policy, actions, asked };
  });
  if (options.maxRequests !== undefined && !options.allowedOnly) {
    const requests =
      principals.length * sum(everyQuestion.map((question) => requestsPerQuestion(question, inventory, on))) +
      sum(trusts.map(({ actions, asked }) => actions.size * asked.length));
    if (requests > options.maxRequests) {
      return { name: model.name, owner: model.owner, streams: [], known: [], rows: [], tooLarge: { requests, limit: options.maxRequests } };
    }
  }

  const resourceGrants = options.allowedOnly ? resourceGrantsByPrincipal(deployment) : new Map<string, ResourceGrant[]>();
  for (const principal of principals) {
    const identity = deployment.identity.get(principal.arn) ?? [];
    const questions = options.allowedOnly ? candidateQuestions(principal.arn, identity, resourceGrants, inventory, resourcesOfKind).filter((q) => onStream(q.resource)) : everyQuestion;
    const party = principal.names.join(", ");
    for (const { action, resource } of questions) {
      const policy = deployment.resources.get(resource.arn);
      const resourceAccount = accountOf(resource.arn) ?? accountOf(principal.arn) ?? account;
      const ask = (context: Record<string, string>, through?: string): void => {
        const decision = evaluate({ principal: principal.arn, action, resource: resource.arn, resourceAccount, context }, identity, policy);
        if (options.allowedOnly && !decision.allowed) return;
        const streams = through === undefined || resource.keyUses === undefined ? resource.streams : [through];
        rows.push({ principal: principal.arn, party, resource: resource.arn, through, action, ...decision, names: principal.names, streams });
      };
      const contexts = resource.kind === "any" ? inventory.contexts.get(action) : undefined;
      // Only the allowed rows: the contexts some statement that could allow the principal accepts.
      const allowable = <T extends AskedContext>(candidates: readonly T[]): readonly T[] =>
        options.allowedOnly ? contextsAllowable(candidates, allowingConditions(principal.arn, action, resource.arn, identity, policy)) : candidates;
      if (resource.keyUses !== undefined && STREAM_KEY_ACTIONS.includes(action)) {
        for (const use of allowable(keyUsesOn(resource.keyUses, on))) ask(use.context, use.stream);
      } else if (contexts !== undefined) {
        for (const { context, label } of allowable(contexts)) ask(context, label);
      } else {
        ask({});
      }
    }
  }

  const known: KnownPrincipal[] = deployment.principals.map(({ arn, names }) => ({ principal: arn, names }));
  for (const { role, policy, actions, asked } of trusts) {
    if (actions.size > 0) for (const principal of trusted) known.push({ principal, names: [role.party] });
    for (const principal of asked) {
      for (const action of actions) {
        const identity = deployment.identity.get(principal) ?? [];
        // Most principals are trusted by one role each: no statement could let them assume the others.
        if (options.allowedOnly && allowingConditions(principal, action, role.arn, identity, policy).length === 0) continue;
        const decision = evaluate({ principal, action, resource: role.arn, resourceAccount: account, context: trustContext(policy?.document, principal) }, identity, policy);
        if (options.allowedOnly && !decision.allowed) continue;
        rows.push({ principal, party: role.party, resource: role.arn, action, ...decision, names: [role.party], streams: [] });
      }
    }
  }
  const streams = [...model.streams, ...model.videoStreams].map((s) => s.name).sort(compareText);
  return { name: model.name, owner: model.owner, streams, known, rows: rows.sort(compareRows) };
}

/** How many requests the full matrix asks for one question: one per stream a key's use is for, per condition context, else one. */
function requestsPerQuestion({ action, resource }: Question, inventory: Inventory, on: string | undefined): number {
  if (resource.keyUses !== undefined && STREAM_KEY_ACTIONS.includes(action)) return keyUsesOn(resource.keyUses, on).length;
  if (resource.kind === "any") return inventory.contexts.get(action)?.length ?? 1;
  return 1;
}

/** A key's uses by stream services, only the one for --on's stream when given (the rows --on keeps). */
function keyUsesOn(uses: readonly StreamKeyUse[], on: string | undefined): readonly StreamKeyUse[] {
  return on === undefined ? uses : uses.filter((use) => use.stream === on);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * The account of an ARN (a KCL share's tables live in the share's account); undefined for `*`,
 * which an action without a resource type is evaluated in the caller's own account.
 */
function accountOf(arn: string): string | undefined {
  let account = accounts.get(arn);
  if (account === undefined) {
    account = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? "";
    accounts.set(arn, account);
  }
  return account === "" ? undefined : account;
}

/** ARN -> its account ("" for none): the matrix asks about the same few thousand ARNs over and over. */
const accounts = new Map<string, string>();

/**
 * What a principal sends when it assumes a role for the owner account: the values the trust
 * statement naming it requires (a service's sts:ExternalId or aws:SourceAccount).
 */
function trustContext(document: PolicyDocument | undefined, principal: string): Record<string, string> {
  const statement = document?.Statement.find((s) => [...(s.Principal?.AWS ?? []), ...(s.Principal?.Service ?? [])].includes(principal));
  const required = statement?.Condition?.StringEquals ?? {};
  return Object.fromEntries(Object.entries(required).map(([key, value]) => [key, [value].flat()[0]]));
}

/** A request context to ask in: a namespace a statement names, or a stream's use of a key. */
interface AskedContext {
  context: Record<string, string>;
}

/**
 * Of the contexts a request could be asked in, those some statement that could allow it accepts
 * (`allowingConditions`): outside them the answer is "denied" whatever else holds. A statement
 * names a few of a spec's thousands of namespaces or streams: its most selective condition is
 * looked up, not scanned, then all its conditions checked. In the order given.
 */
function contextsAllowable<T extends AskedContext>(contexts: readonly T[], needs: readonly Conditions[]): readonly T[] {
  if (needs.some((conditions) => conditions.length === 0)) return contexts;
  const byValue = contextsByValue(contexts);
  const found = new Set<AskedContext>();
  for (const conditions of needs) {
    const holding = ([key, values]: Conditions[number]): AskedContext[][] => values.map((value) => byValue.get(`${key}\u0000${value}`) ?? []);
    const size = (condition: Conditions[number]): number => holding(condition).reduce((sum, list) => sum + list.length, 0);
    const selective = conditions.reduce((a, b) => (size(b) < size(a) ? b : a));
    for (const list of holding(selective)) for (const candidate of list) if (accepts(conditions, candidate.context)) found.add(candidate);
  }
  return found.size === contexts.length ? contexts : contexts.filter((candidate) => found.has(candidate));
}

/** Whether a context holds every condition's key (case-insensitive) with one of its values. */
function accepts(conditions: Conditions, context: Record<string, string>): boolean {
  const entries = Object.entries(context);
  return conditions.every(([key, values]) => entries.some(([name, value]) => name.toLowerCase() === key && values.includes(value)));
}

/** The contexts of a list by each lower-cased key and value they hold: built once per list. */
function contextsByValue(contexts: readonly AskedContext[]): Map<string, AskedContext[]> {
  let index = contextIndexes.get(contexts);
  if (index === undefined) {
    index = new Map();
    for (const candidate of contexts) {
      for (const [key, value] of Object.entries(candidate.context)) {
        const entry = `${key.toLowerCase()}\u0000${value}`;
        const known = index.get(entry);
        if (known === undefined) index.set(entry, [candidate]);
        else known.push(candidate);
      }
    }
    contextIndexes.set(contexts, index);
  }
  return index;
}

const contextIndexes = new WeakMap<readonly AskedContext[], Map<string, AskedContext[]>>();

interface Question {
  action: string;
  resource: ExplainedResource;
}

/**
 * What a principal could possibly be allowed: the exact actions and resources of its identity
 * statements, and of resource and key policy statements that name it or its account. A request
 * outside these has no statement to allow it, so evaluating it can only say "denied".
 */
function candidateQuestions(
  principal: string,
  identity: readonly PolicyDocument[],
  resourceGrants: ReadonlyMap<string, ResourceGrant[]>,
  inventory: Inventory,
  resourcesOfKind: (kinds: ReadonlySet<string>) => ExplainedResource[],
): Question[] {
  const questions = new Map<string, Question>();
  const ask = (action: string, resource: ExplainedResource | undefined): void => {
    const known = resource === undefined ? undefined : inventory.resources.get(resource.arn);
    // The full matrix asks an action only of the kinds of resource it can take (inventory.actions).
    if (known !== undefined && inventory.actions.get(action)?.has(known.kind) === true) questions.set(`${action} ${known.arn}`, { action, resource: known });
  };
  for (const statement of identity.flatMap((document) => document.Statement)) {
    for (const action of statement.Action) {
      for (const pattern of statement.Resource ?? []) {
        if (pattern === "*") resourcesOfKind(inventory.actions.get(action) ?? new Set()).forEach((resource) => ask(action, resource));
        else ask(action, inventory.resources.get(pattern) ?? classify(pattern));
      }
    }
  }
  const root = principal.startsWith("arn:") ? `${principal.split(":").slice(0, 5).join(":")}:root` : undefined;
  for (const grant of [...(resourceGrants.get(principal) ?? []), ...(root === undefined ? [] : (resourceGrants.get(root) ?? []))]) {
    for (const action of grant.actions) ask(action, inventory.resources.get(grant.resource));
  }
  return [...questions.values()];
}

interface ResourceGrant {
  resource: string;
  actions: readonly string[];
}

/** Every resource and key policy statement, under each AWS principal it names: built once per matrix. */
function resourceGrantsByPrincipal(deployment: Deployment): Map<string, ResourceGrant[]> {
  const byPrincipal = new Map<string, ResourceGrant[]>();
  for (const [resource, policy] of deployment.resources) {
    if (policy.kind === "trust") continue;
    for (const statement of policy.document.Statement) {
      for (const principal of statement.Principal?.AWS ?? []) {
        byPrincipal.set(principal, [...(byPrincipal.get(principal) ?? []), { resource, actions: statement.Action }]);
      }
    }
  }
  return byPrincipal;
}

/** Party, principal, resource, stream, action: the order every format prints. */
function compareRows(a: AccessRow, b: AccessRow): number {
  return (
    compareText(a.party, b.party) ||
    compareText(a.principal, b.principal) ||
    compareText(a.resource, b.resource) ||
    compareText(a.through ?? "", b.through ?? "") ||
    compareText(a.action, b.action)
  );
}

export interface MatrixFilter {
  /** A principal ARN, a party or share name, `administrator of ...`, or a role or user name. */
  who?: string;
  /** A stream name: rows on the stream, its consumers, and its key (for this stream or the key itself). */
  on?: string;
}

export function filterRows(matrix: AccessMatrix, filter: MatrixFilter): AccessRow[] {
  return matrix.rows.filter((row) => matchesWho(row, filter.who) && matchesOn(row, filter.on)).map(toAccessRow);
}

/** Why a filter can match nothing (a name not in the spec), for a usage error; undefined when it is fine. */
export function unknownFilter(matrix: AccessMatrix, filter: MatrixFilter): string | undefined {
  // Asked of what the matrix asked about, not of its rows: the rows may be the allowed ones only.
  if (filter.who !== undefined && !matrix.known.some((principal) => matchesWho(principal, filter.who))) {
    const known = [...new Set(matrix.known.flatMap((principal) => principal.names))].sort(compareText);
    return `--who ${filter.who}: no principal of the spec has that ARN or name${didYouMean(filter.who, known)}; known names: ${listNames(known)}`;
  }
  if (filter.on !== undefined && !matrix.streams.includes(filter.on)) {
    return `--on ${filter.on}: the spec has no stream of that name${didYouMean(filter.on, matrix.streams)}; streams: ${listNames(matrix.streams)}`;
  }
  return undefined;
}

function matchesWho(row: KnownPrincipal, who: string | undefined): boolean {
  if (who === undefined) return true;
  // The last path segment of an IAM ARN is the role or user name (`role/compliance/ComplianceReader`).
  const iamName = row.principal.startsWith("arn:") ? row.principal.slice(row.principal.lastIndexOf("/") + 1) : undefined;
  return row.principal === who || iamName === who || row.names.includes(who);
}

/** A key row counts for a stream when it is about that stream's records, or about the key itself. */
function matchesOn(row: ExplainedRow, on: string | undefined): boolean {
  return on === undefined || (row.streams.includes(on) && (row.through === undefined || row.through === on));
}

function toAccessRow({ names: _names, streams: _streams, ...row }: ExplainedRow): AccessRow {
  return row;
}
