/**
 * Walks a parsed YAML document against a schema-dsl definition, collecting every structural
 * problem (not only the first) and building the plain value with defaults applied. The value is
 * meaningful only when no error was reported.
 */
import { isMap, isScalar, isSeq, type Pair, type YAMLMap } from "yaml";
import {
  checkString,
  conformBoolean,
  conformInteger,
  conformString,
  describe,
  labelOf,
  report,
  wrongType,
  type Walk,
} from "./conform-scalars";
import { createDiagnostic, type Diagnostic, type Position, type SpecPath } from "./diagnostics";
import { didYouMean } from "./did-you-mean";
import { effectiveDefault, type ListNode, type MapNode, type ObjectNode, type SchemaNode, type SiblingCondition } from "./schema-dsl";
import { emptyRecord, recordFromEntries } from "./records";
import { keyText, type SpecSource, type ValueNode } from "./yaml-source";

/**
 * Aliases let a small text name one node many times (`streams: *many` in every producer); the
 * walk checks each use, so it is bounded and a billion-laughs document stops here instead of
 * taking minutes. The schema has no recursion, so an alias inside its own anchor cannot loop.
 */
export const MAX_VISITED_NODES = 100_000;

export interface Conformed {
  value: unknown;
  diagnostics: Diagnostic[];
}

export function conformDocument(source: SpecSource, file: string, schema: ObjectNode): Conformed {
  const walk: Walk = { source, file, diagnostics: [], visitsLeft: MAX_VISITED_NODES };
  const root = source.document.contents;
  const at = source.positionOf(root) ?? { line: 1, column: 1 };
  const value = conform(walk, root, schema, [], at);
  if (walk.visitsLeft >= 0) return { value, diagnostics: walk.diagnostics };
  const expansion = createDiagnostic(file, at, {
    code: "KG1005",
    path: [],
    message: `anchors and aliases expand to more than ${MAX_VISITED_NODES} nodes`,
    hint: "use fewer aliases of large lists or maps",
  });
  return { value: undefined, diagnostics: [expansion] };
}

/**
 * Positions follow `locator`: a problem with a value is reported at the value, a problem with a
 * collection's contents (a missing field, an empty list) at the entry's key (`entryAt`).
 */
function conform(walk: Walk, raw: unknown, schema: SchemaNode, path: SpecPath, entryAt: Position): unknown {
  if (--walk.visitsLeft < 0) return undefined;
  const node = walk.source.resolve(raw);
  const empty = !node || (isScalar(node) && node.value === null && node.source === "");
  // An alias is reported where it is used, not where its anchor is.
  const at = empty ? entryAt : (walk.source.positionOf(raw) ?? entryAt);
  switch (schema.kind) {
    case "string":
      return conformString(walk, node, schema, path, at);
    case "integer":
      return conformInteger(walk, node, schema, path, at);
    case "boolean":
      return conformBoolean(walk, node, schema, path, at);
    case "list":
      return conformList(walk, node, schema, path, at, entryAt);
    case "map":
      return conformMap(walk, node, schema, path, at);
    case "object":
      return conformObject(walk, node, schema, path, at, entryAt);
  }
}

function conformList(
  walk: Walk,
  node: ValueNode | null,
  schema: ListNode,
  path: SpecPath,
  at: Position,
  entryAt: Position,
): unknown[] | undefined {
  if (!isSeq(node)) return wrongType(walk, node, "a list", path, at, 'write [a, b] or one "- item" per line');
  const label = labelOf(schema, path);
  if (schema.minItems !== undefined && node.items.length < schema.minItems) {
    report(walk, entryAt, {
      code: "KG1016",
      path,
      message: `${label} lists no items; at least ${schema.minItems} needed`,
      hint: schema.hint ?? `name at least ${schema.minItems}, or remove the entry`,
    });
  }
  const seen = new Set<unknown>();
  return node.items.map((item, index) => {
    const itemPath = [...path, index];
    const itemAt = walk.source.positionOf(item) ?? at;
    const value = conform(walk, item, schema.items, itemPath, itemAt);
    if (schema.unique && value !== undefined && typeof value !== "object") {
      if (seen.has(value)) {
        report(walk, itemAt, {
          code: "KG1017",
          path: itemPath,
          message: `${label} lists "${String(value)}" twice`,
          hint: "remove the repeated item",
        });
      }
      seen.add(value);
    }
    return value;
  });
}

