/**
 * A run that stops at any step of its commit — killed, interrupted, out of disk — leaves a state
 * the next run recovers to the previous files of every module (all old), or, once the commit is
 * complete, to the new ones (all new); never a mix. So is a recovery that stops in turn.
 *
 * A crash is simulated in-process: `fs.renameSync` throws at the N-th call and nothing catches it
 * to roll back, exactly the state a SIGKILL leaves (the rename before has happened, the one at N
 * has not). Every N of a run is tried, over modules that add, replace, keep and remove files, in
 * the module folder and in a subfolder, a new module, and a retired one. (The real binary killed
 * with SIGKILL and SIGINT is in test/cli/interrupted-runs.test.ts.)
 */
// The module object itself (not an interop copy), so that spying on it reaches kgen's calls.
import fs = require("node:fs");
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { commitRun, stagedPath } from "../../src/output/commit";
import { interruptedRuns, recoverInterruptedRuns } from "../../src/output/recover";
import { stageRun, writeModules, type ModuleToWrite } from "../../src/output/write";
import { tree } from "../support/scratch";

class Crash extends Error {}

let root: string;
let before: Record<string, string>;
let after: Record<string, string>;

const files = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

const PREVIOUS: ModuleToWrite[] = [
  { name: "a", spec: "s", files: files({ "main.tf": "a1\n", "iam.tf": "same\n", "old.tf": "stale\n", "tests/kgen.tftest.hcl": "t1\n" }) },
  { name: "b", spec: "s", files: files({ "main.tf": "b1\n", "README.md": "r1\n" }) },
  { name: "d", spec: "s", files: files({ "main.tf": "d1\n", "tests/kgen.tftest.hcl": "dt\n" }) },
  { name: "r", spec: "s", files: files({ "main.tf": "r1\n", "tests/kgen.tftest.hcl": "rt\n" }) },
];

const NEXT: ModuleToWrite[] = [
  { name: "r", spec: "s", files: new Map() },
  { name: "a", spec: "s", files: files({ "main.tf": "a2\n", "iam.tf": "same\n", "new.tf": "added\n", "tests/kgen.tftest.hcl": "t2\n" }) },
  { name: "b", spec: "s", files: files({ "main.tf": "b1\n", "README.md": "r2\n" }) },
  { name: "c", spec: "s", files: files({ "main.tf": "c1\n", "tests/kgen.tftest.hcl": "ct\n" }) },
  { name: "d", spec: "s", files: files({ "main.tf": "d2\n" }) },
];

function out(): string {
  return join(root, "out");
}

/** The output folder as the previous run left it, plus a file of the user's in two modules. */
function previousRun(): void {
  rmSync(out(), { recursive: true, force: true });
  cpSync(join(root, "template"), out(), { recursive: true });
}

/** Runs `action` with the `at`-th call of fs[name] on kgen's staging throwing Crash instead. */
function crashingAt<T>(name: "renameSync" | "openSync" | "rmSync", at: number, action: () => T): { crashed: boolean; value?: T } {
  const original = fs[name] as (...args: unknown[]) => unknown;
  let calls = 0;
  const spy = jest.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
    if (args.some((arg) => String(arg).includes(".kgen-run-")) && ++calls === at) throw new Crash(`crash at ${name} ${at}`);
    return original(...args);
  }) as never);
  try {
    return { crashed: false, value: action() };
  } catch (error) {
    if (!(error instanceof Crash)) throw error;
    return { crashed: true };
  } finally {
    spy.mockRestore();
  }
}

