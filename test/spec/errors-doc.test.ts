/**
 * docs/errors.md, kept true by this test: its list of codes is generated from CODES, with an
 * example of each taken from what kgen prints for the bad-spec corpus; its examples, exit codes,
 * JSON keys and editor line are checked against the code. To regenerate the list:
 *
 *   KGEN_WRITE_DOCS=1 npx jest test/spec/errors-doc.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT } from "../../src/cli/exit-codes";
import { toJson } from "../../src/cli/report";
import { sharedModuleFolders, stateChangeWarnings } from "../../src/cli/synth";
import { compileSpec } from "../../src/compile";
import { CODES, formatDiagnostic, type Diagnostic, type DiagnosticCode } from "../../src/spec/diagnostics";
import { validateSpec } from "../../src/spec/rules";
import { readExample, EXAMPLES_DIR, ROOT } from "../support/examples";
import type { BadSpec } from "./corpus/base";
import { FIELD_CASES } from "./corpus/fields";
import { KEY_AND_STREAM_CASES } from "./corpus/keys-and-streams";
import { PARTY_CASES } from "./corpus/parties";
import { RENAME_CASES } from "./corpus/renames";
import { SHARE_CASES } from "./corpus/shares";
import { YAML_INPUT_CASES } from "./corpus/yaml-input";

const DOC_FILE = join(ROOT, "docs", "errors.md");
const BEGIN = /^<!-- BEGIN codes: .* -->$/m;
const END = "<!-- END codes -->";
const CORPUS: BadSpec[] = [...YAML_INPUT_CASES, ...FIELD_CASES, ...KEY_AND_STREAM_CASES, ...PARTY_CASES, ...SHARE_CASES, ...RENAME_CASES];

/** Codes emitted after validation, by compile.ts: an example spec for each. */
const AFTER_VALIDATION: Partial<Record<DiagnosticCode, string>> = {
  KG3001: `version: 1
name: limits
owner: {account: "123456789012", region: us-west-2}
accounts: {partner: "111122223333"}
keys: {k: {}}
streams:
  s: {encryption: k}
shares:
  big:
    account: partner
    streams: [s]
    access: read
    principals:
${Array.from({ length: 300 }, (_, i) => `      - arn:aws:iam::111122223333:role/reader-with-a-rather-long-role-name-${String(i).padStart(4, "0")}`).join("\n")}
`,
  KG3002: `version: 1
name: limits
owner: {account: "123456789012", region: us-west-2}
streams:
${Array.from({ length: 22 }, (_, i) => `  market-data-feed-${String(i).padStart(2, "0")}-with-a-long-descriptive-name: {}`).join("\n")}
consumers:
  c:
    streams: [${Array.from({ length: 22 }, (_, i) => `market-data-feed-${String(i).padStart(2, "0")}-with-a-long-descriptive-name`).join(", ")}]
    role: {assumed_by: [ec2.amazonaws.com]}
`,
};

/** Spec changes that replace resources (a video stream's retention, a party moving to an existing role) or that Terraform cannot apply (a video stream leaving its key). */
const STATE_CHANGES: Array<[string, string, string]> = [
  ["store-cameras.yaml", "retention_hours: 72", "retention_hours: 48"],
  ["store-cameras.yaml", "retention_hours: 72\n    encryption: media", "retention_hours: 72\n    encryption: aws-managed"],
  ["stock-trades.yaml", "assumed_by: [ec2.amazonaws.com]\n\nconsumers", "arn: arn:aws:iam::123456789012:role/TradeIngest\n\nconsumers"],
];

/** One real diagnostic per code: the first corpus case of that code, or a compiled example. */
async function examplesByCode(): Promise<Map<string, Diagnostic>> {
  const examples = new Map<string, Diagnostic>();
  for (const badSpec of CORPUS) {
    if (examples.has(badSpec.code)) continue;
    const found = validateSpec("spec.yaml", badSpec.text).diagnostics.find((d) => d.code === badSpec.code && d.path === badSpec.path);
    if (found) examples.set(badSpec.code, found);
  }
  for (const [code, text] of Object.entries(AFTER_VALIDATION)) {
    const found = (await compileSpec("spec.yaml", text)).diagnostics.find((d) => d.code === code);
    if (found) examples.set(code, found);
  }
  // Across specs, by `kgen synth`: two specs with one name.
  const stockTrades = readExample(join(EXAMPLES_DIR, "stock-trades.yaml"));
  const specs = [
    { file: "other.yaml", text: stockTrades },
    { file: "spec.yaml", text: stockTrades },
  ];
  const [clash] = sharedModuleFolders(specs, await Promise.all(specs.map(({ file, text }) => compileSpec(file, text))));
  if (clash) examples.set(clash.code, clash);
  // Across runs, by `kgen synth`: a change to what the previous run wrote.
  for (const [example, from, to] of STATE_CHANGES) {
    const before = readExample(join(EXAMPLES_DIR, example));
    const previous = new Map((await compileSpec("spec.yaml", before)).modules.map((m) => [m.name, [...m.files.values()]]));
    const after = [{ file: "spec.yaml", text: before.replace(from, to) }];
    for (const warning of stateChangeWarnings((m) => previous.get(m.name) ?? [], after, [await compileSpec("spec.yaml", after[0].text)])) {
      if (!examples.has(warning.code)) examples.set(warning.code, warning);
    }
  }
  return examples;
}

