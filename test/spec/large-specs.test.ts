/**
 * Specs of a few hundred kilobytes (the limit is 1 MiB), shaped to find work that grows faster
 * than the input. Parsing a large YAML file takes a while by itself (`yaml` needs about a second
 * for 500 KB), so the bound is relative: all of validation may take a few times what parsing the
 * same text takes on the same machine. The output stays in proportion too. Before the fixes these
 * guard, the slowest of them took many minutes (quadratic duplicate-key checks, locating, and
 * did-you-mean over every pair of names).
 */
import { MAX_DIAGNOSTICS } from "../../src/spec/diagnostics";
import { validateSpec } from "../../src/spec/rules";
import { MAX_SPEC_BYTES, parseSpecSource } from "../../src/spec/yaml-source";
import { HEADER } from "./spec-text";

function elapsed(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number((process.hrtime.bigint() - started) / 1_000_000n);
}

/** Validation of `text`, checked to take at most 4 × its parsing time + 1 s (or `limit` ms). */
function validatedQuickly(text: string, limit?: number): ReturnType<typeof validateSpec> {
  expect(Buffer.byteLength(text)).toBeLessThan(MAX_SPEC_BYTES);
  const parsing = elapsed(() => parseSpecSource("spec.yaml", text));
  let result: ReturnType<typeof validateSpec> = { diagnostics: [], locate: () => ({ line: 1, column: 1 }) };
  const validating = elapsed(() => {
    result = validateSpec("spec.yaml", text);
  });
  const bound = limit ?? 4 * parsing + 1000;
  expect({ quick: validating < bound, parsing, validating }).toEqual({ quick: true, parsing, validating });
  // The printout in proportion: at most MAX_DIAGNOSTICS, none repeating a long list back.
  expect(result.diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS);
  for (const d of result.diagnostics) expect(d.message.length + d.hint.length).toBeLessThan(5_000);
  return result;
}

function lines(count: number, line: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => line(index)).join("");
}

const name = (prefix: string, index: number, length: number): string =>
  `${prefix}${String(index).padStart(6, "0")}`.padEnd(length, "x");

describe("large specs", () => {
  test("one mapping with 25,000 keys (duplicate keys found in linear time)", () => {
    const text = HEADER + "streams:\n" + lines(25_000, (i) => `  s${i}: {}\n`) + "  s7: {}\n";
    const result = validatedQuickly(text);
    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(["KG1002 streams.s7"]);
  });

  test("18,000 warnings, each located in the spec", () => {
    const text = HEADER + "streams:\n" + lines(18_000, (i) => `  s${i}: {encryption: none}\n`);
    const result = validatedQuickly(text);
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

  test("2,000 undefined references among 2,000 long stream names (suggestions stay cheap)", () => {
    const text =
      HEADER +
      "streams:\n" +
      lines(2_000, (i) => `  ${name("s", i, 120)}: {}\n`) +
      "producers:\n  p:\n    role: {assumed_by: [ec2.amazonaws.com]}\n    streams:\n" +
      lines(2_000, (i) => `      - ${name("t", i, 120)}\n`);
    const result = validatedQuickly(text);
    expect(result.diagnostics.filter((d) => d.code === "KG2002")).toHaveLength(999);
    expect(result.diagnostics[999].message).toMatch(/^1001 more problems \(1001 errors/);
  });

  test("10,000 short undefined references among 10,000 streams", () => {
    const text =
      HEADER +
      "streams:\n" +
      lines(10_000, (i) => `  s${i}: {}\n`) +
      "producers:\n  p:\n    role: {assumed_by: [ec2.amazonaws.com]}\n    streams:\n" +
      lines(10_000, (i) => `      - t${i}\n`);
    const result = validatedQuickly(text);
    expect(result.diagnostics[999].message).toMatch(/^9001 more problems/);
  });

  // A small text, but 91,000 problems: the work follows the expanded nodes, which conform.ts caps
  // at 100,000, so the bound is absolute here.
  test("the same 1,000 undefined references, repeated through an alias 91 times", () => {
    const references = lines(1_000, (i) => `t${i}, `);
    const text =
      HEADER +
      "streams:\n" +
      lines(1_000, (i) => `  ${name("s", i, 60)}: {}\n`) +
      "producers:\n" +
      `  p0: {role: {assumed_by: [ec2.amazonaws.com]}, streams: &refs [${references}]}\n` +
      lines(90, (i) => `  p${i + 1}: {role: {assumed_by: [ec2.amazonaws.com]}, streams: *refs}\n`);
    expect(validatedQuickly(text, 10_000).diagnostics[999].message).toMatch(/^90001 more problems/);
  });

  test("15,000 names that map to one Terraform identifier", () => {
    // a, a_, a., a-, a__, a_., ...: every one becomes the identifier `a`.
    const suffix = (i: number): string => (i === 0 ? "" : suffix(Math.floor(i / 3)) + "_.-"[i % 3]);
    const text = HEADER + "streams:\n" + lines(15_000, (i) => `  a${suffix(i)}: {}\n`);
    const result = validatedQuickly(text);
    expect(result.diagnostics.filter((d) => d.code === "KG2004")).toHaveLength(999);
  });

  test("10,000 unknown fields with long misspelt names", () => {
    const text = HEADER + "streams:\n  A:\n" + lines(10_000, (i) => `    ${name("retention_hour", i, 80)}: 1\n`);
    const result = validatedQuickly(text);
    expect(result.diagnostics.filter((d) => d.code === "KG1010")).toHaveLength(999);
  });
});
