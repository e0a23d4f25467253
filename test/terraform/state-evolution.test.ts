/**
 * Terraform tier: spec changes proved with Terraform itself, not with kgen's own table. For each
 * pair of specs, one `terraform test` run applies the module of the spec before to a mocked
 * provider, and the next run, sharing its state (`state_key`), plans the module of the spec after
 * with the real hashicorp/aws provider and `refresh = false`, so the provider's own schema decides
 * what must be replaced. A rename (renamed_from + aws_name) must move every resource and replace
 * nothing; an additive change must replace nothing; an inherent one exactly what
 * test/support/spec-changes.ts says, which test/state/ also derives from state/force-new.ts.
 * And the `import` blocks each module README offers name resources the module has (`terraform
 * validate` checks import targets against the configuration).
 *
 * The account/region guard (main.tf) and the provider constraint (versions.tf) are left out of
 * the copies: the guard's data sources would need credentials, and neither holds state.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { compileSpec } from "../../src/compile";
import { terraformIdentifier } from "../../src/model/names";
import { readModuleText } from "../../src/state/module-text";
import { exampleFiles, readExample } from "../support/examples";
import { renameEverything } from "../support/rename";
import { specPairs } from "../support/spec-changes";
import { init, mockResources, terraform, terraformTier, validate, type Tier } from "../support/terraform";

interface Pair {
  title: string;
  before: string;
  after: string;
  /** Addresses (in the state before) Terraform must replace or delete, over all modules. */
  replaces: string[];
}

const PAIRS: Pair[] = [
  ...exampleFiles().map((file) => {
    const text = readExample(file);
    return { title: `rename every entry of ${basename(file)}`, before: text, after: renameEverything(text), replaces: [] };
  }),
  ...specPairs(),
];

const found = terraformTier();
/** `state_key`, which lets runs of two modules share one state, came in Terraform 1.11. */
const tier: Tier = found.available && !atLeast(found.terraformVersion, [1, 11])
  ? { available: false, reason: `terraform ${found.terraformVersion} is older than 1.11, whose test runs can share a state (state_key)` }
  : found;
const describeTier = tier.available ? describe : describe.skip;
// A skip for want of Terraform itself is said by the global teardown; this one is this file's own.
if (found.available && !tier.available) console.warn(`test/terraform/state-evolution skipped: ${tier.reason}`);

function atLeast(version: string, [major, minor]: [number, number]): boolean {
  const [m, n] = version.split(".").map(Number);
  return m > major || (m === major && n >= minor);
}

/** One module of one pair: its call in the root modules of both runs, and its files after. */
interface Module {
  call: string;
  pair: string;
  after: Map<string, string>;
}

