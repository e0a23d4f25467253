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
import { replacementRule } from "./force-new";
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
  action: "replace" | "destroy";
  /** The address in the previous module: what Terraform's state holds. */
  address: string;
  /** Where a replaced resource lives in the new module, when a `moved` block took it there. */
  movedTo?: string;
  /** For `replace`: the force-new arguments that change. */
  changes: ArgumentChange[];
  /** What is lost (force-new.ts); absent for resources without state of their own. */
  loses?: string;
}

const UNSET = "(unset)";
const REFERENCE = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)\.([a-z_]+)$/;

/** The replacements and destroys, by previous address; destroys only of resources that hold state. */
export function compareModules(previousTexts: Iterable<string>, nextTexts: Iterable<string>): StateChange[] {
  const previous = readModuleText(previousTexts);
  const next = readModuleText(nextTexts);
  const movedTo = followMoves(next.moves);
  const current = (address: string): string => movedTo.get(address) ?? address;

  const replaced = new Map<string, StateChange>();
  /** New addresses of the replaced resources: their computed attributes are unknown until apply. */
  const replacedTargets = new Set<string>();
  const destroyed: StateChange[] = [];
  for (const [address, block] of previous.resources) {
    if (!next.resources.has(current(address))) {
      const { loses } = replacementRule(block.type);
      if (loses !== undefined) destroyed.push({ action: "destroy", address, changes: [], loses });
    }
  }
  // Replacement spreads through references to computed attributes: repeat until nothing new.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [address, block] of previous.resources) {
      const target = current(address);
      if (replaced.has(address) || !next.resources.has(target)) continue;
      const changes = replacementRule(block.type)
        .forceNew.map((argument) => compareArgument(argument, address, target))
        .filter((change): change is ArgumentChange => change !== undefined);
      if (changes.length === 0) continue;
      const { loses } = replacementRule(block.type);
      replaced.set(address, { action: "replace", address, ...(target === address ? {} : { movedTo: target }), changes, ...(loses === undefined ? {} : { loses }) });
      replacedTargets.add(target);
      changed = true;
    }
  }
  return [...replaced.values(), ...destroyed].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));

  function compareArgument(argument: string, address: string, target: string): ArgumentChange | undefined {
    const before = resolve(previous, address, argument, current);
    const after = resolve(next, target, argument, (a) => a);
    const unknownAfter = after.reference !== undefined && replacedTargets.has(after.reference);
    if (before.value === after.value && !unknownAfter) return undefined;
    const change: ArgumentChange = { argument, from: written(previous, address, argument), to: written(next, target, argument) };
    return before.value === after.value && after.reference !== undefined ? { ...change, replacedReference: after.reference } : change;
  }
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
