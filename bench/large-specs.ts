/**
 * Specs of a few hundred kilobytes (the limit is 1 MiB), shaped to find work that grows faster
 * than the input: quadratic duplicate-key checks, locating, did-you-mean over every pair of
 * names. Before the fixes they guard, the slowest took many minutes.
 *
 * test/spec/large-specs.test.ts checks what kgen reports for each; `npm run bench` times
 * validation against parsing the same text on the same machine (run.ts, largeSpecRows), because
 * a timed assertion in a test fails whenever the machine is busy.
 */

/** A valid header (lines 1-5) the cases build on. */
const HEADER = 'version: 1\nname: trades\nowner:\n  account: "123456789012"\n  region: us-east-1\n';

export interface LargeSpec {
  name: string;
  text: string;
  /**
   * The bound on validation in ms, when it is absolute; otherwise validation may take at most
   * 4 × parsing the same text + 1 s. (Parsing 500 KB of YAML takes about a second by itself.)
   */
  limitMs?: number;
}

function lines(count: number, line: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => line(index)).join("");
}

const name = (prefix: string, index: number, length: number): string => `${prefix}${String(index).padStart(6, "0")}`.padEnd(length, "x");

/** a, a_, a., a-, a__, a_., ...: every one becomes the Terraform identifier `a`. */
const suffix = (i: number): string => (i === 0 ? "" : suffix(Math.floor(i / 3)) + "_.-"[i % 3]);

const PRODUCER = "role: {assumed_by: [ec2.amazonaws.com]}";

export const LARGE_SPECS = {
  duplicateKeys: {
    name: "one mapping with 25,000 keys, one duplicated",
    text: HEADER + "streams:\n" + lines(25_000, (i) => `  s${i}: {}\n`) + "  s7: {}\n",
  },
  warnings: {
    name: "18,000 warnings, each located in the spec",
    text: HEADER + "streams:\n" + lines(18_000, (i) => `  s${i}: {encryption: none}\n`),
  },
  longReferences: {
    name: "2,000 undefined references among 2,000 long stream names",
    text:
      HEADER +
      "streams:\n" +
      lines(2_000, (i) => `  ${name("s", i, 120)}: {}\n`) +
      `producers:\n  p:\n    ${PRODUCER}\n    streams:\n` +
      lines(2_000, (i) => `      - ${name("t", i, 120)}\n`),
  },
  shortReferences: {
    name: "10,000 short undefined references among 10,000 streams",
    text:
      HEADER +
      "streams:\n" +
      lines(10_000, (i) => `  s${i}: {}\n`) +
      `producers:\n  p:\n    ${PRODUCER}\n    streams:\n` +
      lines(10_000, (i) => `      - t${i}\n`),
  },
  // A small text, but 91,000 problems: the work follows the expanded nodes, which conform.ts caps
  // at 100,000, so the bound is absolute here.
  aliasedReferences: {
    name: "1,000 undefined references, repeated through an alias 91 times",
    text:
      HEADER +
      "streams:\n" +
      lines(1_000, (i) => `  ${name("s", i, 60)}: {}\n`) +
      "producers:\n" +
      `  p0: {${PRODUCER}, streams: &refs [${lines(1_000, (i) => `t${i}, `)}]}\n` +
      lines(90, (i) => `  p${i + 1}: {${PRODUCER}, streams: *refs}\n`),
    limitMs: 10_000,
  },
  oneIdentifier: {
    name: "15,000 names that map to one Terraform identifier",
    text: HEADER + "streams:\n" + lines(15_000, (i) => `  a${suffix(i)}: {}\n`),
  },
  misspeltFields: {
    name: "10,000 unknown fields with long misspelt names",
    text: HEADER + "streams:\n  A:\n" + lines(10_000, (i) => `    ${name("retention_hour", i, 80)}: 1\n`),
  },
} satisfies Record<string, LargeSpec>;