function renamesOfCommit(): number {
  previousRun();
  const staged = stageRun(out(), NEXT);
  let renames = 0;
  const original = fs.renameSync;
  const spy = jest.spyOn(fs, "renameSync").mockImplementation((from, to) => {
    renames++;
    original(from, to);
  });
  try {
    commitRun(out(), staged.run, staged.plan);
  } finally {
    spy.mockRestore();
  }
  return renames;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "kgen-commit-"));
  const template = join(root, "template");
  writeModules(template, PREVIOUS);
  writeFileSync(join(template, "a", "NOTES.md"), "mine\n");
  mkdirSync(join(template, "b", "tests"));
  writeFileSync(join(template, "b", "tests", "notes.txt"), "mine\n");
  before = tree(template);
  previousRun();
  writeModules(out(), NEXT);
  after = tree(out());
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

test("the runs under test change every kind of thing", () => {
  expect(after).not.toEqual(before);
  expect(after["r/"]).toBeUndefined();
  expect(after["d/tests/"]).toBeUndefined();
  expect(after["c/tests/kgen.tftest.hcl"]).toBe("ct\n");
  expect(after["a/old.tf"]).toBeUndefined();
  expect(after["a/NOTES.md"]).toBe("mine\n");
  expect(before["r/tests/kgen.tftest.hcl"]).toBe("rt\n");
});

describe("a crash at rename N of the commit", () => {
  test("is recovered to the previous files, for every N, and a crash of that recovery too", () => {
    const steps = renamesOfCommit();
    expect(steps).toBeGreaterThan(15);
    for (let at = 1; at <= steps; at++) {
      previousRun();
      const staged = stageRun(out(), NEXT);
      expect(crashingAt("renameSync", at, () => commitRun(out(), staged.run, staged.plan)).crashed).toBe(true);
      expect({ at, mixed: interruptedRuns(out()).length }).toEqual({ at, mixed: 1 });

      // The recovery crashes too, at its first rename, then (run again) at its second; a
      // recovery with no rename to make has nothing to crash at, and finishes at once.
      const outcomes = [1, 2].flatMap((recoveryAt) => crashingAt("renameSync", recoveryAt, () => recoverInterruptedRuns(out())).value ?? []);
      outcomes.push(...recoverInterruptedRuns(out()));
      expect({ at, outcomes: outcomes.map((r) => r.outcome) }).toEqual({ at, outcomes: ["rolled back"] });
      expect({ at, tree: tree(out()) }).toEqual({ at, tree: before });
    }
  });

  test("after the last rename but before the marker: rolled back", () => {
    previousRun();
    const staged = stageRun(out(), NEXT);
    expect(crashingAt("openSync", 1, () => commitRun(out(), staged.run, staged.plan)).crashed).toBe(true);
    expect(recoverInterruptedRuns(out()).map((r) => r.outcome)).toEqual(["rolled back"]);
    expect(tree(out())).toEqual(before);
  });

  test("after the marker: every module already holds the new files, only the stage is removed", () => {
    previousRun();
    const staged = stageRun(out(), NEXT);
    commitRun(out(), staged.run, staged.plan);
    expect(recoverInterruptedRuns(out())).toEqual([{ path: staged.run, outcome: "finished", modules: ["r", "a", "b", "c", "d"] }]);
    expect(tree(out())).toEqual(after);
  });
});

/**
 * Runs `action` recording which paths were flushed to disk (fsync or fdatasync of a descriptor
 * opened on them), and, when a path ending in `marker` is opened, which had been flushed by then.
 */
