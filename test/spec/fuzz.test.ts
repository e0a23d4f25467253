/**
 * Property-based tests: whatever a user (or a bad merge, or a bad editor) does to a valid spec,
 * kgen answers with diagnostics, never with an exception, and every diagnostic is one a user can
 * act on: a file, a line and column that exist, a code from CODES, a message and a hint.
 *
 * Each run takes a bundled example and applies one to three random mutations: delete a key or
 * item, rename a key with a typo, change a value's type, duplicate a key, replace a value with deep
 * nesting, a huge string or random Unicode, alias a node (possibly inside itself), or insert junk
 * into the text. Since nearly all of those end at validation, generation gets its own runs with
 * gentler changes that keep most specs valid. The seed is fixed, so a run is reproducible;
 * fast-check prints the shrunk counterexample.
 */
import fc from "fast-check";
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar } from "yaml";
import { compileSpec } from "../../src/compile";
import { isModuleFilePath, isPlainFileName } from "../../src/output/manifest";
import { CODES, type Diagnostic } from "../../src/spec/diagnostics";
import { loadSpec } from "../../src/spec/load";
import { validateSpec } from "../../src/spec/rules";
import { toJsonSchema } from "../../src/spec/schema";
import { exampleFiles, readExample } from "../support/examples";
import { hostileArn } from "../support/hostile-spec";
import { satisfies, type Json } from "./json-schema-check";

const SEED = 20_240_501;
const EXAMPLES = exampleFiles().map(readExample);
const FILE = "fuzzed.yaml";
const ALIAS_PLACEHOLDER = "kgen-fuzz-alias-placeholder";

/** A mutation as plain data, so fast-check can print and shrink it. */
type Mutation =
  | { kind: "delete"; site: number }
  | { kind: "typo"; site: number; at: number; edit: "insert" | "drop" | "swap" | "replace"; char: string }
  | { kind: "retype"; site: number; value: unknown }
  | { kind: "duplicate"; site: number }
  | { kind: "nest"; site: number; depth: number; flow: boolean }
  | { kind: "huge"; site: number; unit: string; length: number; asKey: boolean }
  | { kind: "unicode"; site: number; text: string; asKey: boolean }
  | { kind: "alias"; site: number; target: number }
  | { kind: "junk"; at: number; junk: string };

const site = fc.nat();
const unicodeText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("Ström", "流", "😀🚀", "e\u0301", "\u202Eevil", "zero\u200Bwidth", "nul\0byte", "\uFEFFbom", "Ａ", "ǅ"),
);
// Values of every YAML type, including the ones YAML reads surprisingly (numbers, booleans, null).
const anyValue = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.constantFrom(0, -1, 123456789012, 12345678901, 1e21, 2.5, Number.NaN, Number.POSITIVE_INFINITY),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("", "24", "yes", "on-demand", "aws-managed", "none", "kcl", "arn:aws:iam::123456789012:root", "*"),
  fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);
// Fragments that mean something to YAML: indicators, anchors, tags, directives, odd line breaks.
const junk = fc.oneof(
  fc.constantFrom(
    ":", ": ", "- ", "-", "{", "}", "[", "]", ",", "?", "? x", "&a ", "*a", "*nowhere", "!!str ", "!!binary ", "!Ref ",
    "|", ">-", "#", "\t", "%YAML 1.2\n---\n", "---\n", "\n...\n", "<<: *a\n", '"', "'", "\\", "\r\n", "\r", "\0",
    "\uFEFF", "  ", "\n  - x\n", "\nx: y\n", "@", "`", "%", "\u2028",
  ),
  fc.string({ unit: "binary", maxLength: 12 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), site }),
  fc.record({
    kind: fc.constant("typo" as const),
    site,
    at: fc.nat(),
    edit: fc.constantFrom("insert" as const, "drop" as const, "swap" as const, "replace" as const),
    char: fc.constantFrom("a", "e", "s", "_", "-", "A", ".", " ", "1", "é"),
  }),
  fc.record({ kind: fc.constant("retype" as const), site, value: anyValue }),
  fc.record({ kind: fc.constant("duplicate" as const), site }),
  fc.record({ kind: fc.constant("nest" as const), site, depth: fc.integer({ min: 1, max: 120 }), flow: fc.boolean() }),
  fc.record({
    kind: fc.constant("huge" as const),
    site,
    unit: fc.constantFrom("x", "é", "😀", "a ", "\\", "-"),
    length: fc.oneof(fc.integer({ min: 100, max: 20_000 }), fc.integer({ min: 100_000, max: 300_000 })),
    asKey: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("unicode" as const), site, text: unicodeText, asKey: fc.boolean() }),
  fc.record({ kind: fc.constant("alias" as const), site, target: fc.nat() }),
  fc.record({ kind: fc.constant("junk" as const), at: fc.nat(), junk }),
);