/**
 * The pairs of a mapping under their names; other keys and repeated names are reported. A name
 * counts as written: `2024` and `"2024"` differ to YAML but are the same stream to kgen.
 */
function entries(walk: Walk, node: YAMLMap, path: SpecPath, at: Position): [string, Pair][] {
  const named: [string, Pair][] = [];
  const seen = new Set<string>();
  for (const pair of node.items) {
    const keyAt = walk.source.positionOf(pair.key) ?? at;
    const name = keyText(pair.key);
    if (name === undefined) {
      report(walk, keyAt, {
        code: "KG1011",
        path,
        message: `expected a name as the key, found ${describe(walk.source.resolve(pair.key))}`,
        hint: "use a plain name as the key",
      });
    } else if (!seen.has(name)) {
      seen.add(name);
      named.push([name, pair]);
    } else {
      report(walk, keyAt, {
        code: "KG1002",
        path: [...path, name],
        message: `duplicate key "${name}"`,
        hint: "YAML keeps only one of them; merge the two entries",
      });
    }
  }
  return named;
}

function conformMap(
  walk: Walk,
  node: ValueNode | null,
  schema: MapNode,
  path: SpecPath,
  at: Position,
): Record<string, unknown> | undefined {
  if (!isMap(node)) return wrongType(walk, node, "a map", path, at, schema.hint ?? "write name: value pairs");
  // No prototype: a stream may legally be named __proto__ or constructor.
  const result = emptyRecord<unknown>();
  // Entries in name order, so the Spec never depends on YAML key order (style.md, habit 5).
  const sorted = entries(walk, node, path, at).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, pair] of sorted) {
    const keyAt = walk.source.positionOf(pair.key) ?? at;
    checkString(walk, name, schema.key, [...path, name], keyAt);
    const value = conform(walk, pair.value, schema.values, [...path, name], keyAt);
    // defineProperty, not assignment: a stream may legally be named __proto__.
    Object.defineProperty(result, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function conformObject(
  walk: Walk,
  node: ValueNode | null,
  schema: ObjectNode,
  path: SpecPath,
  at: Position,
  entryAt: Position,
): Record<string, unknown> | undefined {
  if (!isMap(node)) return wrongType(walk, node, "a map", path, at, schema.hint ?? "write field: value pairs");
  const result = emptyRecord<unknown>();
  const written = new Map<string, Pair>();
  for (const [name, pair] of entries(walk, node, path, at)) {
    const keyAt = walk.source.positionOf(pair.key) ?? at;
    // Own fields only: `constructor` or `__proto__` in the YAML is an unknown key, not Object's.
    const field = Object.hasOwn(schema.fields, name) ? schema.fields[name] : undefined;
    if (field) {
      written.set(name, pair);
      result[name] = conform(walk, pair.value, field.node, [...path, name], keyAt);
      continue;
    }
    const allowed = Object.keys(schema.fields);
    const merge = name === "<<" ? "YAML merge keys are not supported; alias the whole value instead" : undefined;
    report(walk, keyAt, {
      code: "KG1010",
      path: [...path, name],
      message: `unknown key "${name}"${didYouMean(name, allowed)}`,
      hint: merge ?? `${labelOf(schema, path)} fields: ${allowed.join(", ")}`,
    });
  }
  checkPresence(walk, schema, written, result, path, entryAt);
  checkExactlyOne(walk, schema, written, path, entryAt);
  checkExclusive(walk, schema, written, path, entryAt);
  // Fields in schema order, whatever order the YAML wrote them in.
  const ordered = Object.keys(schema.fields).filter((name) => Object.hasOwn(result, name));
  return Object.fromEntries(ordered.map((name) => [name, result[name]]));
}

/** Required, defaulted and conditional fields; fills in defaults. */
function checkPresence(
  walk: Walk,
  schema: ObjectNode,
  written: Map<string, Pair>,
  result: Record<string, unknown>,
  path: SpecPath,
  at: Position,
): void {
  // A written sibling counts with its checked value. An invalid one was reported already and
  // makes the conditions on it undecidable, so they are skipped rather than guessed.
  const siblingValue = (field: string): unknown =>
    written.has(field) ? result[field] : effectiveDefault(schema.fields, field);
  const decidable = (field: string): boolean => !written.has(field) || result[field] !== undefined;
  const holds = (condition: SiblingCondition): boolean => {
    if (condition.absent === true) return !written.has(condition.field);
    const value = siblingValue(condition.field);
    return typeof value === "string" && condition.is.includes(value);
  };
  for (const [name, field] of Object.entries(schema.fields)) {
    const pair = written.get(name);
    const { onlyWhen, requiredWhen } = field;
    if (pair && onlyWhen && decidable(onlyWhen.field) && !holds(onlyWhen)) {
      report(walk, walk.source.positionOf(pair.key) ?? at, {
        code: "KG1019",
        path: [...path, name],
        ...(onlyWhen.absent === true
          ? { message: `${name} does not apply together with ${onlyWhen.field}`, hint: `remove ${name}, or remove ${onlyWhen.field}` }
          : { message: `${name} applies only when ${onlyWhen.field} is ${onlyWhen.is.join(" or ")}`, hint: `remove ${name}, or set ${onlyWhen.field}: ${onlyWhen.is[0]}` }),
      });
    }
    if (pair) continue;
    if (field.presence === "required") {
      report(walk, at, {
        code: "KG1012",
        path: [...path, name],
        message: `missing required field "${name}"`,
        hint: `add ${name}: ${field.node.description}`,
      });
    } else if (requiredWhen && holds(requiredWhen)) {
      report(walk, at, {
        code: "KG1020",
        path: [...path, name],
        message:
          requiredWhen.absent === true
            ? `${name} is required without ${requiredWhen.field}`
            : `${name} is required when ${requiredWhen.field} is ${String(siblingValue(requiredWhen.field))}`,
        hint: `add ${name}, or change ${requiredWhen.field}`,
      });
    } else if (field.presence === "defaulted") {
      // A defaulted map is empty; it is still keyed by user text later, so it has no prototype.
      result[name] = field.node.kind === "map" ? emptyRecord<unknown>() : structuredClone(field.default);
    }
  }
}

function checkExactlyOne(
  walk: Walk,
  schema: ObjectNode,
  written: Map<string, Pair>,
  path: SpecPath,
  at: Position,
): void {
  if (!schema.exactlyOne) return;
  const [first, second] = schema.exactlyOne;
  const count = [first, second].filter((name) => written.has(name)).length;
  if (count === 1 || (count === 0 && schema.orNeither === true)) return;
  const label = labelOf(schema, path);
  report(walk, at, {
    code: "KG1018",
    path,
    message: count === 0 ? `${label} needs ${first} or ${second}` : `${label} sets both ${first} and ${second}`,
    hint: schema.description,
  });
}

/** Fields of which at most one may be written: each one after the first is reported at its key. */
function checkExclusive(walk: Walk, schema: ObjectNode, written: Map<string, Pair>, path: SpecPath, at: Position): void {
  if (!schema.exclusive) return;
  const present = schema.exclusive.filter((name) => written.has(name));
  for (const name of present.slice(1)) {
    const pair = written.get(name);
    report(walk, (pair && walk.source.positionOf(pair.key)) ?? at, {
      code: "KG1027",
      path: [...path, name],
      message: `${name} and ${present[0]} exclude each other`,
      hint: `${labelOf(schema, path)} names one of: ${schema.exclusive.join(", ")}`,
    });
  }
}
