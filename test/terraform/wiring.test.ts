/**
 * Real Terraform on the wiring users copy: each example's root module (examples/root/), the
 * GitHub Actions workflow (examples/github-workflow.yml, its shell steps run as the runner would,
 * in an infrastructure repository laid out as the workflow expects) and the stack of the CDKTF
 * app in cdktf.json. Skipped, saying why, where no terraform CLI or aws provider can be had.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { parse } from "yaml";
import { compileSpec } from "../../src/compile";
import { synthesizeCdktfApp } from "../support/cdktf-app";
import { EXAMPLES_DIR, ROOT, exampleFiles, readExample } from "../support/examples";
import { compareVersions, formatVersion } from "../../src/constructs/provider-requirements";
import { init, parseVersion, terraform, terraformEnv, terraformTier, validate, type Tier } from "../support/terraform";

const tier = terraformTier();
const describeTier = tier.available ? describe : describe.skip;

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-wiring-"));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes every module the examples generate under `into`/modules, as `kgen synth` would. */
async function writeExampleModules(into: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    const { modules } = await compileSpec(relative(ROOT, file), readExample(file));
    for (const module of modules) {
      for (const [name, content] of module.files) {
        mkdirSync(dirname(join(into, "modules", module.name, name)), { recursive: true });
        writeFileSync(join(into, "modules", module.name, name), content);
      }
    }
  }
}

describeTier("real Terraform on the wiring", () => {
  const available = tier as Tier & { available: true };

  test.concurrent(
    "each example's root module inits, validates without warnings and is formatted",
    async () => {
      const repo = join(work, "roots");
      await writeExampleModules(repo, exampleFiles());
      cpSync(join(EXAMPLES_DIR, "root"), join(repo, "examples", "root"), { recursive: true });
      const roots = readdirSync(join(repo, "examples", "root")).sort();
      expect(roots.length).toBe(exampleFiles().length);
      const results = await Promise.all(
        roots.map(async (name) => {
          const dir = join(repo, "examples", "root", name);
          const initialized = await init(available, dir);
          if (initialized.code !== 0) return { name, problems: [initialized.output] };
          const validated = await validate(available, dir);
          const formatted = await terraform(available, dir, ["fmt", "-check", "-diff", "-no-color"]);
          return { name, problems: [...(validated.valid ? [] : ["invalid"]), ...validated.diagnostics, ...(formatted.code === 0 ? [] : [formatted.output])] };
        }),
      );
      expect(results).toEqual(roots.map((name) => ({ name, problems: [] })));
    },
    900_000,
  );

  test.concurrent(
    "the workflow's steps pass in a repository whose modules are what its specs generate, and its check stops a hand edit",
    async () => {
      // An infrastructure repository as the workflow expects it: specs/, the generated modules/,
      // and kgen installed (here linked to this checkout: installing is the README's business).
      const repo = join(work, "infra");
      const runStep = (script: string, env: Record<string, string> = {}) =>
        spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
          cwd: repo,
          encoding: "utf8",
          env: { ...terraformEnv(available), RUNNER_TEMP: join(work, "runner-temp"), ...env },
          timeout: 600_000,
        });
      mkdirSync(join(repo, "specs"), { recursive: true });
      mkdirSync(join(repo, "node_modules", ".bin"), { recursive: true });
      symlinkSync(ROOT, join(repo, "node_modules", "kgen"), "dir");
      symlinkSync(join("..", "kgen", "bin", "kgen.js"), join(repo, "node_modules", ".bin", "kgen"));
      writeFileSync(join(repo, "package.json"), JSON.stringify({ name: "infra", private: true, devDependencies: { kgen: "*" } }));
      cpSync(join(EXAMPLES_DIR, "clickstream.yaml"), join(repo, "specs", "clickstream.yaml"));
      const synth = runStep("npx kgen synth specs/*.yaml");
      expect(synth.status === 0 ? "" : synth.stderr).toBe("");

      const workflow = parse(readFileSync(join(EXAMPLES_DIR, "github-workflow.yml"), "utf8")) as {
        jobs: Record<string, { steps: Array<{ name?: string; run?: string; env?: Record<string, string> }> }>;
      };
      const steps = workflow.jobs.modules.steps.filter((step) => step.run !== undefined && step.run !== "npm ci");
      expect(steps.map((step) => step.run?.split("\n")[0])).toEqual([
        "npx kgen synth --check specs/*.yaml",
        "terraform fmt -check -recursive modules",
        'export TF_PLUGIN_CACHE_DIR="$RUNNER_TEMP/terraform-plugins"',
      ]);
      mkdirSync(join(work, "runner-temp"), { recursive: true });
      const results = steps.map((step) => {
        const result = runStep(String(step.run), step.env);
        return { step: step.name, code: result.status, output: result.status === 0 ? "" : `${result.stdout}${result.stderr}` };
      });
      expect(results).toEqual(steps.map((step) => ({ step: step.name, code: 0, output: "" })));
      expect(results).toHaveLength(3);

      const iam = join(repo, "modules", "clickstream", "iam.tf");
      writeFileSync(iam, readFileSync(iam, "utf8").replace('"kinesis:PutRecord"', '"kinesis:PutRecord", "kinesis:DeleteStream"'));
      const check = runStep(String(steps[0].run));
      expect({ code: check.status, stderr: check.stderr }).toMatchObject({ code: 3, stderr: expect.stringContaining("iam.tf") });
    },
    900_000,
  );

  test.concurrent(
    "the CDKTF app's stack inits and validates without warnings",
    async () => {
      const { stackDir, stack } = synthesizeCdktfApp(join(work, "cdktf.out"));
      // @cdktf/provider-aws pins the provider release its bindings were built from; where another
      // release is at hand, the pin alone is moved to it, so Terraform still checks every block of
      // the stack against a real provider's schema.
      const pinned = parseVersion(String((stack.terraform.required_providers.aws as { version: string }).version));
      if (pinned === undefined || compareVersions(pinned, available.providerVersion) !== 0) {
        const text = readFileSync(join(stackDir, "cdk.tf.json"), "utf8");
        writeFileSync(join(stackDir, "cdk.tf.json"), text.replace(/("source": "aws",\s*"version": )"[^"]+"/, `$1"${formatVersion(available.providerVersion)}"`));
      }
      const initialized = await init(available, stackDir);
      expect(initialized.code === 0 ? "" : initialized.output).toBe("");
      expect(await validate(available, stackDir)).toEqual({ valid: true, diagnostics: [] });
    },
    900_000,
  );
});
