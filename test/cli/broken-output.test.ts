/**
 * When stdout goes away or fills up, kgen behaves like a Unix tool, never like a crash: a reader
 * that stops early (`kgen explain spec | head -1`) ends the output quietly, and a device that
 * cannot take the output (`kgen schema > /dev/full`) is one sentence and exit 2.
 */
import { spawn, type StdioOptions } from "node:child_process";
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLES_DIR, ROOT } from "../support/examples";

const BIN = join(ROOT, "bin", "kgen.js");
let work: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` (npm ci does it)");
});
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-stdout-"));
  cpSync(EXAMPLES_DIR, join(work, "examples"), { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

interface Finished {
  code: number | null;
  signal: string | null;
  stderr: string;
}

/** Runs the binary; `closeStdout` closes the only reading end of its stdout pipe at once. */
function kgen(args: string[], stdio: StdioOptions, closeStdout: boolean): Promise<Finished> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: work, stdio, env: { ...process.env, GITHUB_ACTIONS: "" } });
  // The reader is gone before kgen writes a byte: every write to stdout fails with EPIPE, as the
  // writes after the first line do under `| head -1`, without depending on timing.
  if (closeStdout) child.stdout?.destroy();
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })));
}

describe("a reader that stops early (EPIPE)", () => {
  // Under --format json, notes go to stderr (report.ts): that is all stderr holds.
  test.each([
    ["explain", ["explain", "examples/stock-trades.yaml"], ""],
    ["explain --format json", ["explain", "examples/trade-sharing.yaml", "--format", "json"], ""],
    ["schema", ["schema"], ""],
    ["validate", ["validate", "examples/stock-trades.yaml", "examples/store-cameras.yaml"], ""],
    ["validate --format json", ["validate", "--format", "json", "examples/stock-trades.yaml"], "examples/stock-trades.yaml: valid\n"],
  ])("%s stops quietly with the command's own exit code", async (_name, args, stderr) => {
    const result = await kgen(args, ["ignore", "pipe", "pipe"], true);
    expect(result).toEqual({ code: 0, signal: null, stderr });
  });

  test("synth --format json still writes its modules, and exits 0", async () => {
    const result = await kgen(["synth", "--format", "json", "--verbose", "examples/stock-trades.yaml"], ["ignore", "pipe", "pipe"], true);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^modules\/stock-trades: 8 written, 0 unchanged, 0 removed\nkgen: 1 module, 8 files written, 0 unchanged, 0 removed\ndone in \d+ ms\n$/);
    expect(readdirSync(join(work, "modules", "stock-trades"))).toContain("keys.tf");
  });

  test("a spec with errors still exits 1, its diagnostics on stderr", async () => {
    writeFileSync(join(work, "bad.yaml"), "version: 1\nname: Bad Name\n");
    const result = await kgen(["validate", "--format", "json", "bad.yaml"], ["ignore", "pipe", "pipe"], true);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
  });
});

// /dev/full is Linux's device that refuses every write with ENOSPC; other systems skip this.
const describeFull = existsSync("/dev/full") ? describe : describe.skip;

describeFull("stdout on a full device (ENOSPC)", () => {
  let full: number;
  beforeEach(() => {
    full = openSync("/dev/full", "w");
  });
  afterEach(() => closeSync(full));

  test.each([
    ["schema", ["schema"]],
    ["explain", ["explain", "examples/stock-trades.yaml"]],
    ["validate", ["validate", "examples/stock-trades.yaml"]],
  ])("%s: one sentence, exit 2, no stack trace", async (_name, args) => {
    const result = await kgen(args, ["ignore", full, "pipe"], false);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("kgen: cannot write to standard output: the device is full (ENOSPC)\n");
  });

  test("stderr on a full device: the command's exit code, no crash", async () => {
    writeFileSync(join(work, "bad.yaml"), "version: 1\nname: Bad Name\n");
    const result = await kgen(["validate", "bad.yaml"], ["ignore", "ignore", full], false);
    expect(result.code).toBe(1);
  });
});
