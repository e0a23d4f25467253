/**
 * Property-based: whatever shape a pull request gives the committed output folder, `kgen synth`
 * and `kgen synth --check` answer with a clear exit code and keep to what they own. Each run
 * takes a good previous output of stock-trades and applies one to three changes: an extra file of
 * each kind (one Terraform reads, one it does not), a generated file replaced by a link (to a
 * file, a folder, a device, nowhere), a FIFO, a folder or an edit, the module folder or its test
 * folder as a link, a hostile manifest, a forged staging folder, the output folder as a link.
 * Then: --check, synth, --check again, in-process through the CLI's entry point.
 *
 * The properties:
 * - no exit 4, no stack trace; the spec is valid, so never exit 1 either;
 * - nothing outside the output folder changes (the files links point at, the spec, the rest);
 * - a file of the user's is never deleted or changed;
 * - --check passes only if every change is a file Terraform does not read;
 * - a refused synth (exit 2) changes nothing; after a successful one, --check passes.
 *
 * The seed is fixed, so a run is reproducible; fast-check prints the shrunk counterexample.
 */
import { execFileSync } from "node:child_process";
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { run } from "../../src/cli/main";
import type { Console } from "../../src/cli/report";
import { EXAMPLES_DIR } from "../support/examples";
import { tree } from "../support/scratch";

const SEED = 20_261_127;
const POSIX = process.platform !== "win32";

const GENERATED = ["README.md", "iam.tf", "keys.tf", "main.tf", "outputs.tf", "streams.tf", "versions.tf", ".kgen-manifest.json"];
const READ_BY_TERRAFORM = ["iam_override.tf", "extra.tf", "extra.tf.json", "extra.tftest.hcl", "tests/extra.tftest.hcl", "terraform.tfvars", "widen.auto.tfvars", "tests/widen.auto.tfvars", "extra.tofu", ".hidden.tf"];
const NOT_READ = ["NOTES.md", "tests/notes.txt", "docs/extra.tf", "extra.hcl"];

type Replacement = "link to a file" | "link to a folder" | "link to /dev/zero" | "link to /dev/null" | "dangling link" | "FIFO" | "folder" | "edited";

/** A change to the committed output, as plain data so that fast-check can print and shrink it. */
type Change =
  | { kind: "extra file"; path: string; terraformReads: boolean }
  | { kind: "replace"; file: string; by: Replacement }
  | { kind: "module folder is a link" }
  | { kind: "test folder is"; by: "link to a folder" | "file" | "FIFO" }
  | { kind: "manifest lists"; entry: string }
  | { kind: "manifest names spec"; spec: string }
  | { kind: "forged staging folder"; shape: "bad plan" | "legacy with other files" | "link" }
  | { kind: "out folder is a link" };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.constantFrom(...READ_BY_TERRAFORM).map((path): Change => ({ kind: "extra file", path, terraformReads: true })),
  fc.constantFrom(...NOT_READ).map((path): Change => ({ kind: "extra file", path, terraformReads: false })),
  fc.record({
    kind: fc.constant("replace" as const),
    file: fc.constantFrom(...GENERATED),
    by: fc.constantFrom<Replacement>("link to a file", "link to a folder", "link to /dev/zero", "link to /dev/null", "dangling link", "FIFO", "folder", "edited"),
  }),
  fc.constant<Change>({ kind: "module folder is a link" }),
  fc.record({ kind: fc.constant("test folder is" as const), by: fc.constantFrom("link to a folder" as const, "file" as const, "FIFO" as const) }),
  fc.record({ kind: fc.constant("manifest lists" as const), entry: fc.constantFrom("tests", "docs", "../outside/keep.txt", "/etc/hostname", "tests/../../x", "a//b", "linked/x.tf") }),
  fc.record({ kind: fc.constant("manifest names spec" as const), spec: fc.constantFrom("other-spec", "stock-trades-2") }),
  fc.record({ kind: fc.constant("forged staging folder" as const), shape: fc.constantFrom("bad plan" as const, "legacy with other files" as const, "link" as const) }),
  fc.constant<Change>({ kind: "out folder is a link" }),
);

let root: string;
let template: string;
/** The user's files of the current case: path -> content. */
let mine: Map<string, string>;

