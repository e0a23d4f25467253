/**
 * When kgen itself fails, the user learns it is kgen's fault, exit 4, and the output folder is as
 * it was; when the spec is wrong, the user never sees a stack trace. Faults are injected into the
 * real binary by a script `node --require`s before kgen (support/faults.ts): a rule that throws, a
 * crash while staging files, a crash or a refused rename in the middle of moving them into place.
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import type { Console } from "../../src/cli/report";
import { dropPartnerShare } from "../support/examples";
import { kgenWithFault, removeFaultScript, type Result } from "../support/faults";
import { editedPreviousRun, newWork, tree } from "../support/scratch";
import type { BadSpec } from "../spec/corpus/base";
import { FIELD_CASES } from "../spec/corpus/fields";
import { KEY_AND_STREAM_CASES } from "../spec/corpus/keys-and-streams";
import { PARTY_CASES } from "../spec/corpus/parties";
import { SHARE_CASES } from "../spec/corpus/shares";
import { YAML_INPUT_CASES } from "../spec/corpus/yaml-input";

const STACK_LINE = /^\s+at /m;

let work: string;
/** A finished run's output folder, made once (see previousRun). */
let template: string;

function kgen(args: string[], fault?: string, at?: number): Result {
  return kgenWithFault(work, args, fault, at);
}

function expectInternalError(result: Result): void {
  expect(result.code).toBe(4);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain("kgen: internal error: ");
  expect(result.stderr).toContain("This is a bug in kgen, not in your spec. Please report it");
}

// Three modules from one spec: the owner module and two companions.
const SYNTH = ["synth", "examples/trade-sharing.yaml", "--out", "out"];

beforeAll(() => {
  template = editedPreviousRun(SYNTH).template;
});

beforeEach(() => {
  work = newWork("internal");
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

afterAll(() => {
  rmSync(join(template, ".."), { recursive: true, force: true });
  removeFaultScript();
});

/** The previous run's output, in this test's folder. */
function previousRun(): Record<string, string> {
  cpSync(template, join(work, "out"), { recursive: true });
  return tree(join(work, "out"));
}

describe("an exception inside kgen", () => {
  test("in a rule: validate and synth say internal error, exit 4 and write nothing", () => {
    expectInternalError(kgen(["validate", "examples/stock-trades.yaml"], "rule"));
    expectInternalError(kgen([...SYNTH, "--format", "json"], "rule"));
    expect(existsSync(join(work, "out"))).toBe(false);
  });

  test("while staging the second module: no module folder is touched", () => {
    const before = previousRun();
    expectInternalError(kgen(SYNTH, "stage", 2));
    expect(tree(join(work, "out"))).toEqual(before);
  });

  test.each([1, 20])("at rename %i of moving files into place: everything is moved back", (at) => {
    const before = previousRun();
    expectInternalError(kgen(SYNTH, "rename", at));
    expect(tree(join(work, "out"))).toEqual(before);
  });

  test("after retiring the companion of an account that left the spec: that folder is back too", () => {
    const before = previousRun();
    dropPartnerShare(work);
    // The retired folder's 7 files (6 and the manifest) are moved aside first; rename 12 is later.
    expectInternalError(kgen(SYNTH, "rename", 12));
    expect(tree(join(work, "out"))).toEqual(before);
    expect(kgen(SYNTH).code).toBe(0);
    expect(existsSync(join(work, "out", "trade-sharing-444455556666"))).toBe(false);
  });

  test("into a fresh output folder: no half-written module is left", () => {
    expectInternalError(kgen(SYNTH, "rename", 9));
    expect(existsSync(join(work, "out"))).toBe(false);
  });

  test("and when moving back fails too, the previous files are kept in the named staging folder", () => {
    const before = previousRun();
    const result = kgen(SYNTH, "rename-and-undo", 5);
    expectInternalError(result);
    const kept = /they are in (\S+?\.kgen-run-\w+), and the next kgen synth restores them/.exec(result.stderr)?.[1];
    expect(kept).toBeDefined();
    const previous = Object.entries(tree(join(work, kept ?? "", "modules"))).filter(([path]) => /^[^/]+\/old\/.+[^/]$/.test(path));
    expect(previous.length).toBeGreaterThan(0);
    for (const [, content] of previous) expect(Object.values(before)).toContain(content);
    // The next run restores them, says so, then writes.
    const check = kgen([...SYNTH, "--check"]);
    expect(check.code).toBe(3);
    expect(check.stderr).toContain(`${kept}: left by an interrupted kgen run; run kgen synth to recover it`);
    const next = kgen(SYNTH);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(`kgen: ${kept}: an interrupted run had begun to write trade-sharing, trade-sharing-444455556666, trade-sharing-analytics; restored their previous files`);
    expect(kgen([...SYNTH, "--check"]).code).toBe(0);
  });
});

describe("not kgen's fault: a clear message, exit 2, no stack trace, nothing changed", () => {
  test("the file system refuses a rename", () => {
    const before = previousRun();
    const result = kgen(SYNTH, "rename-refused", 3);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^kgen: cannot write .*: EACCES \(rename\); nothing was written$/m);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(tree(join(work, "out"))).toEqual(before);
  });

  test.each([
    ["not JSON", "{"],
    ["a path outside the folder", JSON.stringify({ files: ["../../victim.txt"] })],
  ])("a hand-edited manifest: %s", (_what, manifest) => {
    previousRun();
    writeFileSync(join(work, "victim.txt"), "mine\n");
    writeFileSync(join(work, "out", "trade-sharing-analytics", ".kgen-manifest.json"), manifest);
    const before = tree(work);
    const result = kgen(SYNTH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "out/trade-sharing-analytics/.kgen-manifest.json is not a kgen manifest; remove it to let kgen write this folder",
    );
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(tree(work)).toEqual(before);
  });

  test("a file of the user's where kgen would write one: refused, not overwritten", () => {
    // A module folder of the user's own, without a manifest, where kgen would write stock-trades.
    mkdirSync(join(work, "out", "trade-sharing"), { recursive: true });
    writeFileSync(join(work, "out", "trade-sharing", "main.tf"), "# my own main.tf\n");
    const before = tree(work);
    const result = kgen(SYNTH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("out/trade-sharing/main.tf was not written by kgen");
    expect(tree(work)).toEqual(before);
  });
});

describe("a spec problem never prints a stack trace", () => {
  const CASES: BadSpec[] = [...YAML_INPUT_CASES, ...FIELD_CASES, ...KEY_AND_STREAM_CASES, ...PARTY_CASES, ...SHARE_CASES];

  // In-process, through the same entry point as the binary, for speed: every corpus case.
  test.each(CASES.map((c) => [c.title, c] as const))("%s", async (_title, badSpec) => {
    const spec = join(work, "spec.yaml");
    writeFileSync(spec, badSpec.text);
    const out = join(work, "out");
    for (const args of [["validate", spec], ["synth", spec, "--out", out], ["validate", "--format", "json", spec]]) {
      const lines: string[] = [];
      const io: Console = { out: (line) => lines.push(line), err: (line) => lines.push(line) };
      const code = await run(args, io, {});
      const printed = lines.join("\n");
      // Exit 1, or 0 for a case whose only finding is a warning.
      expect([args.join(" "), code]).toEqual([args.join(" "), badSpec.severity === "warning" && !badSpec.also ? 0 : 1]);
      expect(printed).not.toMatch(STACK_LINE);
      expect(printed).not.toContain("internal error");
      if (code === 1) expect(existsSync(out)).toBe(false);
      rmSync(out, { recursive: true, force: true });
    }
  });
});
