/**
 * What applying a new module over the previous one will make Terraform replace or destroy,
 * found by comparing the two modules' text, address by address, through the `moved` blocks of
 * the new one and each resource type's force-new arguments (force-new.ts).
 *
 * The previous module stands for what is applied: kgen only knows what it wrote last time.
 * A resource is replaced when a force-new argument's value changes — directly, or because it
 * refers to an attribute that changes (a replaced resource's ARN is unknown until apply, so a
 * consumer of a replaced stream is replaced too). A resource whose address is gone, and not
 * moved, is destroyed.
 */
import { REPLACEMENT_RULES, type ReplacementRule } from "./force-new";
import { readModuleText, type ArgumentValue, type ModuleText } from "./module-text";

export interface ArgumentChange {
  argument: string;
  /** The values as written in each module (`(unset)` when absent). */
  from: string;
  to: string;
  /** Set when the value is unknown until apply because the resource it refers to is replaced. */
  replacedReference?: string;
}

export interface StateChange {
  /** `keep`: the spec stops setting a computed argument, and Terraform leaves the old value in place. */
  action: "replace" | "destroy" | "keep";
  /** The address in the previous module: what Terraform's state holds. */
  address: string;
  /** Where a replaced resource lives in the new module, when a `moved` block took it there. */
  movedTo?: string;
  /** For `replace`: the force-new arguments that change; for `keep`: those left as they were. */
  changes: ArgumentChange[];
  /** What is lost (force-new.ts); absent for resources without state of their own. */
  loses?: string;
}

const UNSET = "(unset)";
const REFERENCE = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)\.([a-z_]+)$/;

/** The replacements, destroys and kept arguments, by previous address. */
export function compareModules(previousTexts: Iterable<string>, nextTexts: Iterable<string>): StateChange[] {
  const previous = readModuleText(previousTexts);
  const next = readModuleText(nextTexts);
  const movedTo = followMoves(next.moves);
  const modules: Comparison = { previous, next, current: (address) => movedTo.get(address) ?? address };
  const { replaced, kept } = replacements(modules);
  return [...replaced, ...destroys(modules), ...kept].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

interface Comparison {
  previous: ModuleText;
  next: ModuleText;
  /** Where a previous address is in the new module, through its `moved` blocks. */
  current: (address: string) => string;
}

/** A block kgen never writes (a hand edit in the previous folder) is not kgen's to judge. */
function ruleOf(type: string): ReplacementRule | undefined {
  return Object.hasOwn(REPLACEMENT_RULES, type) ? REPLACEMENT_RULES[type] : undefined;
}

function destroys({ previous, next, current }: Comparison): StateChange[] {
  return [...previous.resources]
    .filter(([address, block]) => ruleOf(block.type) !== undefined && !next.resources.has(current(address)))
    .map(([address, block]) => ({ action: "destroy", address, changes: [], ...losing(ruleOf(block.type)) }));
}

/**
 * Replacement spreads through references to computed attributes (a replaced stream's ARN is
 * unknown until apply), so the resources are compared again until no new one is replaced.
 */
function replacements(modules: Comparison): { replaced: StateChange[]; kept: StateChange[] } {
  const { previous, next, current } = modules;
  const replaced = new Map<string, StateChange>();
  /** New addresses of the replaced resources. */
  const replacedTargets = new Set<string>();
  const kept = new Map<string, StateChange>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [address, block] of previous.resources) {
      const target = current(address);
      const rule = ruleOf(block.type);
      if (rule === undefined || replaced.has(address) || !next.resources.has(target)) continue;
      const differing = rule.forceNew.flatMap((argument) => compareArgument(modules, argument, address, target, replacedTargets) ?? []);
      // A computed argument the spec stops setting keeps its value: no replacement, but no change either.
      const keptArguments = differing.filter((change) => change.to === UNSET && (rule.keptWhenUnset ?? []).includes(change.argument));
      const changes = differing.filter((change) => !keptArguments.includes(change));
      const where = target === address ? {} : { movedTo: target };
      if (keptArguments.length > 0) kept.set(address, { action: "keep", address, ...where, changes: keptArguments, ...losing(rule) });
      if (changes.length === 0) continue;
      replaced.set(address, { action: "replace", address, ...where, changes, ...losing(rule) });
      replacedTargets.add(target);
      changed = true;
    }
  }
  // A replaced resource is created anew from the new arguments: nothing of it is kept.
  return { replaced: [...replaced.values()], kept: [...kept.values()].filter((change) => !replaced.has(change.address)) };
}

function compareArgument(
  { previous, next, current }: Comparison,
  argument: string,
  address: string,
  target: string,
  replacedTargets: ReadonlySet<string>,
): ArgumentChange | undefined {
  const before = resolve(previous, address, argument, current);
  const after = resolve(next, target, argument, (a) => a);
  const unknownAfter = after.reference !== undefined && replacedTargets.has(after.reference);
  if (before.value === after.value && !unknownAfter) return undefined;
  const change: ArgumentChange = { argument, from: written(previous, address, argument), to: written(next, target, argument) };
  return before.value === after.value && after.reference !== undefined ? { ...change, replacedReference: after.reference } : change;
}

function losing(rule: ReplacementRule | undefined): { loses?: string } {
  return rule?.loses === undefined ? {} : { loses: rule.loses };
}

/** Each `from` to where its chain of `moved` blocks ends (A -> B, B -> C: A ends at C). */
function followMoves(moves: ReadonlyArray<{ from: string; to: string }>): Map<string, string> {
  const step = new Map(moves.map((move) => [move.from, move.to]));
  const ends = new Map<string, string>();
  for (const from of step.keys()) {
    let to = from;
    // A chain visits each address once; a cycle (which Terraform rejects) stops at the repeat.
    for (const seen = new Set<string>(); step.has(to) && !seen.has(to); ) {
      seen.add(to);
      to = step.get(to) ?? to;
    }
    ends.set(from, to);
  }
  return ends;
}

interface Resolved {
  /** Comparable value: a literal, a computed attribute as `address.attribute`, or normalized text. */
  value: string;
  /** Set when the value is a computed attribute of another resource (unknown if it is replaced). */
  reference?: string;
}

/**
 * An argument's comparable value. A reference to an argument the other block sets is followed
 * (a role policy's `role = aws_iam_role.x.name` is the role's name); a reference to a computed
 * attribute stays a reference, with the address as it is in the new module.
 */
function resolve(module: ModuleText, address: string, argument: string, current: (address: string) => string, depth = 0): Resolved {
  const value = module.resources.get(address)?.arguments.get(argument);
  if (value === undefined) return { value: UNSET };
  if (value.kind === "string") return { value: `"${value.value}"` };
  const reference = REFERENCE.exec(value.text);
  if (reference === null) return { value: normalize(value.text) };
  const referenced = `${reference[1]}.${reference[2]}`;
  if (depth < 4 && module.resources.get(referenced)?.arguments.has(reference[3])) {
    return resolve(module, referenced, reference[3], current, depth + 1);
  }
  const newAddress = current(referenced);
  return { value: `${newAddress}.${reference[3]}`, reference: newAddress };
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function written(module: ModuleText, address: string, argument: string): string {
  const value: ArgumentValue | undefined = module.resources.get(address)?.arguments.get(argument);
  if (value === undefined) return UNSET;
  return value.kind === "string" ? JSON.stringify(value.value) : normalize(value.text);
}
