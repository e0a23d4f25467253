/**
 * A `kgen synth` killed (SIGKILL), interrupted (Ctrl-C: SIGINT) or out of disk (ENOSPC) in the
 * middle of moving files into place: the output folder then holds a mix of old and new files and
 * kgen's staging folder. `--check` fails while it is there; the next `synth` says what it finds
 * and puts every module back to its previous files (or, once the commit was complete, keeps the
 * new ones), then writes. The real binary, with faults from support/faults.ts; every step of a
 * commit is covered in-process by test/output/commit.test.ts.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { kgenWithFault, removeFaultScript, type Result } from "../support/faults";
import { editedPreviousRun, newWork, tree } from "../support/scratch";

let work: string;
let template: string;
/** The output of the previous run (every file but the manifests edited since), and of a clean run now. */
let before: Record<string, string>;
let after: Record<string, string>;

const SYNTH = ["synth", "examples/trade-sharing.yaml", "--out", "out"];
const CHECK = [...SYNTH, "--check"];

function kgen(args: string[], fault?: string, at?: number): Result {
  return kgenWithFault(work, args, fault, at);
}

function previousRun(): void {
  cpSync(template, join(work, "out"), { recursive: true });
}

/** Staging folders of kgen in the output folder. */
function stages(): string[] {
  return readdirSync(join(work, "out")).filter((name) => name.includes(".kgen-"));
}

/** The output folder without kgen's staging folders: what Terraform and git see. */
function modules(): Record<string, string> {
  return Object.fromEntries(Object.entries(tree(join(work, "out"))).filter(([path]) => !path.includes(".kgen-")));
}

beforeAll(() => {
  ({ template, generated: after } = editedPreviousRun(SYNTH));
  before = tree(template);
});

beforeEach(() => {
  work = newWork("interrupted");
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

afterAll(() => {
  rmSync(join(template, ".."), { recursive: true, force: true });
  removeFaultScript();
});

/**
 * After an interrupted run: --check fails naming the staging folder; the next synth recovers it
 * to the previous files (seen by crashing that run right after its recovery, before it plans
 * anything), and the one after writes the new modules.
 */
function expectRecoveredToPrevious(): void {
  const [stage] = stages();
  expect(stage).toBeDefined();
  const check = kgen(CHECK);
  expect(check.code).toBe(3);
  expect(check.stderr).toContain(`out/${stage}: left by an interrupted kgen run; run kgen synth to recover it`);
  const recovering = kgen(SYNTH, "stage", 1);
  expect(recovering.stderr).toContain(`kgen: out/${stage}: an interrupted run had begun to write trade-sharing, trade-sharing-444455556666, trade-sharing-analytics; restored their previous files`);
  expect(tree(join(work, "out"))).toEqual(before);
  expect(kgen(SYNTH).code).toBe(0);
  expect(tree(join(work, "out"))).toEqual(after);
  expect(kgen(CHECK).code).toBe(0);
}

// Rename 2 moves the first new file in (rename 1 moved the old one aside); by rename 19 some
// modules are complete and one is half done.
describe.each([
  ["SIGKILL", "kill", [2, 19]],
  ["SIGINT", "interrupt", [19]],
] as const)("killed by %s", (signal, fault, points) => {
  test.each(points)("at rename %i: a mix of files is left; the next run restores the previous ones", (at) => {
    previousRun();
    const killed = kgen(SYNTH, fault, at);
    expect(killed.signal).toBe(signal);
    expect(stages()).toHaveLength(1);
    // Some modules hold new files, some old (a rename moves one file aside, the next moves one in).
    expect(modules()).not.toEqual(before);
    expectRecoveredToPrevious();
  });
});

test("killed while removing the staging folder of a complete commit: the next run keeps the new files", () => {
  previousRun();
  expect(kgen(SYNTH, "kill-cleanup").signal).toBe("SIGKILL");
  const [stage] = stages();
  expect(kgen(CHECK).code).toBe(3);
  const next = kgen(SYNTH, "stage", 1);
  expect(next.stderr).toContain(`kgen: out/${stage}: an interrupted run had written every module`);
  expect(tree(join(work, "out"))).toEqual(after);
});

test("killed again while recovering: the run after finishes the recovery", () => {
  previousRun();
  expect(kgen(SYNTH, "kill", 19).signal).toBe("SIGKILL");
  // The recovery's third rename (it moves files back before anything else).
  expect(kgen(SYNTH, "kill", 3).signal).toBe("SIGKILL");
  expectRecoveredToPrevious();
});

describe("a full disk", () => {
  test.each([
    ["while staging", "full-disk", 3, "write"],
    ["when marking the commit complete, after every file was moved", "full-disk-marker", 1, "open"],
  ])("%s: exit 2, every module as it was, no staging folder left", (_when, fault, at, syscall) => {
    previousRun();
    const result = kgen(SYNTH, fault, at);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^kgen: cannot write .*: ENOSPC \\(${syscall}\\); nothing was written$`, "m"));
    expect(tree(join(work, "out"))).toEqual(before);
  });
});

describe("staging folders of kgen 0.1, which kept no journal", () => {
  test("--check fails naming one; synth removes it, names the module, and writes it", () => {
    previousRun();
    const legacy = join(work, "out", ".trade-sharing.kgen-AbC123");
    mkdirSync(join(legacy, "new"), { recursive: true });
    mkdirSync(join(legacy, "old"));
    writeFileSync(join(legacy, "new", "main.tf"), "# new\n");
    writeFileSync(join(legacy, "old", "keys.tf"), "# old\n");
    const check = kgen(CHECK);
    expect(check.code).toBe(3);
    expect(check.stderr).toContain("out/.trade-sharing.kgen-AbC123: left by an interrupted kgen run");
    const synth = kgen(SYNTH);
    expect(synth.code).toBe(0);
    expect(synth.stderr).toContain(
      "kgen: out/.trade-sharing.kgen-AbC123: removed the staging folder of an interrupted run of an earlier kgen, which kept no journal; module trade-sharing may hold a mix",
    );
    expect(tree(join(work, "out"))).toEqual(after);
  });

  test("one holding anything else is left alone, and the run refused", () => {
    previousRun();
    const odd = join(work, "out", ".trade-sharing.kgen-AbC123");
    mkdirSync(odd);
    writeFileSync(join(odd, "mine.txt"), "mine\n");
    const result = kgen(SYNTH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("out/.trade-sharing.kgen-AbC123 is named like a staging folder of kgen but holds other files");
    expect(tree(join(odd))).toEqual({ "mine.txt": "mine\n" });
  });
});

test("a link named like a staging folder is refused, not followed", () => {
  previousRun();
  mkdirSync(join(work, "elsewhere"));
  writeFileSync(join(work, "elsewhere", "plan.json"), "{}");
  symlinkSync(join(work, "elsewhere"), join(work, "out", ".kgen-run-AbC123"));
  const result = kgen(SYNTH);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("out/.kgen-run-AbC123 is a symbolic link, named like a kgen staging folder; remove it");
  expect(tree(join(work, "elsewhere"))).toEqual({ "plan.json": "{}" });
});