/** The scratch folder of one case: examples/, out/ (the previous run), outside/ (what links point at). */
function work(): string {
  return join(root, "work");
}

function moduleDir(): string {
  return join(work(), "out", "stock-trades");
}

/** True when a path can be changed without going through a link or a non-folder: the test never writes outside either. */
function plainPath(path: string): boolean {
  for (let at = dirname(path); at.startsWith(work()) && at !== work(); at = dirname(at)) {
    try {
      if (!lstatSync(at).isDirectory()) return false;
    } catch {
      // Missing: created below.
    }
  }
  return true;
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function isRealFolder(path: string): boolean {
  return lstatOrUndefined(path)?.isDirectory() === true;
}

function place(path: string, make: () => void): boolean {
  if (!plainPath(path)) return false;
  mkdirSync(dirname(path), { recursive: true });
  // The test replaces what is there; a file of the user's it removes itself is no longer expected.
  rmSync(path, { recursive: true, force: true });
  for (const file of mine.keys()) if (file === path || file.startsWith(`${path}/`)) mine.delete(file);
  make();
  return true;
}

function editManifest(edit: (manifest: { spec: string; files: string[] }) => void): boolean {
  const path = join(moduleDir(), ".kgen-manifest.json");
  if (!plainPath(path)) return false;
  try {
    if (!lstatSync(path).isFile()) return false;
    const manifest = JSON.parse(readFileSync(path, "utf8")) as { spec: string; files: string[] };
    edit(manifest);
    writeFileSync(path, JSON.stringify(manifest));
    return true;
  } catch {
    return false;
  }
}

/** Applies a change, adding to `mine` the user's files it adds; false when it does not apply to this shape. */
function apply(c: Change): boolean {
  const outside = join(work(), "outside");
  const at = (path: string): string => join(moduleDir(), path);
  switch (c.kind) {
    case "extra file": {
      const content = 'resource "aws_iam_role_policy" "widen" {}\n';
      if (!place(at(c.path), () => writeFileSync(at(c.path), content))) return false;
      mine.set(at(c.path), content);
      return true;
    }
    case "replace": {
      const targets: Record<Replacement, () => void> = {
        "link to a file": () => symlinkSync(join(outside, "keep.txt"), at(c.file)),
        "link to a folder": () => symlinkSync(join(outside, "folder"), at(c.file)),
        "link to /dev/zero": () => symlinkSync("/dev/zero", at(c.file)),
        "link to /dev/null": () => symlinkSync("/dev/null", at(c.file)),
        "dangling link": () => symlinkSync(join(outside, "nothing"), at(c.file)),
        FIFO: () => execFileSync("mkfifo", [at(c.file)]),
        folder: () => mkdirSync(at(c.file)),
        edited: () => writeFileSync(at(c.file), "# edited by hand\n"),
      };
      return place(at(c.file), targets[c.by]);
    }
    case "module folder is a link":
      if (!plainPath(moduleDir()) || !isRealFolder(moduleDir()) || lstatOrUndefined(join(outside, "module-copy"))) return false;
      renameSync(moduleDir(), join(outside, "module-copy"));
      symlinkSync(join(outside, "module-copy"), moduleDir());
      return true;
    case "test folder is": {
      const make = { "link to a folder": () => symlinkSync(join(outside, "folder"), at("tests")), file: () => writeFileSync(at("tests"), "x\n"), FIFO: () => execFileSync("mkfifo", [at("tests")]) };
      return place(at("tests"), make[c.by]);
    }
    case "manifest lists":
      if (c.entry === "linked/x.tf" && plainPath(at("linked"))) place(at("linked"), () => symlinkSync(join(outside, "folder"), at("linked")));
      // The entry names a folder: make one, unless something else is there already.
      if ((c.entry === "tests" || c.entry === "docs") && plainPath(at(c.entry)) && !lstatOrUndefined(at(c.entry))) mkdirSync(at(c.entry));
      return editManifest((m) => m.files.push(c.entry));
    case "manifest names spec":
      return editManifest((m) => (m.spec = c.spec));
    case "forged staging folder": {
      const out = join(work(), "out");
      if (!plainPath(join(out, "x"))) return false;
      if (c.shape === "bad plan") {
        mkdirSync(join(out, ".kgen-run-Forge1"), { recursive: true });
        writeFileSync(join(out, ".kgen-run-Forge1", "plan.json"), JSON.stringify({ version: 1, modules: [{ name: "../outside", create: [], write: [], remove: ["keep.txt"], prune: [] }] }));
      } else if (c.shape === "legacy with other files") {
        mkdirSync(join(out, ".stock-trades.kgen-Forged"), { recursive: true });
        writeFileSync(join(out, ".stock-trades.kgen-Forged", "mine.txt"), "mine\n");
        mine.set(join(out, ".stock-trades.kgen-Forged", "mine.txt"), "mine\n");
      } else {
        place(join(out, ".kgen-run-Forge2"), () => symlinkSync(join(outside, "folder"), join(out, ".kgen-run-Forge2")));
      }
      return true;
    }
    case "out folder is a link":
      if (!isRealFolder(join(work(), "out")) || lstatOrUndefined(join(outside, "out-copy"))) return false;
      renameSync(join(work(), "out"), join(outside, "out-copy"));
      symlinkSync(join(outside, "out-copy"), join(work(), "out"));
      return true;
  }
}

async function kgen(...args: string[]): Promise<{ code: number; printed: string }> {
  const lines: string[] = [];
  const io: Console = { out: (line) => lines.push(line), err: (line) => lines.push(line) };
  const cwd = process.cwd();
  process.chdir(work());
  try {
    const code = await run(args, io, {});
    return { code, printed: lines.join("\n") };
  } finally {
    process.chdir(cwd);
  }
}

/** Everything in the case's folder but the output folder (followed through no link). */
function outsideOut(): Record<string, string> {
  return Object.fromEntries(Object.entries(tree(work())).filter(([path]) => path !== "out" && !path.startsWith("out/")));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "kgen-hostile-folders-"));
  template = join(root, "template");
  mkdirSync(join(template, "outside", "folder"), { recursive: true });
  writeFileSync(join(template, "outside", "keep.txt"), "keep\n");
  writeFileSync(join(template, "outside", "folder", "keep.tf"), "# keep\n");
  cpSync(join(EXAMPLES_DIR, "stock-trades.yaml"), join(template, "stock-trades.yaml"));
  rmSync(work(), { recursive: true, force: true });
  cpSync(template, work(), { recursive: true });
  expect((await kgen("synth", "stock-trades.yaml", "--out", "out")).code).toBe(0);
  rmSync(template, { recursive: true, force: true });
  cpSync(work(), template, { recursive: true });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

