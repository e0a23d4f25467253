/**
 * A small draft-07 JSON Schema checker for tests: exactly the keywords kgen.schema.json uses, with
 * draft-07 semantics, and an exception for any other keyword, so that a schema feature it does not
 * know can never pass silently. Patterns are compiled with the `u` flag, as ajv and the VS Code
 * JSON language service do; string lengths count code points, as the specification says.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = boolean | { [keyword: string]: unknown };

export interface SchemaError {
  /** JSON Pointer of the offending value in the instance, e.g. `/streams/A/shards`. */
  at: string;
  keyword: string;
  message: string;
}

/** Annotations: they describe, they never reject. */
const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "default", "examples", "$comment"]);
const KNOWN = new Set([
  ...ANNOTATIONS,
  "type",
  "enum",
  "const",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "items",
  "minItems",
  "maxItems",
  "uniqueItems",
  "properties",
  "required",
  "additionalProperties",
  "propertyNames",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
]);

export function checkAgainstSchema(schema: unknown, instance: Json): SchemaError[] {
  const errors: SchemaError[] = [];
  check(schema as Schema, instance, "", errors);
  return errors;
}

export function satisfies(schema: unknown, instance: Json): boolean {
  return checkAgainstSchema(schema, instance).length === 0;
}

function check(schema: Schema, value: Json, at: string, errors: SchemaError[]): void {
  if (schema === true) return;
  if (schema === false) {
    errors.push({ at, keyword: "false", message: "no value is allowed here" });
    return;
  }
  const fail = (keyword: string, message: string): void => {
    errors.push({ at, keyword, message });
  };
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword)) throw new Error(`json-schema-check: unsupported keyword "${keyword}" at ${at || "/"}`);
  }
  const s = schema;

  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((type) => hasType(value, type))) fail("type", `expected ${types.join(" or ")}, found ${typeOf(value)}`);
  }
  if (s.enum !== undefined && !(s.enum as Json[]).some((allowed) => equal(allowed, value))) {
    fail("enum", `${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  }
  if (s.const !== undefined && !equal(s.const as Json, value)) fail("const", `expected ${JSON.stringify(s.const)}`);

  if (typeof value === "string") checkString(s, value, fail);
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum) fail("minimum", `${value} < ${s.minimum}`);
    if (typeof s.maximum === "number" && value > s.maximum) fail("maximum", `${value} > ${s.maximum}`);
  }
  if (Array.isArray(value)) checkArray(s, value, at, errors, fail);
  if (isObject(value)) checkObject(s, value, at, errors, fail);

  for (const sub of (s.allOf as Schema[] | undefined) ?? []) check(sub, value, at, errors);
  if (s.anyOf !== undefined && !(s.anyOf as Schema[]).some((sub) => valid(sub, value, at))) {
    fail("anyOf", "matches none of the alternatives");
  }
  if (s.oneOf !== undefined) {
    const matching = (s.oneOf as Schema[]).filter((sub) => valid(sub, value, at)).length;
    if (matching !== 1) fail("oneOf", `matches ${matching} of the alternatives, not exactly one`);
  }
  if (s.not !== undefined && valid(s.not as Schema, value, at)) fail("not", "matches a schema it must not match");
  if (s.if !== undefined) {
    const branch = valid(s.if as Schema, value, at) ? s.then : s.else;
    if (branch !== undefined) check(branch as Schema, value, at, errors);
  }
}

function checkString(s: { [keyword: string]: unknown }, value: string, fail: (keyword: string, message: string) => void): void {
  const length = [...value].length;
  if (typeof s.minLength === "number" && length < s.minLength) fail("minLength", `${length} characters < ${s.minLength}`);
  if (typeof s.maxLength === "number" && length > s.maxLength) fail("maxLength", `${length} characters > ${s.maxLength}`);
  if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value)) {
    fail("pattern", `${JSON.stringify(value)} does not match ${s.pattern}`);
  }
}

function checkArray(
  s: { [keyword: string]: unknown },
  value: Json[],
  at: string,
  errors: SchemaError[],
  fail: (keyword: string, message: string) => void,
): void {
  if (typeof s.minItems === "number" && value.length < s.minItems) fail("minItems", `${value.length} items < ${s.minItems}`);
  if (typeof s.maxItems === "number" && value.length > s.maxItems) fail("maxItems", `${value.length} items > ${s.maxItems}`);
  if (s.uniqueItems === true) {
    const repeated = value.findIndex((item, index) => value.findIndex((other) => equal(other, item)) !== index);
    if (repeated !== -1) fail("uniqueItems", `item ${repeated} repeats an earlier item`);
  }
  if (s.items !== undefined) {
    if (Array.isArray(s.items)) throw new Error(`json-schema-check: tuple "items" is not supported (at ${at || "/"})`);
    value.forEach((item, index) => check(s.items as Schema, item, `${at}/${index}`, errors));
  }
}

function checkObject(
  s: { [keyword: string]: unknown },
  value: { [key: string]: Json },
  at: string,
  errors: SchemaError[],
  fail: (keyword: string, message: string) => void,
): void {
  const properties = (s.properties ?? {}) as { [name: string]: Schema };
  for (const name of (s.required as string[] | undefined) ?? []) {
    if (!Object.hasOwn(value, name)) fail("required", `missing property "${name}"`);
  }
  for (const [name, item] of Object.entries(value)) {
    const where = `${at}/${escapePointer(name)}`;
    if (s.propertyNames !== undefined) check(s.propertyNames as Schema, name, where, errors);
    if (Object.hasOwn(properties, name)) check(properties[name], item, where, errors);
    else if (s.additionalProperties !== undefined) check(s.additionalProperties as Schema, item, where, errors);
  }
}

function valid(schema: Schema, value: Json, at: string): boolean {
  const errors: SchemaError[] = [];
  check(schema, value, at, errors);
  return errors.length === 0;
}

function hasType(value: Json, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    // Draft-07: an integer is any number with a zero fractional part, 1.0 included.
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    default:
      throw new Error(`json-schema-check: unknown type "${type}"`);
  }
}

function typeOf(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON equality, as `enum`, `const` and `uniqueItems` compare: key order does not matter. */
function equal(a: Json, b: Json): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => equal(item, b[i]));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && equal(a[key], b[key]));
  }
  return a === b;
}

function escapePointer(name: string): string {
  return name.replace(/~/g, "~0").replace(/\//g, "~1");
}
