/**
 * The CI gate and the output folder against hostile content (issue #14): what a pull request can
 * commit next to the generated modules — an extra Terraform file, a symbolic link, a FIFO, a
 * forged manifest, another spec's folder — never gets through `--check`, never makes kgen read
 * without bound, hang, or write or delete outside what it owns.
 *
 * The real binary in a scratch folder, as CI runs it; every run has a time limit, so a hang
 * fails the test instead of stalling the suite.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLES_DIR, ROOT } from "../support/examples";
import { tree } from "../support/scratch";

const BIN = join(ROOT, "bin", "kgen.js");
const STACK_LINE = /^\s+at /m;
const POSIX = process.platform !== "win32";
let work: string;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function kgen(...args: string[]): Result {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, GITHUB_ACTIONS: "" },
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const MODULE = () => join(work, "modules", "stock-trades");
const SYNTH = ["synth", "examples/stock-trades.yaml"];
const CHECK = ["synth", "--check", "examples/stock-trades.yaml"];

function mkfifo(path: string): void {
  execFileSync("mkfifo", [path]);
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` (npm ci does it)");
});

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-hostile-output-"));
  cpSync(EXAMPLES_DIR, join(work, "examples"), { recursive: true });
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe("a file kgen did not write in a generated module folder", () => {
  // Terraform reads these with the generated files (internal/configs/parser_file_matcher.go:
  // *.tf, *.tf.json, override files, tests in the folder and in tests/; internal/command/
  // arguments/vars.go: terraform.tfvars, *.auto.tfvars and their .json forms, in the folder
  // and in tests/ for `terraform test`); OpenTofu also reads *.tofu and *.tofutest.hcl.
  const TERRAFORM_READS = [
    "iam_override.tf",
    "override.tf",
    "extra.tf",
    "extra.tf.json",
    "override.tf.json",
    "extra.tftest.hcl",
    "extra.tftest.json",
    "tests/extra.tftest.hcl",
    "tests/terraform.tfvars",
    "terraform.tfvars",
    "terraform.tfvars.json",
    "widen.auto.tfvars",
    "widen.auto.tfvars.json",
    "extra.tofu",
    "extra.tofutest.hcl",
  ];
  const WIDEN = 'resource "aws_iam_role_policy" "x" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n';

  /** Adds `files` to the module kgen wrote, and changes the spec so that synth would have to write. */
  function addToModule(files: readonly string[]): void {
    expect(kgen(...SYNTH).code).toBe(0);
    mkdirSync(join(MODULE(), "tests"), { recursive: true });
    for (const file of files) writeFileSync(join(MODULE(), file), WIDEN);
    const spec = join(work, "examples", "stock-trades.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("retention_hours: 168", "retention_hours: 72"));
  }

  test("iam_override.tf widening a role: --check exits 3 naming it; synth refuses (exit 2) and writes nothing", () => {
    addToModule(["iam_override.tf"]);
    const check = kgen(...CHECK);
    expect(check.code).toBe(3);
    expect(check.stderr).toContain("modules/stock-trades/iam_override.tf: not written by kgen, and Terraform reads it");
    const before = tree(work);
    const synth = kgen(...SYNTH);
    expect(synth.code).toBe(2);
    expect(synth.stderr).toBe(
      "kgen: modules/stock-trades/iam_override.tf was not written by kgen, and Terraform reads it with the generated files " +
        "(an override or variables file changes the module unseen): remove or rename it, or keep your own Terraform in a folder of its own; nothing was written\n",
    );
    expect(tree(work)).toEqual(before);
  });

  test("every kind Terraform reads, in the folder and in tests/: each named by --check and by synth", () => {
    addToModule(TERRAFORM_READS);
    const check = kgen(...CHECK);
    expect(check.code).toBe(3);
    const before = tree(work);
    const synth = kgen(...SYNTH);
    expect(synth.code).toBe(2);
    expect(synth.stderr).toContain("were not written by kgen, and Terraform reads them");
    expect(synth.stderr).not.toMatch(STACK_LINE);
    expect(tree(work)).toEqual(before);
    for (const file of TERRAFORM_READS) {
      expect({ file, named: check.stderr.includes(`modules/stock-trades/${file}: not written by kgen, and Terraform reads it`) }).toEqual({ file, named: true });
      expect({ file, named: synth.stderr.includes(`modules/stock-trades/${file}`) }).toEqual({ file, named: true });
    }
  });

  test("a file Terraform does not read is reported by --check and synth, and fails neither", () => {
    expect(kgen(...SYNTH).code).toBe(0);
    mkdirSync(join(MODULE(), "tests"), { recursive: true });
    mkdirSync(join(MODULE(), "docs"));
    writeFileSync(join(MODULE(), "NOTES.md"), "mine\n");
    writeFileSync(join(MODULE(), "tests", "notes.txt"), "mine\n");
    writeFileSync(join(MODULE(), "docs", "extra.tf"), "# a module of its own, read only if something calls it\n");
    const check = kgen(...CHECK);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain("modules/stock-trades/NOTES.md: not written by kgen; Terraform does not read it");
    expect(check.stderr).toContain("modules/stock-trades/tests/notes.txt: not written by kgen; Terraform does not read it");
    expect(check.stderr).toContain("modules/stock-trades/docs/: not written by kgen; Terraform does not read it");
    const synth = kgen(...SYNTH);
    expect(synth.code).toBe(0);
    expect(synth.stderr).toContain("modules/stock-trades/NOTES.md: not written by kgen; kept");
    expect(readFileSync(join(MODULE(), "NOTES.md"), "utf8")).toBe("mine\n");
  });

  test("Terraform's own working files are neither reported nor a failure", () => {
    expect(kgen(...SYNTH).code).toBe(0);
    mkdirSync(join(MODULE(), ".terraform", "providers"), { recursive: true });
    writeFileSync(join(MODULE(), ".terraform", "providers", "x.tf"), "# cached\n");
    writeFileSync(join(MODULE(), ".terraform.lock.hcl"), "# lock\n");
    const check = kgen(...CHECK);
    expect(check).toMatchObject({ code: 0, stderr: "" });
    expect(kgen(...SYNTH)).toMatchObject({ code: 0, stderr: "" });
  });
});