const mutatedSpec = fc
  .record({ example: fc.nat(EXAMPLES.length - 1), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) })
  .map(({ example, mutations }) => ({ mutations, text: mutate(EXAMPLES[example], mutations) }));

/** A place in the document a mutation can act on: an entry of a map or an item of a list. */
interface Site {
  parent: { items: unknown[] };
  index: number;
}

function sitesOf(root: unknown): Site[] {
  const sites: Site[] = [];
  const visit = (node: unknown): void => {
    if (!isMap(node) && !isSeq(node)) return;
    const items = node.items as unknown[];
    items.forEach((item, index) => {
      sites.push({ parent: node as { items: unknown[] }, index });
      visit(item instanceof Pair ? item.value : item);
    });
  };
  visit(root);
  return sites;
}

function mutate(text: string, mutations: readonly Mutation[]): string {
  let current = text;
  for (const m of mutations) current = applyMutation(current, m);
  return current;
}

function applyMutation(text: string, m: Mutation): string {
  if (m.kind === "junk") {
    const at = m.at % (text.length + 1);
    return text.slice(0, at) + m.junk + text.slice(at);
  }
  const document = parseDocument(text, { uniqueKeys: false });
  // A text an earlier mutation broke beyond YAML has no structure left to mutate.
  if (document.errors.length > 0) return text;
  const sites = sitesOf(document.contents);
  if (sites.length === 0) return text;
  const { parent, index } = sites[m.site % sites.length];
  const item = parent.items[index];
  const pair = item instanceof Pair ? item : undefined;
  const setValue = (value: unknown): void => {
    if (pair) pair.value = value;
    else parent.items[index] = value;
  };
  switch (m.kind) {
    case "delete":
      parent.items.splice(index, 1);
      break;
    case "typo":
      if (pair && isScalar(pair.key)) pair.key = new Scalar(typo(String(pair.key.value), m));
      else setValue(typo(isScalar(item) ? String(item.value) : "x", m));
      break;
    case "retype":
      setValue(document.createNode(m.value));
      break;
    case "duplicate":
      parent.items.splice(index + 1, 0, pair ? pair.clone() : cloneNode(item));
      break;
    case "nest":
      setValue(nested(document, m.depth, m.flow));
      break;
    case "huge":
    case "unicode": {
      const value = m.kind === "huge" ? m.unit.repeat(Math.ceil(m.length / m.unit.length)) : m.text;
      if (m.asKey && pair) pair.key = new Scalar(value);
      else setValue(new Scalar(value));
      break;
    }
    case "alias": {
      // The anchor goes on any node, the alias anywhere: before its anchor, inside it, or after.
      const target = sites[m.target % sites.length];
      const targetItem = target.parent.items[target.index];
      const node = targetItem instanceof Pair ? targetItem.value : targetItem;
      if (!isMap(node) && !isSeq(node) && !isScalar(node)) return text;
      const anchor = (node.anchor ??= `a${m.target % 100}`);
      // `yaml` refuses to print an alias before its anchor, which is exactly a case to try:
      // a placeholder is printed instead, then replaced by the alias.
      setValue(new Scalar(ALIAS_PLACEHOLDER));
      return print(document, text).replace(ALIAS_PLACEHOLDER, `*${anchor}`);
    }
  }
  return print(document, text);
}

/**
 * The mutated document as text. `yaml` cannot print some damage (an alias an earlier mutation put
 * before its anchor); the text then stays as it was.
 */
function print(document: Document, unchanged: string): string {
  try {
    return document.toString({ lineWidth: 0 });
  } catch {
    return unchanged;
  }
}

function typo(word: string, m: Extract<Mutation, { kind: "typo" }>): string {
  const at = m.at % (word.length + 1);
  switch (m.edit) {
    case "insert":
      return word.slice(0, at) + m.char + word.slice(at);
    case "drop":
      return word.slice(0, at) + word.slice(at + 1);
    case "swap":
      return at + 1 < word.length ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word + m.char;
    case "replace":
      return word.slice(0, at) + m.char + word.slice(at + 1);
  }
}

