/**
 * The bad-spec corpus (corpus/): each case is a spec a user could write, the one diagnostic it
 * must produce (code, spec path, line, column) and nothing else. Together the cases cover every
 * code of the CODES table that validation emits, which the last test enforces.
 */
import { CODES } from "../../src/spec/diagnostics";
import { validateSpec } from "../../src/spec/rules";
import type { BadSpec } from "./corpus/base";
import { FIELD_CASES } from "./corpus/fields";
import { KEY_AND_STREAM_CASES } from "./corpus/keys-and-streams";
import { PARTY_CASES } from "./corpus/parties";
import { RENAME_CASES } from "./corpus/renames";
import { SHARE_CASES } from "./corpus/shares";
import { YAML_INPUT_CASES } from "./corpus/yaml-input";

const CASES: BadSpec[] = [
  ...YAML_INPUT_CASES,
  ...FIELD_CASES,
  ...KEY_AND_STREAM_CASES,
  ...PARTY_CASES,
  ...SHARE_CASES,
  ...RENAME_CASES,
];

describe("bad specs", () => {
  test.each(CASES.map((c) => [c.title, c] as const))("%s", (_title, badSpec) => {
    const result = validateSpec("spec.yaml", badSpec.text);
    const found = result.diagnostics.find((d) => d.code === badSpec.code && d.path === badSpec.path);
    expect(found).toEqual({
      code: badSpec.code,
      severity: badSpec.severity ?? "error",
      file: "spec.yaml",
      line: badSpec.line,
      column: badSpec.column,
      path: badSpec.path,
      message: expect.stringMatching(/\S/),
      hint: expect.stringMatching(/\S/),
    });
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual([badSpec.code, ...(badSpec.also ?? [])].sort());
    if ((badSpec.severity ?? "error") === "error") expect(result.spec).toBeUndefined();
  });

  test("the corpus covers every diagnostic code of validation", () => {
    const covered = new Set<string>(CASES.map((c) => c.code));
    const emittedAfterValidation = new Set(["KG2030", "KG3001", "KG3002", "KG4001", "KG4002", "KG4003"]);
    const uncovered = Object.keys(CODES).filter((code) => !covered.has(code) && !emittedAfterValidation.has(code));
    expect(uncovered).toEqual([]);
  });

  test("titles are unique, so a failure names one case", () => {
    expect(new Set(CASES.map((c) => c.title)).size).toBe(CASES.length);
  });
});
