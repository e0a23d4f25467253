/**
 * Specs just under the 1 MiB limit, shaped to find work that grows faster than the input: every
 * one of them is answered in seconds, and with output whose size stays in proportion. Each bound
 * is generous (CI machines are slow); without the fixes they guard, these took minutes or hours.
 */
import { validateSpec } from "../../src/spec/rules";
import { MAX_SPEC_BYTES } from "../../src/spec/yaml-source";
import { HEADER } from "./spec-text";

const SECONDS = 5;

function validatedQuickly(text: string): ReturnType<typeof validateSpec> {
  expect(Buffer.byteLength(text)).toBeLessThan(MAX_SPEC_BYTES);
  const started = Date.now();
  const result = validateSpec("spec.yaml", text);
  expect(Date.now() - started).toBeLessThan(SECONDS * 1000);
  // Every diagnostic in proportion: no message or hint repeats the whole spec back.
  const printed = result.diagnostics.reduce((total, d) => total + d.message.length + d.hint.length, 0);
  expect(printed).toBeLessThan(20 * MAX_SPEC_BYTES);
  return result;
}

function lines(count: number, line: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => line(index)).join("");
}

const name = (prefix: string, index: number, length: number): string =>
  `${prefix}${String(index).padStart(6, "0")}`.padEnd(length, "x");

describe("large specs", () => {
  test("one mapping with 50,000 keys (duplicate keys found in linear time)", () => {
    const text = HEADER + "streams:\n" + lines(50_000, (i) => `  s${i}: {}\n`) + "  s7: {}\n";
    const result = validatedQuickly(text);
    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(["KG1002 streams.s7"]);
  });

  test("40,000 warnings, each located in the spec", () => {
    const text = HEADER + "streams:\n" + lines(40_000, (i) => `  s${i}: {encryption: none}\n`);
    const result = validatedQuickly(text);
    expect(result.diagnostics).toHaveLength(40_000);
    expect(result.diagnostics[39_999]).toMatchObject({ code: "KG2010", line: 40_006 });
  });

  test("2,000 undefined references among 2,000 long stream names (suggestions stay cheap)", () => {
    const text =
      HEADER +
      "streams:\n" +
      lines(2_000, (i) => `  ${name("s", i, 120)}: {}\n`) +
      "producers:\n  p:\n    role: {assumed_by: [ec2.amazonaws.com]}\n    streams:\n" +
      lines(2_000, (i) => `      - ${name("t", i, 120)}\n`);
    const result = validatedQuickly(text);
    expect(result.diagnostics.filter((d) => d.code === "KG2002")).toHaveLength(2_000);
  });

  test("20,000 short undefined references among 20,000 streams", () => {
    const text =
      HEADER +
      "streams:\n" +
      lines(20_000, (i) => `  s${i}: {}\n`) +
      "producers:\n  p:\n    role: {assumed_by: [ec2.amazonaws.com]}\n    streams:\n" +
      lines(20_000, (i) => `      - t${i}\n`);
    const result = validatedQuickly(text);
    expect(result.diagnostics.filter((d) => d.code === "KG2002")).toHaveLength(20_000);
  });

  test("the same undefined references, repeated through an alias", () => {
    const references = lines(1_000, (i) => `t${i}, `);
    const text =
      HEADER +
      "streams:\n" +
      lines(1_000, (i) => `  ${name("s", i, 60)}: {}\n`) +
      "producers:\n" +
      `  p0: {role: {assumed_by: [ec2.amazonaws.com]}, streams: &refs [${references}]}\n` +
      lines(90, (i) => `  p${i + 1}: {role: {assumed_by: [ec2.amazonaws.com]}, streams: *refs}\n`);
    validatedQuickly(text);
  });

  test("30,000 names that map to one Terraform identifier", () => {
    // a, a_, a., a-, a__, a_., ...: every one becomes the identifier `a`.
    const suffix = (i: number): string => (i === 0 ? "" : suffix(Math.floor(i / 3)) + "_.-"[i % 3]);
    const text = HEADER + "streams:\n" + lines(30_000, (i) => `  a${suffix(i)}: {}\n`);
    const result = validatedQuickly(text);
    expect(result.diagnostics.filter((d) => d.code === "KG2004").length).toBeGreaterThan(1_000);
  });

  test("10,000 unknown fields with long misspelt names", () => {
    const text = HEADER + "streams:\n  A:\n" + lines(10_000, (i) => `    ${name("retention_hour", i, 80)}: 1\n`);
    const result = validatedQuickly(text);
    expect(result.diagnostics.filter((d) => d.code === "KG1010")).toHaveLength(10_000);
  });
});