function cloneNode(item: unknown): unknown {
  return typeof item === "object" && item !== null && "clone" in item && typeof item.clone === "function" ? item.clone() : item;
}

function nested(document: Document, depth: number, flow: boolean): unknown {
  let value: unknown = "x";
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { k: value };
  const node = document.createNode(value, { flow });
  return node;
}

/**
 * Gentler changes, which mostly keep a spec valid, so that generation runs too: odd but legal
 * names (`__proto__`, `1e3`, `..`), free text full of what HCL, JSON and Markdown treat specially,
 * optional fields removed, numbers anywhere in their ranges.
 */
type Change =
  | { kind: "rename"; section: "streams" | "keys" | "producers" | "consumers" | "shares"; which: number; to: string }
  | { kind: "principal"; place: "key admin" | "stream admin" | "trusted" | "existing role" | "share"; which: number; text: string }
  | { kind: "field"; section: "keys" | "streams" | "producers" | "consumers" | "shares"; which: number; name: string }
  | { kind: "tag"; key: string }
  | { kind: "describe"; which: number; text: string }
  | { kind: "drop"; field: "administrators" | "description" | "alias" | "role" | "principals" | "tags"; which: number }
  | { kind: "number"; field: "retention_hours" | "rotation_days" | "deletion_window_days" | "shards"; which: number; value: number };

const legalName = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9_.-]{1,24}$/),
  fc.constantFrom("constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "0", "1e3", "true", "null", "..", "_", "A-B_c.9"),
);
const prototypeName = fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf");
// Principal text: well-formed ARNs whose IAM path holds any printable ASCII, and broken ones:
// a policy variable, a wildcard, control characters, CDKTF's token syntax, a path over 512.
const principalText = fc.oneof(
  hostileArn("123456789012"),
  hostileArn("111122223333"),
  hostileArn("444455556666"),
  fc.constantFrom(
    "arn:aws:iam::123456789012:role/x${uuid()}/A",
    "arn:aws:iam::123456789012:role/ops%{if!true}-decoy%{endif}/Reader",
    "arn:aws:iam::123456789012:role/a*b/R",
    "arn:aws:iam::123456789012:role/a\u001b[2J/R",
    "arn:aws:iam::123456789012:role/a\n::error::x/R",
    "arn:aws:iam::123456789012:role/a\u202e/R",
    "arn:aws:iam::123456789012:role/#{TfToken[TOKEN.1]}/R",
    `arn:aws:iam::123456789012:role/${"p/".repeat(300)}R`,
    "arn:aws:iam::123456789012:role/a-b",
    "arn:aws:iam::123456789012:role/a_b",
  ),
);
const freeText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom('${var.x}', "%{ if true }x%{ endif }", '"quoted" \\ back', "line\nbreak", "*/ <<EOF", "| table |", "<!-- -->", "$${", "😀 e\u0301"),
  fc.integer({ min: 1, max: 8192 }).map((length) => "é".repeat(length)),
);
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant("principal" as const),
    place: fc.constantFrom("key admin" as const, "stream admin" as const, "trusted" as const, "existing role" as const, "share" as const),
    which: fc.nat(),
    text: principalText,
  }),
  fc.record({
    kind: fc.constant("field" as const),
    section: fc.constantFrom("streams" as const, "keys" as const, "producers" as const, "consumers" as const, "shares" as const),
    which: fc.nat(),
    name: prototypeName,
  }),
  fc.record({ kind: fc.constant("tag" as const), key: fc.oneof(prototypeName, fc.constantFrom("a:b", "x y", "aws:x")) }),
  fc.record({
    kind: fc.constant("rename" as const),
    section: fc.constantFrom("streams" as const, "keys" as const, "producers" as const, "consumers" as const, "shares" as const),
    which: fc.nat(),
    to: legalName,
  }),
  fc.record({ kind: fc.constant("describe" as const), which: fc.nat(), text: freeText }),
  fc.record({
    kind: fc.constant("drop" as const),
    field: fc.constantFrom("administrators" as const, "description" as const, "alias" as const, "role" as const, "principals" as const, "tags" as const),
    which: fc.nat(),
  }),
  fc.record({
    kind: fc.constant("number" as const),
    field: fc.constantFrom("retention_hours" as const, "rotation_days" as const, "deletion_window_days" as const, "shards" as const),
    which: fc.nat(),
    value: fc.integer({ min: 0, max: 10_000 }),
  }),
);

