/**
 * When kgen itself fails, the user learns it is kgen's fault, exit 4, and the output folder is as
 * it was; when the spec is wrong, the user never sees a stack trace. Faults are injected into the
 * real binary by a script `node --require`s before kgen (FAULTS below): a rule that throws, a
 * crash while staging files, a crash or a refused rename in the middle of moving them into place.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import type { Console } from "../../src/cli/report";
import { dropPartnerShare, EXAMPLES_DIR, ROOT } from "../support/examples";
import type { BadSpec } from "../spec/corpus/base";
import { FIELD_CASES } from "../spec/corpus/fields";
import { KEY_AND_STREAM_CASES } from "../spec/corpus/keys-and-streams";
import { PARTY_CASES } from "../spec/corpus/parties";
import { SHARE_CASES } from "../spec/corpus/shares";
import { YAML_INPUT_CASES } from "../spec/corpus/yaml-input";

const BIN = join(ROOT, "bin", "kgen.js");
const STACK_LINE = /^\s+at /m;

/** Patches applied before kgen loads, chosen by KGEN_FAULT; counts only renames of kgen's staging. */
const FAULTS = `
const fs = require("fs");
const path = require("path");
const dist = path.join(process.env.KGEN_FAULT_ROOT, "dist");
const fault = process.env.KGEN_FAULT;
const at = Number(process.env.KGEN_FAULT_AT || "1");
if (fault === "rule") {
  require(path.join(dist, "spec", "rules-names.js")).checkNames = () => {
    throw new TypeError("injected: a rule crashed");
  };
}
if (fault === "stage") {
  const manifest = require(path.join(dist, "output", "manifest.js"));
  const original = manifest.manifestText;
  let calls = 0;
  manifest.manifestText = function () {
    if (++calls === at) throw new TypeError("injected: staging crashed");
    return original(...arguments);
  };
}
if (fault === "rename" || fault === "rename-refused" || fault === "rename-and-undo") {
  const original = fs.renameSync;
  let calls = 0;
  fs.renameSync = function (from, to) {
    if (String(from).includes(".kgen-") || String(to).includes(".kgen-")) {
      calls++;
      if (calls === at || (fault === "rename-and-undo" && calls > at)) {
        if (fault === "rename-refused") {
          throw Object.assign(new Error("EACCES: permission denied, rename"), { code: "EACCES", syscall: "rename", path: String(from) });
        }
        throw new TypeError("injected: rename crashed");
      }
    }
    return original.apply(this, arguments);
  };
}
`;

let work: string;
/** A finished run's output folder, made once (see previousRun). */
let template: string;

function kgen(args: string[], fault?: string, at?: number): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: "", KGEN_FAULT_ROOT: ROOT };
  if (fault !== undefined) {
    env.KGEN_FAULT = fault;
    env.KGEN_FAULT_AT = String(at ?? 1);
    env.NODE_OPTIONS = `--require ${join(work, "faults.js")}`;
  }
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: "utf8", env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file and folder under a folder, with file contents; dot-folders (kgen's staging) included. */
function tree(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const files: Record<string, string> = {};
  const walk = (at: string, prefix: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) {
        files[`${prefix}${name}/`] = "(folder)";
        walk(path, `${prefix}${name}/`);
      } else {
        files[`${prefix}${name}`] = readFileSync(path, "utf8");
      }
    }
  };
  walk(dir, "");
  return files;
}

function expectInternalError(result: { code: number | null; stdout: string; stderr: string }): void {
  expect(result.code).toBe(4);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain("kgen: internal error: ");
  expect(result.stderr).toContain("This is a bug in kgen, not in your spec. Please report it");
}

// Three modules from one spec: the owner module and two companions.
const SYNTH = ["synth", "examples/trade-sharing.yaml", "--out", "out"];

function newWork(): string {
  const dir = mkdtempSync(join(tmpdir(), "kgen-internal-"));
  cpSync(EXAMPLES_DIR, join(dir, "examples"), { recursive: true });
  writeFileSync(join(dir, "faults.js"), FAULTS);
  return dir;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` (npm ci does it)");
  // The modules of a previous run, each file but the manifests then edited:
  // every file differs from what synth writes, so a run has to replace them all, and must put
  // every one back when it fails.
  work = newWork();
  expect(kgen(SYNTH).code).toBe(0);
  for (const [file, content] of Object.entries(tree(join(work, "out")))) {
    if (!file.endsWith("/") && !file.endsWith(".kgen-manifest.json")) writeFileSync(join(work, "out", file), `${content}# edited\n`);
  }
  template = join(work, "out");
});

beforeEach(() => {
  work = newWork();
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

afterAll(() => rmSync(join(template, ".."), { recursive: true, force: true }));

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
    const kept = /the previous files are in (\S+?\.kgen-\w+)/.exec(result.stderr)?.[1];
    expect(kept).toBeDefined();
    const previous = Object.values(tree(join(work, kept ?? "", "old")));
    expect(previous.length).toBeGreaterThan(0);
    for (const content of previous) expect(Object.values(before)).toContain(content);
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
