/**
 * Real Terraform for the tests, when it can be had: a `terraform` CLI (1.7 or later, for
 * `terraform test` with mock providers) that can install the hashicorp/aws provider, from the
 * registry or from a mirror named by TF_CLI_CONFIG_FILE. Whether it can is found once per test
 * run (one probe `terraform init`, under a lock, shared by every worker through the run folder of
 * jest's global setup); otherwise the tests skip, and the global teardown says why. The probe's
 * lock file and a plugin cache in the run folder let every module's `terraform init` reuse the
 * one provider.
 */
import { execFile, spawnSync } from "node:child_process";
import { cpus, tmpdir } from "node:os";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compareVersions, type Version } from "../../src/constructs/provider-requirements";

export type Tier =
  | { available: false; reason: string }
  | { available: true; terraformVersion: string; providerVersion: Version; probeDir: string; pluginCache: string };

export interface Run {
  code: number;
  output: string;
}

/** Terraform 1.7 added mock_provider and override blocks to `terraform test`. */
const MINIMUM_TERRAFORM: Version = [1, 7, 0];

let cached: Tier | undefined;

/** Whether real Terraform can be had in this test run, and how. Found once per run. */
export function terraformTier(): Tier {
  if (cached !== undefined) return cached;
  const runDir = process.env.KGEN_TEST_RUN_DIR ?? ownRunDir();
  const dir = join(runDir, "terraform");
  const result = join(dir, "tier.json");
  mkdirSync(runDir, { recursive: true });
  try {
    mkdirSync(dir); // The first worker to get here probes; the others wait for its answer.
    writeFileSync(`${result}.tmp`, JSON.stringify(probe(dir)));
    renameSync(`${result}.tmp`, result);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    waitFor(result, 300_000);
  }
  cached = JSON.parse(readFileSync(result, "utf8")) as Tier;
  return cached;
}

/** The environment every terraform command of the tests runs with. */
export function terraformEnv(tier: Tier & { available: true }): NodeJS.ProcessEnv {
  return { ...process.env, TF_PLUGIN_CACHE_DIR: tier.pluginCache, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
}

function probe(dir: string): Tier {
  const version = spawnSync("terraform", ["version", "-json"], { encoding: "utf8", timeout: 30_000 });
  if (version.error !== undefined) return { available: false, reason: `no terraform CLI could be run (${(version.error as NodeJS.ErrnoException).code ?? version.error.message})` };
  if (version.status !== 0) return { available: false, reason: `\`terraform version\` failed: ${version.stderr.trim()}` };
  const terraformVersion = String((JSON.parse(version.stdout || "{}") as { terraform_version?: string }).terraform_version);
  const parsed = parseVersion(terraformVersion);
  if (parsed === undefined || compareVersions(parsed, MINIMUM_TERRAFORM) < 0) {
    return { available: false, reason: `terraform ${terraformVersion} is older than 1.7, which \`terraform test\` with mock providers needs` };
  }
  const probeDir = join(dir, "probe");
  const pluginCache = join(dir, "plugin-cache");
  mkdirSync(probeDir);
  mkdirSync(pluginCache);
  writeFileSync(join(probeDir, "main.tf"), 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n');
  const tier = { available: true as const, terraformVersion, providerVersion: [0, 0, 0] as Version, probeDir, pluginCache };
  const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd: probeDir, env: terraformEnv(tier), encoding: "utf8", timeout: 300_000 });
  if (init.status !== 0) {
    const why = firstError(`${init.stdout}\n${init.stderr}`) ?? init.error?.message ?? `exit ${init.status}`;
    return { available: false, reason: `terraform ${terraformVersion} could not install hashicorp/aws (no registry access, and TF_CLI_CONFIG_FILE names no mirror): ${why}` };
  }
  const locked = /provider "registry\.terraform\.io\/hashicorp\/aws" \{\s*version\s*=\s*"([^"]+)"/.exec(readFileSync(join(probeDir, ".terraform.lock.hcl"), "utf8"));
  const providerVersion = parseVersion(locked?.[1] ?? "");
  if (providerVersion === undefined) return { available: false, reason: "terraform init locked no hashicorp/aws version" };
  return { ...tier, providerVersion };
}