(POSIX ? test : test.skip)("any shape of the output folder: clear exit codes, nothing touched outside what kgen owns", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 3 }), async (changes) => {
      rmSync(work(), { recursive: true, force: true });
      cpSync(template, work(), { recursive: true });
      mine = new Map();
      const applied = changes.filter(apply);
      const outside = outsideOut();
      const outsideCopies = tree(join(work(), "outside"));

      const check = await kgen("synth", "--check", "stock-trades.yaml", "--out", "out");
      const beforeSynth = tree(work());
      const synth = await kgen("synth", "stock-trades.yaml", "--out", "out");
      const afterSynth = tree(work());
      const recheck = await kgen("synth", "--check", "stock-trades.yaml", "--out", "out");

      for (const result of [check, synth, recheck]) {
        expect([0, 2, 3]).toContain(result.code);
        expect(result.printed).not.toContain("internal error");
        expect(result.printed).not.toMatch(/^\s+at /m);
      }
      expect(outsideOut()).toEqual(outside);
      expect(tree(join(work(), "outside"))).toEqual(outsideCopies);
      for (const [path, content] of mine) expect({ path, content: readFileSync(path, "utf8") }).toEqual({ path, content });
      // The gate: only files Terraform does not read may be added unseen.
      const harmless = applied.every((c) => c.kind === "extra file" && !c.terraformReads);
      expect({ applied, checkPassed: check.code === 0 }).toEqual({ applied, checkPassed: harmless });
      if (synth.code === 2) expect(afterSynth).toEqual(beforeSynth);
      if (synth.code === 0) expect({ applied, recheck: recheck.code, printed: recheck.printed }).toEqual({ applied, recheck: 0, printed: expect.any(String) });
    }),
    { seed: SEED, numRuns: 60 },
  );
}, 600_000);