const work = mkdtempSync(join(tmpdir(), "kgen-tf-state-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What Terraform plans to replace or delete, by pair. */
let planned: Map<string, string[]>;

describeTier("Terraform plans what kgen says for each spec change", () => {
  // Two runs for all pairs: Terraform starts the provider for each run, which is most of the time.
  beforeAll(async () => {
    const modules: Module[] = [];
    const calls = { before: [] as string[], after: [] as string[] };
    for (const [index, pair] of PAIRS.entries()) {
      const before = await tfFiles(pair.before);
      const after = await tfFiles(pair.after);
      for (const [name, files] of after) {
        const previous = before.get(name);
        if (previous === undefined) continue; // A new companion module: everything in it is created.
        const call = `p${index}_${name.replace(/[^a-z0-9]/g, "_")}`;
        writeModule(join(work, `${call}_before`), previous);
        writeModule(join(work, `${call}_after`), files);
        calls.before.push(moduleCall(call, "before", keyArnInputs(pair.before, previous)));
        calls.after.push(moduleCall(call, "after", keyArnInputs(pair.after, files)));
        modules.push({ call, pair: pair.title, after: files });
      }
    }
    for (const side of ["before", "after"] as const) {
      mkdirSync(join(work, side));
      writeFileSync(join(work, side, "main.tf"), `${VERSIONS}\n${calls[side].join("\n")}`);
    }
    writeFileSync(join(work, "main.tf"), VERSIONS);
    writeFileSync(join(work, "state.tftest.hcl"), `${PROVIDERS}\n${TEST_RUNS}`);
    const changes = await runTerraformTest(work);
    planned = new Map(PAIRS.map((pair) => [pair.title, modules.filter((m) => m.pair === pair.title).flatMap((m) => replacedOrDeleted(changes, m)).sort()]));
  }, 3_600_000);

  test.each(PAIRS.map((pair) => [pair.title, pair] as const))("%s", (title, pair) => {
    expect([title, planned.get(title)]).toEqual([title, [...pair.replaces].sort()]);
  });
});

describeTier("the import blocks of each module README", () => {
  const dir = join(work, "imports");

  test.each(exampleFiles().map((file) => [basename(file), file] as const))("validate against the module (%s)", async (_name, file) => {
    const { modules } = await compileSpec("spec.yaml", readExample(file));
    const owner = modules[0];
    const readme = owner.files.get("README.md") ?? "";
    const section = readme.slice(readme.indexOf("## Adopting existing streams and keys"), readme.indexOf("## Who can do what"));
    const blocks = /```hcl\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    expect(blocks).toContain("import {");
    // Placeholders stand for IDs AWS chose; any string checks the addresses.
    const filled = blocks.replace(/"[A-Z]+(?:-[A-Z]+)*" # .*$/gm, '"PLACEHOLDER"');
    const root = join(dir, owner.name);
    writeModule(join(root, "module"), new Map([...owner.files].filter(([f]) => f.endsWith(".tf") && f !== "main.tf" && f !== "versions.tf")));
    writeFileSync(join(root, "main.tf"), `${VERSIONS}\nmodule "${terraformIdentifier(owner.name)}" {\n  source = "./module"\n}\n\n${filled}`);
    if (!tier.available) throw new Error("unreachable: the tier is skipped");
    expect((await init(tier, root)).code).toBe(0);
    expect(await validate(tier, root)).toEqual({ valid: true, diagnostics: [] });
  }, 900_000);
});

async function tfFiles(text: string): Promise<Map<string, Map<string, string>>> {
  const { modules, diagnostics } = await compileSpec("spec.yaml", text);
  if (modules.length === 0) throw new Error(diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n"));
  return new Map(modules.map((m) => [m.name, new Map([...m.files].filter(([file]) => file.endsWith(".tf") && file !== "main.tf" && file !== "versions.tf"))]));
}

function writeModule(dir: string, files: ReadonlyMap<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of files) writeFileSync(join(dir, file), content);
  writeFileSync(join(dir, "versions.tf"), VERSIONS);
}

/** A companion module's inputs: the owner's key ARNs, which its validation ties to the owner's account and region. */
function keyArnInputs(specText: string, files: ReadonlyMap<string, string>): Record<string, string> {
  const { owner } = parse(specText) as { owner: { account: string | number; region: string } };
  const names = [...(files.get("variables.tf") ?? "").matchAll(/^variable "([a-z0-9_]+)" \{$/gm)].map((match) => match[1]);
  return Object.fromEntries(names.map((name) => [name, `arn:aws:kms:${owner.region}:${String(owner.account)}:key/00000000-0000-0000-0000-000000000000`]));
}

function moduleCall(call: string, side: "before" | "after", variables: Record<string, string>): string {
  const inputs = Object.entries(variables).map(([name, value]) => `  ${name} = "${value}"\n`);
  return `module "${call}" {\n  source = "../${call}_${side}"\n${inputs.join("")}}\n`;
}

/** The first run applies every module before to the mock; the second plans every module after, with the real provider. */
const TEST_RUNS = `run "before" {
  state_key = "all"
  providers = { aws = aws.mock }
  module {
    source = "./before"
  }
}

run "after" {
  state_key = "all"
  command   = plan
  plan_options {
    refresh = false
  }
  module {
    source = "./after"
  }
}
`;

interface ResourceChange {
  address: string;
  previous_address?: string;
  change: { actions: string[]; before: Record<string, unknown> | null; replace_paths?: Array<Array<string | number>> };
}

/** The plan of the run "after", from `terraform test -json -verbose`; throws on any failed run. */
async function runTerraformTest(dir: string): Promise<ResourceChange[]> {
  if (!tier.available) throw new Error("unreachable: the tier is skipped");
  const initialized = await init(tier, dir);
  if (initialized.code !== 0) throw new Error(`terraform init failed:\n${initialized.output}`);
  const test = await terraform(tier, dir, ["test", "-json", "-verbose", "-no-color"]);
  const plans = new Map<string, ResourceChange[]>();
  const failures: string[] = [];
  for (const line of test.output.split("\n").filter((l) => l.startsWith("{"))) {
    const message = JSON.parse(line) as {
      type: string;
      "@testrun"?: string;
      test_plan?: { resource_changes?: ResourceChange[] };
      test_run?: { run: string; status?: string };
      diagnostic?: { severity: string; summary: string; detail?: string };
    };
    if (message.type === "test_plan" && message["@testrun"] !== undefined) plans.set(message["@testrun"], message.test_plan?.resource_changes ?? []);
    if (message.type === "test_run" && message.test_run?.status !== undefined && message.test_run.status !== "pass") failures.push(`${message.test_run.run}: ${message.test_run.status}`);
    if (message.type === "diagnostic" && message.diagnostic?.severity === "error") failures.push(`${message["@testrun"] ?? ""}: ${message.diagnostic.summary}: ${message.diagnostic.detail ?? ""}`);
  }
  if (test.code !== 0 || failures.length > 0) throw new Error(`terraform test failed (${test.code}):\n${failures.join("\n")}`);
  const after = plans.get("after");
  if (after === undefined) throw new Error("terraform test printed no plan for the run after");
  return after;
}

/**
 * The resources the plan replaces or deletes, by their address in the state before. A mocked
 * apply leaves arguments the configuration never set null where the real provider would have
 * stored its default (an IAM policy's path "/", a key's usage), so the real plan "replaces" to set
 * them, and whatever refers to such a resource's ARN with it. Those replacements — every replace
 * path null before and not written in the new module, or an unchanged reference to one of them —
 * are left out.
 */
function replacedOrDeleted(allChanges: readonly ResourceChange[], module: Module): string[] {
  const prefix = `module.${module.call}.`;
  const changes = allChanges
    .filter((c) => c.address.startsWith(prefix))
    .map((c) => ({ ...c, address: c.address.slice(prefix.length), previous_address: c.previous_address?.slice(prefix.length) }));
  const written = readModuleText(module.after.values()).resources;
  const replaced = changes.filter(({ change }) => change.actions.includes("delete") && change.actions.includes("create"));
  const artefacts = new Set<string>();
  for (let found = true; found; ) {
    found = false;
    for (const { address, change } of replaced.filter((c) => !artefacts.has(c.address))) {
      const argumentsWritten = written.get(address)?.arguments;
      const onlyArtefacts = (change.replace_paths ?? []).every(([path]) => {
        const argument = String(path);
        const value = argumentsWritten?.get(argument);
        if (value === undefined) return change.before?.[argument] === null;
        // Unknown now only because what it refers to is replaced for a default: it held that value before.
        const reference = value.kind === "expression" ? /^([a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(value.text) : null;
        if (reference === null || !artefacts.has(reference[1])) return false;
        const referenced = changes.find((c) => c.address === reference[1])?.change.before?.[reference[2]];
        return referenced !== undefined && referenced === change.before?.[argument];
      });
      if (onlyArtefacts) {
        artefacts.add(address);
        found = true;
      }
    }
  }
  return changes
    .filter(({ address, change }) => change.actions.includes("delete") && (!change.actions.includes("create") || !artefacts.has(address)))
    .map((change) => change.previous_address ?? change.address);
}

const VERSIONS = 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n';

/**
 * A mock provider for the runs that apply the spec before, with well-formed ARNs (the real
 * provider validates the ARNs it is given), and the real provider for the plans: fake
 * credentials, and a Kinesis endpoint that refuses at once (a stream's plan asks Kinesis for the
 * account's limits, and treats a failure as "unknown").
 */
const PROVIDERS = `mock_provider "aws" {
  alias = "mock"
${mockResources({ region: "us-east-1", account: "123456789012", streamName: "mock", consumerName: "mock" })}}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "mock"
  secret_key                  = "mock"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  max_retries                 = 1
  endpoints {
    kinesis = "http://127.0.0.1:9"
  }
}
`;

