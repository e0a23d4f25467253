/**
 * Renaming entries (`renamed_from`, `aws_name`): kgen writes `moved` blocks that carry every
 * resource of the old names to the new addresses, and nothing is replaced — read through the
 * provider's force-new arguments (state/force-new.ts). The Terraform tier (terraform.test.ts)
 * proves the same with Terraform itself.
 */
import { basename } from "node:path";
import { buildCompanionStack } from "../../src/constructs/companion";
import { buildModuleStack } from "../../src/constructs/module";
import { compileSpec } from "../../src/compile";
import { resolveModel } from "../../src/model/resolve";
import { validateSpec } from "../../src/spec/rules";
import { address, companionModuleResources, ownerModuleResources } from "../../src/state/addresses";
import { compareModules } from "../../src/state/replacements";
import { readModuleText } from "../../src/state/module-text";
import { exampleFiles, readExample } from "../support/examples";
import { renameEverything } from "../support/rename";

const EXAMPLES = exampleFiles().map((file) => [basename(file), readExample(file)] as const);

async function modules(text: string): Promise<Map<string, string[]>> {
  const { modules: generated, diagnostics } = await compileSpec("spec.yaml", text);
  if (generated.length === 0) throw new Error(diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n"));
  return new Map(generated.map((m) => [m.name, [...m.files].filter(([f]) => f.endsWith(".tf")).map(([, t]) => t)]));
}

describe.each(EXAMPLES)("%s", (_name, text) => {
  test.each([
    ["as written", text],
    ["with every entry renamed", renameEverything(text)],
  ])("the addresses state/addresses.ts lists are exactly the resources kgen builds (%s)", (_how, spec) => {
    const validated = validateSpec("spec.yaml", spec);
    if (validated.spec === undefined) throw new Error(JSON.stringify(validated.diagnostics));
    const model = resolveModel(validated.spec);
    const resourcesOf = (placements: ReadonlyArray<{ address: string }>): string[] =>
      placements.map((p) => p.address).filter((a) => !a.startsWith("output.") && !a.startsWith("data.") && !a.startsWith("variable.")).sort();
    expect(ownerModuleResources(model).map(address).sort()).toEqual(resourcesOf(buildModuleStack(model).placements));
    for (const external of model.externalAccounts) {
      expect(companionModuleResources(model, external).map(address).sort()).toEqual(resourcesOf(buildCompanionStack(model, external).placements));
    }
  });

  test("renaming every entry moves every resource to its new address and replaces nothing", async () => {
    const before = await modules(text);
    const after = await modules(renameEverything(text));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [module, files] of after) {
      const previous = readModuleText(before.get(module) ?? []);
      const next = readModuleText(files);
      // Every resource of the old names is the `from` of a move (or kept its address, as outputs-only entries do).
      const moved = new Set(next.moves.map((m) => m.from));
      const unmoved = [...previous.resources.keys()].filter((a) => !moved.has(a) && !next.resources.has(a));
      expect([module, unmoved]).toEqual([module, []]);
      expect([module, compareModules(before.get(module) ?? [], files)]).toEqual([module, []]);
    }
  });
});

test("renaming twice keeps the whole history: a state of either earlier name moves to the current one", async () => {
  const [, text] = EXAMPLES.find(([name]) => name === "trade-sharing.yaml") ?? ["", ""];
  const once = renameEverything(text, "-v2");
  const twice = renameEverything(once, "-v3");
  const original = await modules(text);
  const middle = await modules(once);
  const latest = await modules(twice);
  for (const [module, files] of latest) {
    expect([module, "from original", compareModules(original.get(module) ?? [], files)]).toEqual([module, "from original", []]);
    expect([module, "from middle", compareModules(middle.get(module) ?? [], files)]).toEqual([module, "from middle", []]);
  }
});

test("without renamed_from, a renamed stream is destroyed, and synth says so", async () => {
  const [, text] = EXAMPLES.find(([name]) => name === "stock-trades.yaml") ?? ["", ""];
  const before = await modules(text);
  const after = await modules(text.replace(/StockTradeStream/g, "Trades"));
  const changes = compareModules(before.get("stock-trades") ?? [], after.get("stock-trades") ?? []);
  expect(changes.filter((c) => c.action === "destroy").map((c) => c.address)).toEqual([
    "aws_kinesis_stream.stock_trade_stream",
    "aws_kinesis_stream_consumer.stock_trade_stream__risk_dashboard",
  ]);
});