const changedSpec = fc
  .record({ example: fc.nat(EXAMPLES.length - 1), changes: fc.array(change, { minLength: 1, maxLength: 4 }) })
  .map(({ example, changes }) => ({ changes, text: applyChanges(EXAMPLES[example], changes) }));

type Entries = { [name: string]: unknown };

function applyChanges(text: string, changes: readonly Change[]): string {
  const spec = parseDocument(text).toJS() as Entries;
  const entries = (section: string): Entries => (spec[section] ?? {}) as Entries;
  const nth = (section: string, which: number): [string, Entries] | undefined => {
    const all = Object.entries(entries(section));
    return all.length === 0 ? undefined : (all[which % all.length] as [string, Entries]);
  };
  for (const c of changes) {
    if (c.kind === "principal") {
      applyPrincipal(entries, nth, c);
      continue;
    }
    if (c.kind === "field") {
      // defineProperty: `__proto__` must be a key of the YAML, not the entry's prototype.
      const entry = nth(c.section, c.which);
      if (entry) Object.defineProperty(entry[1], c.name, { value: 1, enumerable: true, writable: true, configurable: true });
      continue;
    }
    if (c.kind === "tag") {
      spec.tags = Object.defineProperty({ ...((spec.tags ?? {}) as Entries) }, c.key, { value: "v", enumerable: true, writable: true, configurable: true });
      continue;
    }
    if (c.kind === "rename") {
      const found = nth(c.section, c.which);
      if (!found) continue;
      // fromEntries, not assignment: `__proto__` must become a key, not a prototype.
      spec[c.section] = Object.fromEntries(Object.entries(entries(c.section)).map(([name, value]) => [name === found[0] ? c.to : name, value]));
      renameReferences(spec, c.section, found[0], c.to);
    } else if (c.kind === "describe") {
      const key = nth("keys", c.which);
      if (key) key[1].description = c.text;
    } else if (c.kind === "drop") {
      const section = c.field === "tags" ? undefined : ["keys", "streams", "producers", "consumers", "shares"][c.which % 5];
      if (section === undefined) delete spec.tags;
      else delete nth(section, c.which)?.[1][c.field];
    } else {
      const section = c.field === "rotation_days" || c.field === "deletion_window_days" ? "keys" : "streams";
      const entry = nth(section, c.which);
      if (entry && (c.field !== "shards" || entry[1].capacity === "provisioned")) entry[1][c.field] = c.value;
    }
  }
  return new Document(spec).toString();
}

/** Puts principal text where the spec takes a principal, in the nth entry that has the place. */
function applyPrincipal(entries: (section: string) => Entries, nth: (section: string, which: number) => [string, Entries] | undefined, c: Extract<Change, { kind: "principal" }>): void {
  switch (c.place) {
    case "key admin": {
      const key = nth("keys", c.which);
      if (key) key[1].administrators = [c.text];
      return;
    }
    case "stream admin": {
      const stream = nth("streams", c.which);
      if (stream) stream[1].administrators = [c.text];
      return;
    }
    case "trusted":
    case "existing role": {
      const party = nth(c.which % 2 === 0 ? "producers" : "consumers", c.which) ?? nth("producers", c.which);
      if (party) party[1].role = c.place === "trusted" ? { assumed_by: [c.text] } : { arn: c.text };
      return;
    }
    case "share": {
      const share = nth("shares", c.which);
      if (share) share[1].principals = [c.text];
      return;
    }
  }
  void entries;
}

/** A renamed stream or key keeps the references to it. */
function renameReferences(spec: Entries, section: string, from: string, to: string): void {
  const rename = (names: unknown): unknown => (Array.isArray(names) ? names.map((name) => (name === from ? to : name)) : names);
  for (const party of ["producers", "consumers", "shares"].flatMap((s) => Object.values((spec[s] ?? {}) as Entries)) as Entries[]) {
    if (section === "streams") party.streams = rename(party.streams);
  }
  for (const stream of Object.values((spec.streams ?? {}) as Entries) as Entries[]) {
    if (section === "keys" && stream.encryption === from) stream.encryption = to;
  }
}

