/**
 * Real Terraform on every generated module: of every example, and of the tier's own specs
 * (test/terraform/specs/). Each module must `terraform init`, `validate` without a warning (a
 * deprecated attribute would be one), be formatted (`fmt -check`, its test file included) and
 * pass its generated `terraform test`. And that test must be able to fail: an override file, a
 * hand-edited policy and a removed guard each make it fail, naming what changed.
 * Skipped, saying why, where no terraform CLI or aws provider can be had (support/terraform.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { compileSpec, type GeneratedModule } from "../../src/compile";
import { compareVersions, formatVersion } from "../../src/constructs/provider-requirements";
import { exampleFiles, ROOT } from "../support/examples";
import { init, parseVersion, terraform, terraformTier, validate, type Tier } from "../support/terraform";

const tier = terraformTier();
const describeTier = tier.available ? describe : describe.skip;
type Available = Tier & { available: true };

const SPECS_DIR = join(__dirname, "specs");
const specFiles = [
  ...exampleFiles(),
  ...readdirSync(SPECS_DIR)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => join(SPECS_DIR, file)),
].map((file) => relative(ROOT, file));

let work: string;
const passed: Array<{ module: string; runs: number }> = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-terraform-"));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  if (tier.available && passed.length > 0) {
    const runs = passed.reduce((sum, p) => sum + p.runs, 0);
    console.log(
      `Real Terraform ${tier.terraformVersion}, hashicorp/aws ${formatVersion(tier.providerVersion)}: ${passed.length} modules passed init, validate, fmt -check and their generated test (${runs} test runs)`,
    );
  }
});

async function generate(file: string): Promise<GeneratedModule[]> {
  const { diagnostics, modules } = await compileSpec(file, readFileSync(join(ROOT, file), "utf8"));
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return modules;
}

function writeModule(module: GeneratedModule, into: string): string {
  const dir = join(into, module.name);
  for (const [name, content] of module.files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** The hashicorp/aws floor the module states in versions.tf. */
function statedFloor(module: GeneratedModule): ReturnType<typeof parseVersion> {
  // The provider's `version`, not the `required_version` of Terraform above it.
  const stated = /^\s*version\s*=\s*">= ([0-9.]+)"/m.exec(module.files.get("versions.tf") ?? "");
  return parseVersion(stated?.[1] ?? "");
}

/** What went wrong with one module, each with Terraform's own words; none when all passed. */
async function problemsOf(available: Available, dir: string): Promise<{ problems: string[]; runs: number }> {
  const initialized = await init(available, dir);
  if (initialized.code !== 0) return { problems: [`terraform init failed:\n${initialized.output}`], runs: 0 };
  const problems: string[] = [];
  const validated = await validate(available, dir);
  if (!validated.valid || validated.diagnostics.length > 0) problems.push(`terraform validate: ${validated.diagnostics.join("; ")}`);
  const formatted = await terraform(available, dir, ["fmt", "-check", "-recursive", "-diff", "-no-color"]);
  if (formatted.code !== 0) problems.push(`terraform fmt -check:\n${formatted.output}`);
  const tested = await terraform(available, dir, ["test", "-no-color"]);
  const summary = /Success! (\d+) passed, 0 failed\./.exec(tested.output);
  if (tested.code !== 0 || summary === null) problems.push(`terraform test:\n${tested.output}`);
  return { problems, runs: summary === null ? 0 : Number(summary[1]) };
}

describeTier("real Terraform", () => {
  const available = tier as Available;

  test.concurrent.each(specFiles)(
    "every module of %s inits, validates without warnings, is formatted and passes its generated test",
    async (file) => {
      const modules = await generate(file);
      const into = join(work, file.replace(/[/\\.]/g, "_"));
      const results = await Promise.all(
        modules.map(async (module) => {
          const floor = statedFloor(module);
          if (floor === undefined) return { module: module.name, problems: ["versions.tf states no hashicorp/aws floor"] };
          if (compareVersions(floor, available.providerVersion) > 0) {
            console.warn(`${module.name}: not run, it needs hashicorp/aws ${formatVersion(floor)} and this machine has ${formatVersion(available.providerVersion)}`);
            return { module: module.name, problems: [] };
          }
          const { problems, runs } = await problemsOf(available, writeModule(module, into));
          if (problems.length === 0) passed.push({ module: module.name, runs });
          return { module: module.name, problems };
        }),
      );
      expect(results).toEqual(modules.map((module) => ({ module: module.name, problems: [] })));
    },
    900_000,
  );

  describe("the generated test fails when the module no longer does what the spec says", () => {
    const edited = async (name: string, edit: (dir: string) => void): Promise<string> => {
      const [stockTrades] = await generate(join("examples", "stock-trades.yaml"));
      const dir = writeModule(stockTrades, join(work, name));
      edit(dir);
      const initialized = await init(available, dir);
      expect(initialized.code === 0 ? "" : initialized.output).toBe("");
      const tested = await terraform(available, dir, ["test", "-no-color"]);
      expect(tested.code).not.toBe(0);
      return tested.output;
    };
    const replaceIn = (dir: string, file: string, from: string | RegExp, to: string): void => {
      const text = readFileSync(join(dir, file), "utf8");
      expect(text).toMatch(from);
      writeFileSync(join(dir, file), text.replace(from, to));
    };

    test.concurrent(
      "an override file widening a role's policy, a key policy edited to let readers encrypt, a policy moved to another role",
      async () => {
        const output = await edited("policies-edited", (dir) => {
          writeFileSync(
            join(dir, "widen_override.tf"),
            'resource "aws_iam_role_policy" "alerts" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["kinesis:*"], Resource = ["*"] }] })\n}\n',
          );
          replaceIn(dir, "keys.tf", '"kms:Decrypt"', '"kms:Decrypt", "kms:Encrypt"');
          // The policy's own `role` (the instance profile's names the same role).
          replaceIn(
            dir,
            "iam.tf",
            'resource "aws_iam_role_policy" "trade_ingest" {\n  name = "stock-trades-trade-ingest"\n  role = aws_iam_role.trade_ingest.name',
            'resource "aws_iam_role_policy" "trade_ingest" {\n  name = "stock-trades-trade-ingest"\n  role = aws_iam_role.alerts.name',
          );
        });
        expect(output).toMatch(/aws_iam_role_policy\.alerts\.policy is not what kgen generated/);
        expect(output).toMatch(/aws_kms_key_policy\.trades\.policy is not what kgen generated/);
        expect(output).toMatch(/aws_iam_role_policy\.trade_ingest\.role is not what kgen generated/);
      },
      600_000,
    );

    test.concurrent(
      "a guard loosened to accept any account",
      async () => {
        const output = await edited("guard-loosened", (dir) => replaceIn(dir, "main.tf", /self\.account_id == "\d+"/, 'self.account_id != ""'));
        expect(output).toMatch(/run "guard_stops_another_account"\.\.\. fail[\s\S]*Missing expected failure[\s\S]*data\.aws_caller_identity\.current/);
      },
      600_000,
    );
  });
});
