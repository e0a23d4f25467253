/**
 * The JSON Schema editors see (kgen.schema.json, from `kgen schema`) against real specs: every
 * example satisfies it, and it rejects what the loader rejects for its shape. The checker is
 * json-schema-check.ts, a draft-07 subset that fails on any keyword it does not know.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parse, parseDocument } from "yaml";
import type { DiagnosticCode } from "../../src/spec/diagnostics";
import { exampleFiles, readExample, ROOT } from "../support/examples";
import type { BadSpec } from "./corpus/base";
import { FIELD_CASES } from "./corpus/fields";
import { KEY_AND_STREAM_CASES } from "./corpus/keys-and-streams";
import { PARTY_CASES } from "./corpus/parties";
import { SHARE_CASES } from "./corpus/shares";
import { YAML_INPUT_CASES } from "./corpus/yaml-input";
import { checkAgainstSchema, satisfies, type Json } from "./json-schema-check";

const SCHEMA_FILE = join(ROOT, "kgen.schema.json");
const schema: unknown = JSON.parse(readFileSync(SCHEMA_FILE, "utf8"));
const MODELINE = "# yaml-language-server: $schema=../kgen.schema.json";

const asJson = (text: string): Json => parse(text) as Json;

describe.each(exampleFiles().map((file) => [basename(file), file]))("examples/%s", (_name, file) => {
  test("satisfies kgen.schema.json", () => {
    expect(checkAgainstSchema(schema, asJson(readExample(file)))).toEqual([]);
  });

  test("starts with the line that points editors at the schema, and the path resolves", () => {
    const first = readExample(file).split("\n")[0];
    expect(first).toBe(MODELINE);
    expect(resolve(dirname(file), first.split("$schema=")[1])).toBe(SCHEMA_FILE);
  });
});

describe("the schema rejects a broken example, for the reason the loader would give", () => {
  const stockTrades = (): { [key: string]: Json } => {
    const file = exampleFiles().find((path) => basename(path) === "stock-trades.yaml") ?? "";
    return asJson(readExample(file)) as { [key: string]: Json };
  };
  type Edit = (spec: { [key: string]: Json }) => void;
  const streams = (spec: { [key: string]: Json }): { [key: string]: { [key: string]: Json } } =>
    spec.streams as { [key: string]: { [key: string]: Json } };
  const cases: Array<[string, Edit, string]> = [
    ["an unknown field", (spec) => void (streams(spec).StockTradeStream.encryptoin = "trades"), "false"],
    ["a list where a map belongs", (spec) => void (spec.streams = ["StockTradeStream"]), "type"],
    ["a missing required field", (spec) => void delete spec.owner, "required"],
    ["a number out of range", (spec) => void (streams(spec).StockTradeStream.retention_hours = 100_000), "maximum"],
    ["a name breaking its pattern", (spec) => void (spec.name = "Stock Trades"), "pattern"],
    ["a value outside its enum", (spec) => void (streams(spec).StockTradeStream.capacity = "provisionned"), "enum"],
    ["a role with both assumed_by and arn", (spec) => {
      const producers = spec.producers as { [key: string]: { role: { [key: string]: Json } } };
      producers["trade-ingest"].role.arn = "arn:aws:iam::123456789012:role/x";
    }, "not"],
    ["shards without provisioned capacity", (spec) => void (streams(spec).StockTradeStream.shards = 2), "not"],
    ["a stream listed twice", (spec) => {
      const producers = spec.producers as { [key: string]: { streams: Json[] } };
      producers["trade-ingest"].streams.push(producers["trade-ingest"].streams[0]);
    }, "uniqueItems"],
    ["an account id with 11 digits", (spec) => void ((spec.owner as { [key: string]: Json }).account = 12345678901), "anyOf"],
  ];
  test.each(cases)("%s", (_title, edit, keyword) => {
    const spec = stockTrades();
    expect(satisfies(schema, spec)).toBe(true);
    edit(spec);
    expect(checkAgainstSchema(schema, spec).map((error) => error.keyword)).toContain(keyword);
  });

  test("the checker refuses a keyword it does not implement instead of ignoring it", () => {
    expect(() => satisfies({ type: "object", patternProperties: { x: false } }, {})).toThrow(/unsupported keyword "patternProperties"/);
  });
});

/**
 * The bad-spec corpus through the schema. Codes KG1010-KG1021, KG1024 and KG1025 are the
 * loader's shape checks, which the schema expresses; KG1023 and KG2xxx need more than one field or the spec's meaning,
 * so a spec with only those is valid to the schema. YAML-level cases have no JSON form.
 */
describe("the schema and the loader agree on the bad-spec corpus", () => {
  const SHAPE = (code: DiagnosticCode): boolean => (code >= "KG1010" && code <= "KG1021") || code === "KG1024" || code === "KG1025" || code === "KG1027";
  const cases: BadSpec[] = [...YAML_INPUT_CASES, ...FIELD_CASES, ...KEY_AND_STREAM_CASES, ...PARTY_CASES, ...SHARE_CASES];
  const comparable = cases.filter((c) => c.code >= "KG1010");

  test.each(comparable.map((c) => [c.title, c] as const))("%s", (_title, badSpec) => {
    const document = parseDocument(badSpec.text);
    expect(document.errors).toEqual([]);
    const errorCodes = [...((badSpec.severity ?? "error") === "error" ? [badSpec.code] : []), ...(badSpec.also ?? [])];
    expect(satisfies(schema, document.toJS() as Json)).toBe(!errorCodes.some(SHAPE));
  });

  test("covers every shape code", () => {
    const covered = new Set(comparable.map((c) => c.code));
    const shapeCodes = ["KG1010", "KG1011", "KG1012", "KG1013", "KG1014", "KG1015", "KG1016", "KG1017", "KG1018", "KG1019", "KG1020", "KG1021", "KG1024", "KG1025", "KG1027"];
    expect(shapeCodes.filter((code) => !covered.has(code as DiagnosticCode))).toEqual([]);
  });
});
