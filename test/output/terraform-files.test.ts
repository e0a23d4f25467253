/**
 * Which files in a module folder count as "read by Terraform" (output/terraform-files.ts), with
 * Terraform itself as the witness: a module whose test asserts `var.x == "a"`, plus one more
 * file that would change that (redefine or override `x`, set it from a variables file, add a
 * failing test) if Terraform read it. `terraform test` failing means Terraform read the file;
 * kgen must then flag it. kgen may flag more (OpenTofu's `.tofu` files, names Terraform skips).
 *
 * Needs a `terraform` CLI on PATH (no provider, no network); skipped, saying so, without one.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { inspectModuleFolder } from "../../src/output/module-folder";
import { isTerraformReadName } from "../../src/output/terraform-files";
import { writeModules } from "../../src/output/write";

const MODULE_FILES = new Map([
  ["main.tf", 'variable "x" {\n  default = "a"\n}\n'],
  ["tests/base.tftest.hcl", 'run "base" {\n  command = plan\n  assert {\n    condition     = var.x == "a"\n    error_message = "x is ${var.x}"\n  }\n}\n'],
]);

/** Content that changes the outcome of `terraform test` if Terraform reads it, by the kind its name suggests. */
function contentFor(name: string): string {
  if (name.endsWith(".tfvars.json")) return '{ "x": "b" }\n';
  if (name.endsWith("tfvars")) return 'x = "b"\n';
  if (name.endsWith(".tftest.json")) return JSON.stringify({ run: { extra: { command: "plan", assert: [{ condition: "${false}", error_message: "read" }] } } });
  if (name.endsWith("test.hcl")) return 'run "extra" {\n  command = plan\n  assert {\n    condition     = false\n    error_message = "read"\n  }\n}\n';
  if (name.endsWith(".json")) return JSON.stringify({ variable: { x: { default: "b" } } });
  return 'variable "x" {\n  default = "b"\n}\n';
}

const CANDIDATES = [
  "extra.tf",
  "iam_override.tf",
  "override.tf",
  "extra.tf.json",
  "extra_override.tf.json",
  "extra.tftest.hcl",
  "extra.tftest.json",
  "terraform.tfvars",
  "terraform.tfvars.json",
  "extra.auto.tfvars",
  "extra.auto.tfvars.json",
  ".hidden.auto.tfvars",
  ".hidden.tf",
  "backup.tf~",
  "EXTRA.TF",
  "extra.tofu",
  "extra.tfquery.hcl",
  "extra.hcl",
  "extra.tfvars",
  "notes.md",
  "tests/extra.tftest.hcl",
  "tests/extra.tftest.json",
  "tests/terraform.tfvars",
  "tests/extra.auto.tfvars",
  "tests/extra.tf",
  "tests/notes.md",
  "docs/extra.tf",
];

function terraformCli(): boolean {
  const probe = spawnSync("terraform", ["version"], { encoding: "utf8" });
  return probe.status === 0;
}

const HAVE_TERRAFORM = terraformCli();
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "kgen-terraform-reads-"));
  writeModules(join(root, "base"), [{ name: "m", spec: "s", files: MODULE_FILES }]);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function terraformTest(dir: string): number | null {
  const env = { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  return spawnSync("terraform", ["test", "-no-color"], { cwd: dir, encoding: "utf8", env, timeout: 60_000 }).status;
}

(HAVE_TERRAFORM ? describe : describe.skip)(`what Terraform reads in a module folder${HAVE_TERRAFORM ? "" : " (skipped: no terraform CLI on PATH)"}`, () => {
  test("the module alone passes its test", () => {
    expect(terraformTest(join(root, "base", "m"))).toBe(0);
  });

  test.each(CANDIDATES)("%s: if Terraform reads it, kgen flags it", (candidate) => {
    const out = join(root, candidate.replace(/[^a-z]/gi, "_"));
    cpSync(join(root, "base"), out, { recursive: true });
    const dir = join(out, "m");
    mkdirSync(dirname(join(dir, candidate)), { recursive: true });
    writeFileSync(join(dir, candidate), contentFor(candidate));
    const terraformReads = terraformTest(dir) !== 0;
    const flagged = inspectModuleFolder(out, "m", "s", MODULE_FILES.keys()).notWritten.some((entry) => entry.terraformReads);
    if (terraformReads) expect({ candidate, flagged }).toEqual({ candidate, flagged: true });
    rmSync(out, { recursive: true, force: true });
  });

  test("the witness tells: Terraform does read an override file, and does not read notes.md", () => {
    for (const [candidate, read] of [["iam_override.tf", true], ["notes.md", false], ["tests/terraform.tfvars", true]] as const) {
      const out = join(root, `witness-${read}`);
      cpSync(join(root, "base"), out, { recursive: true });
      writeFileSync(join(out, "m", candidate), contentFor(candidate));
      expect({ candidate, read: terraformTest(join(out, "m")) !== 0 }).toEqual({ candidate, read });
      rmSync(out, { recursive: true, force: true });
    }
  });
});

test("names kgen flags though Terraform 1.11 does not read them: OpenTofu's, ignored and upper-case ones", () => {
  for (const name of ["extra.tofu", "extra.tofu.json", "extra.tofutest.hcl", ".hidden.tf", "EXTRA.TF", "extra.tfquery.hcl", "extra.tfmock.hcl"]) {
    expect({ name, flagged: isTerraformReadName(name) }).toEqual({ name, flagged: true });
  }
  for (const name of ["notes.md", "extra.hcl", "extra.tfvars", "backup.tf~", ".terraform.lock.hcl"]) {
    expect({ name, flagged: isTerraformReadName(name) }).toEqual({ name, flagged: false });
  }
});
