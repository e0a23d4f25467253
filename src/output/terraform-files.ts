/**
 * Which files in a module folder Terraform (or OpenTofu) reads along with the files kgen
 * generates. Such a file that kgen did not write changes the module unseen — an override file
 * merges into any generated resource, a `*.auto.tfvars` sets its inputs under `terraform test` —
 * so `--check` fails on it and `synth` refuses to write next to it.
 *
 * Sources, Terraform 1.x (hashicorp/terraform):
 * - internal/configs/parser_file_matcher.go and parser_config_dir.go: `*.tf` and `*.tf.json`,
 *   override files among them (`override.tf`, `*_override.tf`), tests `*.tftest.hcl` and
 *   `*.tftest.json` in the folder and in its test folder (`tests`, DefaultTestDirectory), query
 *   files `*.tfquery.hcl`/`.json`, state migrations `*.tfmigrate.hcl`, mock data `*.tfmock.hcl`/`.json`.
 * - internal/command/arguments/vars.go: `terraform.tfvars`, `terraform.tfvars.json`,
 *   `*.auto.tfvars` and `*.auto.tfvars.json` in the working folder (the module folder under
 *   `terraform test` or a plan run in it) and in the test folder.
 * - OpenTofu (opentofu.org/docs/language/files/): `*.tofu` and `*.tofu.json`, which take
 *   precedence over a `.tf` file of the same name, and tests `*.tofutest.hcl`/`.json`.
 *
 * Terraform skips names starting with `.` or ending with `~` (IsIgnoredFile) for configuration
 * files, but not for `*.auto.tfvars`; kgen matches on the ending alone, whatever the start, and
 * ignores case, so that no ignore rule of some release opens the gate.
 */

/** The folder Terraform reads test files from, relative to the module folder. */
export const TEST_FOLDER = "tests";

const READ_ENDINGS = [
  ".tf",
  ".tf.json",
  ".tofu",
  ".tofu.json",
  ".tftest.hcl",
  ".tftest.json",
  ".tofutest.hcl",
  ".tofutest.json",
  ".tfquery.hcl",
  ".tfquery.json",
  ".tfmigrate.hcl",
  ".tfmock.hcl",
  ".tfmock.json",
  ".auto.tfvars",
  ".auto.tfvars.json",
];
const READ_NAMES = ["terraform.tfvars", "terraform.tfvars.json"];

/**
 * Terraform's own working files in a folder it runs in: the provider cache and modules
 * (`.terraform/`), the dependency lock file, local state. Terraform writes them; they are
 * neither kgen's nor a change to the module.
 */
const WORKING_FILES = new Set([".terraform", ".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup", ".terraform.tfstate.lock.info", "terraform.tfstate.d"]);

/** A name Terraform reads as configuration, tests or variables when it is in a folder it reads. */
export function isTerraformReadName(name: string): boolean {
  const lower = name.toLowerCase();
  return READ_NAMES.includes(lower) || READ_ENDINGS.some((ending) => lower.endsWith(ending));
}

export function isTerraformWorkingFile(name: string): boolean {
  return WORKING_FILES.has(name);
}

/** Folders of a module Terraform reads files from: the module folder itself ("") and its test folder. */
export function isTerraformReadFolder(folder: string): boolean {
  return folder === "" || folder === TEST_FOLDER;
}