/** What every diagnostic must be, whatever the input. */
function expectActionable(diagnostics: readonly Diagnostic[], text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const d of diagnostics) {
    const problems = [
      d.file === FILE ? "" : "file",
      Number.isInteger(d.line) && d.line >= 1 && d.line <= lines + 1 ? "" : `line ${d.line} of ${lines}`,
      Number.isInteger(d.column) && d.column >= 1 ? "" : `column ${d.column}`,
      Object.hasOwn(CODES, d.code) ? "" : `code ${d.code}`,
      d.severity === "error" || d.severity === "warning" ? "" : "severity",
      typeof d.message === "string" && /\S/.test(d.message) && !d.message.includes("\n") ? "" : "message",
      typeof d.hint === "string" && /\S/.test(d.hint) ? "" : "hint",
      typeof d.path === "string" ? "" : "path",
    ].filter((problem) => problem !== "");
    // Printed with the diagnostic, so a failure says which one and why.
    expect({ diagnostic: d, problems }).toEqual({ diagnostic: d, problems: [] });
  }
}

describe("random damage to a valid spec", () => {
  test("validateSpec never throws, and every diagnostic is located and actionable", () => {
    fc.assert(
      fc.property(mutatedSpec, ({ text }) => {
        const result = validateSpec(FILE, text);
        expectActionable(result.diagnostics, text);
        const errors = result.diagnostics.filter((d) => d.severity === "error");
        expect(result.spec === undefined).toBe(errors.length > 0);
      }),
      { seed: SEED, numRuns: 800 },
    );
  });

  test.each([
    ["damaged", mutatedSpec, 60],
    ["gently changed", changedSpec, 150],
  ] as const)("compileSpec of %s specs never throws; modules exactly when there is no error, under plain names", async (_kind, specs, numRuns) => {
    await fc.assert(
      fc.asyncProperty(specs, async ({ text }) => {
        const result = await compileSpec(FILE, text);
        expectActionable(result.diagnostics, text);
        const hasError = result.diagnostics.some((d) => d.severity === "error");
        expect(result.modules.length > 0).toBe(!hasError);
        for (const module of result.modules) {
          expect([module.name, isPlainFileName(module.name)]).toEqual([module.name, true]);
          for (const file of module.files.keys()) expect([file, isModuleFilePath(file)]).toEqual([file, true]);
        }
      }),
      { seed: SEED, numRuns },
    );
  });

  // The validator and the JSON Schema come from one definition (schema.ts); on any spec JSON can
  // hold, they must agree on its shape. Rules beyond one field (references, partitions) are the
  // validator's alone, and YAML-only features (aliases, tags, duplicate keys) have no JSON form.
  test("the JSON Schema and the loader agree on the shape of every spec JSON can hold", () => {
    const schema = toJsonSchema();
    let compared = 0;
    fc.assert(
      fc.property(mutatedSpec, ({ text }) => {
        const document = parseDocument(text, { uniqueKeys: true });
        if (document.errors.length > 0 || document.warnings.length > 0 || /(^|[\s[{,])[&*]\w/.test(text)) return;
        const loaded = loadSpec(FILE, text).diagnostics;
        // YAML-level findings (an empty file, a duplicate of 2024 and "2024") have no JSON form either.
        if (loaded.some((d) => d.code < "KG1010")) return;
        const shapeErrors = loaded
          // Beyond JSON Schema: a region's partition (KG1023), Unicode normalization (KG1026).
          .filter((d) => d.severity === "error" && d.code !== "KG1023" && d.code !== "KG1026")
          .map((d) => `${d.code} ${d.path}: ${d.message}`);
        const json = document.toJS() as Json;
        compared++;
        expect({ schemaAccepts: satisfies(schema, json), shapeErrors }).toEqual({
          schemaAccepts: shapeErrors.length === 0,
          shapeErrors: shapeErrors.length === 0 ? [] : expect.any(Array),
        });
      }),
      { seed: SEED, numRuns: 500 },
    );
    // About half the runs stay within what JSON can hold; far fewer, and this test proves little.
    expect(compared).toBeGreaterThan(200);
  });
});

// Found by the gentle runs: a stream, key, party or share named `constructor` (a legal AWS name)
// made the constructs library throw, since it keeps children in a plain object; construct ids
// now carry a prefix (constructId() in src/constructs/module-stack.ts).
test("a stream named constructor is generated like any other", async () => {
  const text = applyChanges(EXAMPLES[0], [{ kind: "rename", section: "streams", which: 0, to: "constructor" }]);
  const result = await compileSpec(FILE, text);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(result.modules.length).toBeGreaterThan(0);
});