/** Terraform's first error with the paragraph that explains it, on one line. */
function firstError(output: string): string | undefined {
  const match = /Error: ([^\n]*)\n\s*\n((?:[^\n]+\n)*)/.exec(output.replace(/[│╷╵]/g, ""));
  return match === null ? undefined : `${match[1]} ${match[2]}`.replace(/\s+/g, " ").trim().slice(0, 400);
}

export function parseVersion(text: string): Version | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(text);
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** A run folder for this process alone, when jest's global setup made none. */
function ownRunDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "kgen-test-run-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  process.env.KGEN_TEST_RUN_DIR = dir;
  return dir;
}

function waitFor(file: string, timeoutMs: number): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (const start = Date.now(); !existsSync(file); ) {
    if (Date.now() - start > timeoutMs) throw new Error(`no answer from the Terraform probe in ${file} after ${timeoutMs} ms`);
    Atomics.wait(sleeper, 0, 0, 200);
  }
}

/**
 * Terraform commands at a time in this worker: one core fewer than the machine has (each starts a
 * large provider plugin), so the rest of the suite, timing-sensitive tests included, keeps a core.
 */
const slots = { free: Math.max(1, cpus().length - 1), waiting: [] as Array<() => void> };

/** Runs `terraform ARGS` in `cwd`; never rejects, the exit code and output are the answer. */
/** `variables`: extra environment for this run, e.g. `TF_VAR_*` values Terraform takes literally. */
export async function terraform(tier: Tier & { available: true }, cwd: string, args: readonly string[], variables: NodeJS.ProcessEnv = {}): Promise<Run> {
  if (slots.free === 0) await new Promise<void>((resolve) => slots.waiting.push(resolve));
  else slots.free--;
  try {
    return await new Promise<Run>((resolve) => {
      execFile("terraform", [...args], { cwd, env: { ...terraformEnv(tier), ...variables }, timeout: 600_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, output: `${stdout}${stderr}` });
      });
    });
  } finally {
    const next = slots.waiting.shift();
    if (next === undefined) slots.free++;
    else next();
  }
}

/** `terraform init` in a configuration folder, reusing the probe's provider through its lock file. */
export async function init(tier: Tier & { available: true }, dir: string): Promise<Run> {
  copyFileSync(join(tier.probeDir, ".terraform.lock.hcl"), join(dir, ".terraform.lock.hcl"));
  return terraform(tier, dir, ["init", "-backend=false", "-input=false", "-no-color"]);
}

export interface ValidateResult {
  valid: boolean;
  /** Each diagnostic as `severity: summary (detail)`. */
  diagnostics: string[];
}

export async function validate(tier: Tier & { available: true }, dir: string): Promise<ValidateResult> {
  const run = await terraform(tier, dir, ["validate", "-json", "-no-color"]);
  const json = JSON.parse(run.output.slice(run.output.indexOf("{"))) as { valid: boolean; diagnostics: Array<{ severity: string; summary: string; detail?: string }> };
  return { valid: json.valid, diagnostics: json.diagnostics.map((d) => `${d.severity}: ${d.summary}${d.detail === undefined ? "" : ` (${d.detail})`}`) };
}

/** The values a mock provider gives the attributes AWS computes, per resource type: well-formed ARNs, since the provider validates those it is given. */
export interface MockArns {
  region: string;
  account: string;
  streamName: string;
  consumerName: string;
}

/** `mock_resource` blocks (indented for a `mock_provider` body) for every resource kind kgen writes that has a computed ARN. */
export function mockResources(at: MockArns): string {
  const kinesis = `arn:aws:kinesis:${at.region}:${at.account}:stream/${at.streamName}`;
  const keyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
  const defaults: Array<[string, string]> = [
    ["aws_kinesis_stream", `arn = "${kinesis}"`],
    ["aws_kinesis_stream_consumer", `arn = "${kinesis}/consumer/${at.consumerName}:1700000000"`],
    ["aws_kinesis_video_stream", `arn = "arn:aws:kinesisvideo:${at.region}:${at.account}:stream/${at.streamName}/1"`],
    ["aws_kms_key", `arn = "arn:aws:kms:${at.region}:${at.account}:key/${keyId}", key_id = "${keyId}"`],
    ["aws_iam_role", `arn = "arn:aws:iam::${at.account}:role/mock"`],
    ["aws_iam_policy", `arn = "arn:aws:iam::${at.account}:policy/mock"`],
  ];
  return defaults.map(([type, values]) => `  mock_resource "${type}" {\n    defaults = { ${values} }\n  }\n`).join("");
}
