/**
 * Specs of a few hundred kilobytes (bench/large-specs.ts), shaped to find work that grows faster
 * than the input: what kgen reports for each. How long validation takes is the bench's
 * (`npm run bench` times each against parsing the same text): a timed assertion here would fail
 * whenever the machine is busy.
 */
import { LARGE_SPECS } from "../../bench/large-specs";
import { MAX_DIAGNOSTICS } from "../../src/spec/diagnostics";
import { validateSpec } from "../../src/spec/rules";
import { MAX_SPEC_BYTES } from "../../src/spec/yaml-source";

/** Validation of `text`, whose printout stays in proportion: at most MAX_DIAGNOSTICS, none repeating a long list back. */
function validated(text: string): ReturnType<typeof validateSpec> {
  expect(Buffer.byteLength(text)).toBeLessThan(MAX_SPEC_BYTES);
  const result = validateSpec("spec.yaml", text);
  expect(result.diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS);
  for (const d of result.diagnostics) expect(d.message.length + d.hint.length).toBeLessThan(5_000);
  return result;
}

describe("large specs", () => {
  test("one mapping with 25,000 keys (the duplicate key found)", () => {
    const result = validated(LARGE_SPECS.duplicateKeys.text);
    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(["KG1002 streams.s7"]);
  });

  test("18,000 warnings, each located in the spec", () => {
    const result = validated(LARGE_SPECS.warnings.text);
    // Reported up to the limit; the last diagnostic counts the rest, from where they start.
    expect(result.diagnostics).toHaveLength(1_000);
    expect(result.diagnostics[998]).toMatchObject({ code: "KG2010", line: 1_005 });
    expect(result.diagnostics[999]).toMatchObject({
      code: "KG1007",
      severity: "warning",
      line: 1_006,
      message: expect.stringMatching(/^17001 more problems \(0 errors, 17001 warnings\)/),
    });
  });

  test("2,000 undefined references among 2,000 long stream names", () => {
    const result = validated(LARGE_SPECS.longReferences.text);
    expect(result.diagnostics.filter((d) => d.code === "KG2002")).toHaveLength(999);
    expect(result.diagnostics[999].message).toMatch(/^1001 more problems \(1001 errors/);
  });

  test("10,000 short undefined references among 10,000 streams", () => {
    expect(validated(LARGE_SPECS.shortReferences.text).diagnostics[999].message).toMatch(/^9001 more problems/);
  });

  test("the same 1,000 undefined references, repeated through an alias 91 times", () => {
    expect(validated(LARGE_SPECS.aliasedReferences.text).diagnostics[999].message).toMatch(/^90001 more problems/);
  });

  test("15,000 names that map to one Terraform identifier", () => {
    const result = validated(LARGE_SPECS.oneIdentifier.text);
    expect(result.diagnostics.filter((d) => d.code === "KG2004")).toHaveLength(999);
  });

  test("10,000 unknown fields with long misspelt names", () => {
    const result = validated(LARGE_SPECS.misspeltFields.text);
    expect(result.diagnostics.filter((d) => d.code === "KG1010")).toHaveLength(999);
  });
});