/** The generated list: a heading per code (linkable as #kg1010), its meaning and an example. */
function codeList(examples: Map<string, Diagnostic>): string {
  return Object.entries(CODES)
    .map(([code, meaning]) => {
      const example = examples.get(code);
      const printed = example === undefined ? "" : `\n\n\`\`\`\n${shorten(formatDiagnostic(example))}\n\`\`\``;
      return `### ${code}\n\n${meaning}${printed}`;
    })
    .join("\n\n");
}

/** Corpus cases repeat long values (a 129-character name) that say nothing more in print. */
function shorten(line: string): string {
  return line.replace(/([^\s"])\1{39,}/g, (run) => `${run.slice(0, 12)}...${run.slice(-4)}`);
}

function withCodeList(doc: string, list: string): string {
  const begin = BEGIN.exec(doc);
  const end = doc.indexOf(END);
  if (!begin || end < begin.index) throw new Error("docs/errors.md lost its BEGIN codes / END codes markers");
  const head = doc.slice(0, begin.index + begin[0].length);
  return `${head}\n\n${list}\n\n${doc.slice(end)}`;
}

describe("docs/errors.md", () => {
  const doc = readFileSync(DOC_FILE, "utf8");

  test("lists every code of CODES, with its meaning and a real example, as generated", async () => {
    const examples = await examplesByCode();
    // Every code has an example: a code kgen cannot be made to print is dead or untested.
    expect(Object.keys(CODES).filter((code) => !examples.has(code))).toEqual([]);
    const expected = withCodeList(doc, codeList(examples));
    if (process.env.KGEN_WRITE_DOCS === "1") writeFileSync(DOC_FILE, expected);
    else expect(doc).toBe(expected);
  });

  test("mentions every code", () => {
    for (const code of Object.keys(CODES)) expect([code, doc.includes(`### ${code}\n`)]).toEqual([code, true]);
  });

  test("its exit code table has a row for every exit code", () => {
    const rows = [...doc.matchAll(/^\| `(\d)` \|/gm)].map((match) => Number(match[1]));
    expect(rows).toEqual(Object.values(EXIT));
  });

  test("its JSON table lists the keys of --format json, in order", () => {
    const table = doc.slice(doc.indexOf("| key | type |"));
    const keys = [...table.matchAll(/^\| `(\w+)` \| (?:string|number) \|/gm)].map((match) => match[1]);
    const sample = toJson(validateSpec("spec.yaml", "version: 1\n").diagnostics[0]);
    expect(keys).toEqual(Object.keys(sample));
  });

  test("its JSON example is what kgen prints for examples/clickstream.yaml", () => {
    const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? "";
    const actual = validateSpec("examples/clickstream.yaml", readExample(join(EXAMPLES_DIR, "clickstream.yaml"))).diagnostics.map(toJson);
    expect(block).toBe(JSON.stringify(actual, null, 2));
  });

  test("its first example is what kgen prints for a misspelt field in examples/stock-trades.yaml", () => {
    const line = /^examples\/bad\.yaml:.*$/m.exec(doc)?.[0];
    const text = readExample(join(EXAMPLES_DIR, "stock-trades.yaml")).replace("encryption: trades", "encryptoin: trades");
    const [first] = validateSpec("examples/bad.yaml", text).diagnostics;
    expect(line).toBe(formatDiagnostic(first));
  });

  test("its editor line is the one the examples start with", () => {
    const first = readExample(join(EXAMPLES_DIR, "stock-trades.yaml")).split("\n")[0];
    expect(doc).toContain(`\`\`\`yaml\n${first}\n`);
  });
});
