/**
 * cdktf.json at the top of the repository: `npx cdktf synth` runs its `app`, a CDKTF app built on
 * the KinesisAccess construct from the bundled stock-trades example (examples/cdktf/main.js). The
 * test runs that command as cdktf-cli does (CDKTF_OUTDIR names the output folder; the CLI's own
 * output is byte-identical) and finds the stack holding the owner module's resources, with a
 * provider for the spec's account and region. The Terraform tier validates the stack.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileSpec } from "../../src/compile";
import { ROOT } from "../support/examples";
import { synthesizeCdktfApp } from "../support/cdktf-app";
import { parseModule } from "../support/parsed-module";

let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "kgen-cdktf-app-"));
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

test("cdktf.json's app synthesizes the stock-trades example with KinesisAccess: the module's resources, and a provider for its account and region", async () => {
  const { config, stacks, stack } = synthesizeCdktfApp(out);
  expect(config).toMatchObject({ app: "node examples/cdktf/main.js", output: "cdktf.out", language: "typescript" });
  expect(stacks).toEqual(["stock-trades"]);
  expect(stack.provider.aws).toEqual([{ region: "us-west-2", allowed_account_ids: ["123456789012"] }]);

  // The same resources, of the same types and in the same numbers, as `kgen synth` writes.
  const { modules } = await compileSpec("examples/stock-trades.yaml", readFileSync(join(ROOT, "examples", "stock-trades.yaml"), "utf8"));
  const module = await parseModule(modules[0].files);
  const count = (addresses: Iterable<string>) => {
    const counts: Record<string, number> = {};
    for (const address of addresses) {
      const type = address.startsWith("data.") ? address.split(".").slice(0, 2).join(".") : address.split(".")[0];
      counts[type] = (counts[type] ?? 0) + 1;
    }
    return counts;
  };
  const inStack = [
    ...Object.entries(stack.resource).flatMap(([type, named]) => Object.keys(named).map((name) => `${type}.${name}`)),
    ...Object.entries(stack.data).flatMap(([type, named]) => Object.keys(named).map((name) => `data.${type}.${name}`)),
  ];
  expect(count(inStack)).toEqual(count(module.blocks.keys()));
  const streamNames = Object.values(stack.resource.aws_kinesis_stream).map((body) => (body as { name: string }).name);
  expect(streamNames.sort()).toEqual(["StockTradeStream", "TradeAudit"]);
  expect(Object.keys(stack.output).sort()).toEqual(["key_arns", "role_arns", "stream_arns"]);
}, 120_000);
