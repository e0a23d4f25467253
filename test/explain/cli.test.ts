/**
 * `kgen explain` as a user runs it (in-process, through the same argument parser as the binary):
 * the three formats, the filters, and the exit codes of the README.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { EXIT } from "../../src/cli/exit-codes";
import { generateSpec } from "../../bench/generate-spec";
import { EXAMPLES_DIR } from "../support/examples";

interface Output {
  code: number;
  out: string[];
  err: string[];
}

async function kgen(...args: string[]): Promise<Output> {
  const output: Output = { code: -1, out: [], err: [] };
  output.code = await run(args, { out: (line) => output.out.push(line), err: (line) => output.err.push(line) }, {});
  return output;
}

const STOCK_TRADES = join(EXAMPLES_DIR, "stock-trades.yaml");

test("table: the allowed grants of one party, aligned, each with the statements that grant it", async () => {
  const { code, out, err } = await kgen("explain", STOCK_TRADES, "--who", "alerts");
  expect(err).toEqual([]);
  expect(code).toBe(EXIT.ok);
  const lines = out.join("\n").split("\n");
  expect(lines[0]).toBe("stock-trades: what the generated policies allow");
  expect(lines).toContain("alerts");
  expect(lines).toContain("  arn:aws:iam::123456789012:role/stock-trades-alerts");
  expect(lines).toContain("  lambda.amazonaws.com");
  const grants = lines.filter((line) => line.startsWith("    "));
  expect(grants).toHaveLength(7);
  // Columns line up: every resource starts at one offset, every statement list at another.
  expect(new Set(grants.map((line) => /^ {4}\S+ +/.exec(line)?.[0].length)).size).toBe(1);
  expect(new Set(grants.map((line) => /^ {4}\S+ +\S+(?: \S+)* +/.exec(line)?.[0].length)).size).toBe(1);
  expect(grants).toContainEqual(expect.stringMatching(/^ {4}kms:Decrypt +key\/trades for StockTradeStream +identity:DecryptWithTradesKey, key:EnableAccountRootAccess, key:DecryptForStockTradeStream$/));
  expect(grants.some((line) => line.includes("PutRecord"))).toBe(false);
});

test("--denied lists the denials too, marked", async () => {
  const { out } = await kgen("explain", STOCK_TRADES, "--who", "alerts", "--on", "TradeAudit", "--denied");
  const lines = out.join("\n").split("\n").filter((line) => line.startsWith("    "));
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((line) => line.startsWith("    DENY "))).toBe(true);
  expect(lines).toContainEqual(expect.stringMatching(/^ {4}DENY +kms:Decrypt +key\/trades for TradeAudit$/));
});

test("markdown: one table, a header and one row per grant", async () => {
  const { code, out } = await kgen("explain", STOCK_TRADES, "--format", "markdown", "--who", "trade-ingest");
  expect(code).toBe(EXIT.ok);
  const lines = out.join("\n").split("\n");
  expect(lines[0]).toBe("| Party | Principal | Action | Resource | Via |");
  expect(lines[1]).toBe("|---|---|---|---|---|");
  expect(lines[2]).toMatch(/^\| trade-ingest \| `arn:aws:iam::123456789012:role\/stock-trades-trade-ingest` \| `kinesis:DescribeStream` \| `stream\/StockTradeStream` \| identity `Streams` \|$/);
  expect(lines.slice(3).every((line) => line.startsWith("|  | "))).toBe(true);
  expect(lines.every((line) => line.split("|").length === 7)).toBe(true);
});

test("json: every row, denied too, in a stable order", async () => {
  const first = await kgen("explain", STOCK_TRADES, "--format", "json");
  const second = await kgen("explain", STOCK_TRADES, "--format", "json");
  expect(first.out).toEqual(second.out);
  const { name, rows } = JSON.parse(first.out.join("\n")) as { name: string; rows: Array<{ allowed: boolean; through?: string }> };
  expect(name).toBe("stock-trades");
  expect(rows.some((row) => row.allowed)).toBe(true);
  expect(rows.some((row) => !row.allowed)).toBe(true);
  expect(Object.keys(rows.find((row) => row.through !== undefined) ?? {})).toEqual(["principal", "party", "resource", "through", "action", "allowed", "via"]);
});

describe("a spec too large to explain every request of", () => {
  let work: string;
  let spec: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "kgen-explain-large-"));
    spec = join(work, "large.yaml");
    writeFileSync(spec, generateSpec(150));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("json of every row: a usage error saying how many requests and how to narrow them, nothing on stdout", async () => {
    const { code, out, err } = await kgen("explain", spec, "--format", "json");
    expect({ code, out }).toEqual({ code: EXIT.usage, out: [] });
    expect(err).toEqual([expect.stringMatching(/^kgen: .*large\.yaml: explaining every request, denied too, would ask about [\d,]+ requests \(at most 1,000,000\); narrow it with --who or --on, /)]);
  });

  test("--on one stream: its rows, denied too", async () => {
    const { code, out, err } = await kgen("explain", spec, "--format", "json", "--on", "Stream0042");
    expect({ code, err }).toEqual({ code: EXIT.ok, err: [] });
    const { rows } = JSON.parse(out.join("\n")) as { rows: Array<{ allowed: boolean; resource: string; through?: string }> };
    expect(rows.some((row) => row.allowed) && rows.some((row) => !row.allowed)).toBe(true);
    expect(rows.every((row) => row.resource.includes("Stream0042") || row.through === "Stream0042" || row.resource.includes(":key/"))).toBe(true);
  });
});

describe("exit codes", () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "kgen-explain-"));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  test("an invalid spec: its diagnostics on stderr, nothing on stdout, exit 1", async () => {
    const spec = join(work, "bad.yaml");
    writeFileSync(spec, "version: 1\nname: Bad Name\n");
    const { code, out, err } = await kgen("explain", spec);
    expect(code).toBe(EXIT.invalidSpec);
    expect(out).toEqual([]);
    expect(err.join("\n")).toMatch(/bad\.yaml:2:\d+ error KG\d{4} name: /);
  });

  test("an unreadable spec, an unknown --who or --on, or a bad --format: exit 2", async () => {
    expect((await kgen("explain", join(work, "missing.yaml"))).code).toBe(EXIT.usage);
    const who = await kgen("explain", STOCK_TRADES, "--who", "nobody");
    expect(who).toMatchObject({ code: EXIT.usage, out: [] });
    expect(who.err[0]).toMatch(/^kgen: --who nobody: no principal of the spec has that ARN or name; known names: /);
    expect(await kgen("explain", STOCK_TRADES, "--on", "nowhere")).toMatchObject({ code: EXIT.usage, out: [] });
    expect(await kgen("explain", STOCK_TRADES, "--format", "csv")).toMatchObject({ code: EXIT.usage, out: [] });
  });
});
