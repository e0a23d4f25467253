/**
 * Real Terraform for the tests, when it can be had: a `terraform` CLI (1.11 or later, for
 * `state_key` in `terraform test` runs) that can install the hashicorp/aws provider, from the
 * registry or from a mirror named by TF_CLI_CONFIG_FILE. Found once per test file by one probe
 * `terraform init`; otherwise the tier skips, saying why.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export type Tier = { available: false; reason: string } | { available: true; terraformVersion: string };

/** `state_key`, which lets two runs of different modules share one state, came in Terraform 1.11. */
const MINIMUM: readonly [number, number] = [1, 11];

let cached: Tier | undefined;

export function terraformTier(): Tier {
  cached ??= probe();
  return cached;
}

let pluginCache: string | undefined;

/** The environment terraform commands of the tests run with: one provider copy for every `init`. */
export function terraformEnv(): NodeJS.ProcessEnv {
  // Two levels down: a provider tree right under a folder of /tmp looks like a mirror to tools
  // that search the disk for one (../shared/tools/terraform-offline/with-mirror does).
  pluginCache ??= join(mkdtempSync(join(tmpdir(), "kgen-tf-plugins-")), "cache");
  mkdirSync(pluginCache, { recursive: true });
  return { ...process.env, TF_PLUGIN_CACHE_DIR: pluginCache, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
}

/** Removes the provider copy; for the `afterAll` of a test file that ran terraform. */
export function removeTerraformCache(): void {
  if (pluginCache !== undefined) rmSync(dirname(pluginCache), { recursive: true, force: true });
  pluginCache = undefined;
}

function probe(): Tier {
  const version = spawnSync("terraform", ["version", "-json"], { encoding: "utf8", timeout: 30_000, env: terraformEnv() });
  if (version.error !== undefined) return { available: false, reason: `no terraform CLI could be run (${(version.error as NodeJS.ErrnoException).code ?? version.error.message})` };
  if (version.status !== 0) return { available: false, reason: `\`terraform version\` failed: ${version.stderr.trim()}` };
  const terraformVersion = String((JSON.parse(version.stdout || "{}") as { terraform_version?: string }).terraform_version);
  const [major, minor] = terraformVersion.split(".").map(Number);
  if (!(major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]))) {
    return { available: false, reason: `terraform ${terraformVersion} is older than 1.11, whose \`terraform test\` runs can share a state (state_key)` };
  }
  const dir = mkdtempSync(join(tmpdir(), "kgen-tf-probe-"));
  try {
    writeFileSync(join(dir, "main.tf"), 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n');
    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd: dir, encoding: "utf8", timeout: 300_000, env: terraformEnv() });
    if (init.status !== 0) {
      const why = `${init.stderr}${init.stdout}`.split("\n").find((line) => /Error|error/.test(line))?.trim() ?? "it failed";
      return { available: false, reason: `terraform init cannot install hashicorp/aws here (${why}); run the tests through a provider mirror, e.g. ../shared/tools/terraform-offline/with-mirror npm test` };
    }
    return { available: true, terraformVersion };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