describe("another spec's module folder", () => {
  // trade-sharing writes trade-sharing-analytics as the companion module of account `analytics`;
  // a later run of a spec named trade-sharing-analytics must not overwrite it.
  beforeEach(() => {
    const text = readFileSync(join(work, "examples", "stock-trades.yaml"), "utf8").replace("name: stock-trades", "name: trade-sharing-analytics");
    writeFileSync(join(work, "examples", "clash.yaml"), text);
  });

  test.each([["synth"], ["synth", "--check"]])("%s of the other spec is refused (exit 2) and changes nothing", (...command) => {
    expect(kgen("synth", "examples/trade-sharing.yaml").code).toBe(0);
    const before = tree(work);
    const result = kgen(...command, "examples/clash.yaml");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "modules/trade-sharing-analytics was written by spec trade-sharing (its .kgen-manifest.json says so), and spec trade-sharing-analytics would overwrite it",
    );
    expect(tree(work)).toEqual(before);
  });
});

describe("reads are bounded: regular files only, size known first, no link followed", () => {
  (POSIX ? test : test.skip)("main.tf -> /dev/zero: --check fails naming it, synth replaces the link with kgen's file", () => {
    expect(kgen(...SYNTH).code).toBe(0);
    rmSync(join(MODULE(), "main.tf"));
    symlinkSync("/dev/zero", join(MODULE(), "main.tf"));
    const check = kgen(...CHECK);
    expect(check.code).toBe(3);
    expect(check.stderr).toContain("modules/stock-trades/main.tf: is a symbolic link, not a file kgen wrote");
    const synth = kgen(...SYNTH);
    expect(synth.code).toBe(0);
    expect(lstatSync(join(MODULE(), "main.tf")).isFile()).toBe(true);
    expect(kgen(...CHECK).code).toBe(0);
  });

  (POSIX ? test : test.skip)("the manifest as a link to /dev/zero, or a FIFO: refused, no hang", () => {
    expect(kgen(...SYNTH).code).toBe(0);
    const manifest = join(MODULE(), ".kgen-manifest.json");
    rmSync(manifest);
    symlinkSync("/dev/zero", manifest);
    for (const args of [SYNTH, CHECK]) {
      const result = kgen(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("modules/stock-trades/.kgen-manifest.json is a symbolic link");
    }
    rmSync(manifest);
    mkfifo(manifest);
    const result = kgen(...SYNTH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("modules/stock-trades/.kgen-manifest.json is a FIFO");
  });

  (POSIX ? test : test.skip)("a FIFO as spec: a plain usage error, no hang", () => {
    mkfifo(join(work, "spec.yaml"));
    const result = kgen("validate", "spec.yaml");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("kgen: spec.yaml is a FIFO, not a regular file; name a spec file\n");
  });

  test("a 3 GB spec is refused from its size, without reading it", () => {
    const spec = join(work, "huge.yaml");
    writeFileSync(spec, "");
    truncateSync(spec, 3 * 1024 ** 3); // sparse: no disk used
    const result = kgen("validate", "huge.yaml");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("huge.yaml:1:1 error KG1003 the spec is 3221225472 bytes; kgen reads at most 1048576");
  });

  (POSIX ? test : test.skip)("a spec that is a symbolic link is refused, whatever it points at", () => {
    symlinkSync(join(work, "examples", "stock-trades.yaml"), join(work, "linked.yaml"));
    const result = kgen("synth", "linked.yaml");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("kgen: linked.yaml is a symbolic link; kgen reads specs only from regular files: name the file it points to\n");
    expect(existsSync(join(work, "modules"))).toBe(false);
  });

  test("a missing spec, or a folder given as spec: one plain sentence saying what to do", () => {
    const missing = kgen("synth", "examples/missing.yaml");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("kgen: examples/missing.yaml does not exist; check the path, or create a spec with `kgen init examples/missing.yaml`\n");
    const folder = kgen("validate", "examples");
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe("kgen: examples is a folder; name the spec files in it, e.g. examples/*.yaml\n");
  });
});

describe("no write through a symbolic link", () => {
  (POSIX ? test : test.skip)("a module folder that is a link to elsewhere: refused (exit 2, named), elsewhere untouched", () => {
    mkdirSync(join(work, "elsewhere"));
    writeFileSync(join(work, "elsewhere", "keep.txt"), "untouched\n");
    mkdirSync(join(work, "modules"));
    symlinkSync(join(work, "elsewhere"), join(work, "modules", "stock-trades"));
    for (const args of [SYNTH, CHECK]) {
      const result = kgen(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("modules/stock-trades is a symbolic link");
    }
    expect(tree(join(work, "elsewhere"))).toEqual({ "keep.txt": "untouched\n" });
  });

  (POSIX ? test : test.skip)("an --out folder that is a link to elsewhere: refused, elsewhere untouched", () => {
    mkdirSync(join(work, "elsewhere"));
    symlinkSync("elsewhere", join(work, "modules"));
    mkdirSync(join(work, "deep"));
    symlinkSync(join(work, "elsewhere"), join(work, "deep", "link"));
    for (const args of [SYNTH, [...SYNTH, "--out", "deep/link/out"], CHECK]) {
      const result = kgen(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/kgen: (modules|deep\/link) is a symbolic link/);
    }
    expect(readdirSync(join(work, "elsewhere"))).toEqual([]);
  });
});

test("an --out that is a file, lies under one, or is empty: a plain usage error", () => {
  for (const [out, message] of [
    ["examples/stock-trades.yaml", "kgen: examples/stock-trades.yaml is in the way of the output folder: it is a file, not a folder"],
    ["examples/stock-trades.yaml/modules", "kgen: examples/stock-trades.yaml is in the way of the output folder: it is a file, not a folder"],
    // The command line refuses an empty value before the output folder is looked at.
    ["", "kgen: --out needs a value (--out VALUE)"],
  ]) {
    const result = kgen(...SYNTH, "--out", out);
    expect({ out, code: result.code, stderr: result.stderr }).toEqual({ out, code: 2, stderr: expect.stringContaining(message) });
  }
});

describe("a hostile manifest", () => {
  test.each([
    ["a folder", "tests"],
    ["a path out of the folder", "../keep/keep.txt"],
    ["an absolute path", "/etc/hostname"],
    ["an empty segment", "a//b.tf"],
  ])("naming %s: refused (exit 2), nothing deleted", (_what, entry) => {
    expect(kgen(...SYNTH).code).toBe(0);
    mkdirSync(join(MODULE(), "tests"), { recursive: true });
    writeFileSync(join(MODULE(), "tests", "mine.txt"), "mine\n");
    mkdirSync(join(work, "modules", "keep"));
    writeFileSync(join(work, "modules", "keep", "keep.txt"), "mine\n");
    const manifest = join(MODULE(), ".kgen-manifest.json");
    const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { spec: string; files: string[] };
    writeFileSync(manifest, JSON.stringify({ spec: parsed.spec, files: [...parsed.files, entry] }));
    // A spec change, so that synth would have to write (and remove what it no longer generates).
    const spec = join(work, "examples", "stock-trades.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("retention_hours: 168", "retention_hours: 72"));
    const before = tree(work);
    const result = kgen(...SYNTH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("modules/stock-trades/.kgen-manifest.json");
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(tree(work)).toEqual(before);
  });
});