function flushesDuring(action: () => void, marker = "committed"): { flushed: Set<string>; beforeMarker?: string[] } {
  const { openSync, fdatasyncSync, fsyncSync } = fs;
  const opened = new Map<number, string>();
  const result: { flushed: Set<string>; beforeMarker?: string[] } = { flushed: new Set() };
  const flushing = (sync: (fd: number) => void) => (fd: number) => {
    sync(fd);
    result.flushed.add(opened.get(fd) ?? "");
  };
  const spies = [
    jest.spyOn(fs, "openSync").mockImplementation(((...args: Parameters<typeof fs.openSync>) => {
      if (String(args[0]).endsWith(marker)) result.beforeMarker = [...result.flushed];
      const fd = openSync(...args);
      opened.set(fd, String(args[0]));
      return fd;
    }) as never),
    jest.spyOn(fs, "fdatasyncSync").mockImplementation(flushing(fdatasyncSync)),
    jest.spyOn(fs, "fsyncSync").mockImplementation(flushing(fsyncSync)),
  ];
  try {
    action();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return result;
}

test("every staged file reaches the disk before the commit moves the first one (a power cut cannot leave a moved file empty)", () => {
  previousRun();
  let staged: ReturnType<typeof stageRun> | undefined;
  const { flushed } = flushesDuring(() => (staged = stageRun(out(), NEXT)));
  if (staged === undefined) throw new Error("not staged");
  const { run, plan } = staged;
  const files = plan.modules.flatMap((m) => m.write.map((w) => stagedPath(run, m.name, "new", w.file)));
  expect(files.length).toBeGreaterThan(5);
  expect(files.filter((file) => !flushed.has(file))).toEqual([]);
  expect(flushed).toContain(join(run, "plan.json.partial"));

  // And every folder a file was moved into reaches the disk before the marker says it was.
  const { beforeMarker } = flushesDuring(() => commitRun(out(), run, plan));
  const targets = new Set(plan.modules.flatMap((m) => m.write.map((w) => dirname(join(out(), m.name, w.file)))));
  expect(targets.size).toBeGreaterThan(plan.modules.length);
  expect([...targets].filter((folder) => !beforeMarker?.includes(folder))).toEqual([]);
});

describe("a crash before the commit", () => {
  test("while staging (no journal yet): the stage is removed, no module was touched", () => {
    previousRun();
    const run = join(out(), ".kgen-run-AbC123");
    mkdirSync(join(run, "modules", "a", "new"), { recursive: true });
    writeFileSync(join(run, "modules", "a", "new", "main.tf"), "a2\n");
    writeFileSync(join(run, "plan.json.partial"), '{"version":');
    expect(recoverInterruptedRuns(out())).toEqual([{ path: run, outcome: "not begun", modules: [] }]);
    expect(tree(out())).toEqual(before);
  });

  test("a file changed after the crash is not taken away: recovery stops and says where the previous one is", () => {
    previousRun();
    const staged = stageRun(out(), NEXT);
    crashingAt("renameSync", 12, () => commitRun(out(), staged.run, staged.plan));
    // A file the commit had moved in: no longer in the stage, in its place.
    const movedIn = staged.plan.modules
      .flatMap((m) => m.write.filter((w) => !fs.existsSync(stagedPath(staged.run, m.name, "new", w.file))).map((w) => join(out(), m.name, w.file)))
      .find((path) => fs.existsSync(path));
    expect(movedIn).toBeDefined();
    writeFileSync(movedIn ?? "", "edited by hand after the crash\n");
    expect(() => recoverInterruptedRuns(out())).toThrow(/was changed after that run/);
    expect(fs.readFileSync(movedIn ?? "", "utf8")).toBe("edited by hand after the crash\n");
    expect(interruptedRuns(out())).toHaveLength(1);
  });
});

test("a run with nothing to change touches no folder: no stage, no journal, the output folder as it was", () => {
  previousRun();
  writeModules(out(), NEXT);
  const generated = NEXT.filter((module) => module.files.size > 0);
  const earlier = new Date("2020-01-01T00:00:00Z");
  for (const folder of [out(), ...generated.map((module) => join(out(), module.name))]) fs.utimesSync(folder, earlier, earlier);
  const reports = writeModules(out(), generated);
  expect(reports.map((r) => [r.written, r.removed])).toEqual(generated.map(() => [[], []]));
  expect(reports.map((r) => r.unchanged.length)).toEqual(generated.map((module) => module.files.size));
  // Creating and removing a staging folder would have changed the output folder's modification time.
  for (const folder of [out(), ...generated.map((module) => join(out(), module.name))]) expect(fs.statSync(folder).mtimeMs).toBe(earlier.getTime());
  expect(tree(out())).toEqual(after);
});
