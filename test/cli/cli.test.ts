/**
 * The real binary in a temporary directory, as a user or CI runs it: exit codes, what is written,
 * and what is never touched.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { dropPartnerShare, EXAMPLES_DIR, ROOT } from "../support/examples";

const BIN = join(ROOT, "bin", "kgen.js");
let work: string;

function kgen(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a folder (`tests/kgen.tftest.hcl` included) with its content. */
function snapshot(dir: string, prefix = ""): Record<string, string> {
  return Object.fromEntries(
    readdirSync(join(dir, prefix), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((entry) =>
        entry.isDirectory()
          ? Object.entries(snapshot(dir, `${prefix}${entry.name}/`))
          : [[`${prefix}${entry.name}`, readFileSync(join(dir, prefix, entry.name), "utf8")]],
      ),
  );
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` (npm ci does it)");
});

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-cli-"));
  cpSync(EXAMPLES_DIR, join(work, "examples"), { recursive: true });
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

test("synth writes one module per spec, then --check passes", () => {
  const synth = kgen("synth", "examples/stock-trades.yaml", "examples/clickstream.yaml");
  expect(synth.code).toBe(0);
  expect(readdirSync(join(work, "modules")).sort()).toEqual(["clickstream", "stock-trades"]);
  expect(snapshot(join(work, "modules", "stock-trades"))).toEqual(snapshot(join(ROOT, "modules", "stock-trades")));
  expect(kgen("synth", "--check", "examples/stock-trades.yaml", "examples/clickstream.yaml").code).toBe(0);
});

test("--check exits 3 after a one-character edit, a deleted file or a spec change", () => {
  kgen("synth", "examples/stock-trades.yaml");
  const keys = join(work, "modules", "stock-trades", "keys.tf");
  const original = readFileSync(keys, "utf8");
  writeFileSync(keys, original.replace("kms:Decrypt", "kms:Decrypr"));
  const edited = kgen("synth", "--check", "examples/stock-trades.yaml");
  expect(edited.code).toBe(3);
  expect(edited.stderr).toContain("keys.tf: differs at line");
  // A short unified diff shows the hand edit against what kgen generates.
  expect(edited.stderr).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
  expect(edited.stderr).toMatch(/^-.*"kms:Decrypr"/m);
  expect(edited.stderr).toMatch(/^\+.*"kms:Decrypt"/m);
  expect(readFileSync(keys, "utf8")).toContain("kms:Decrypr");

  writeFileSync(keys, original);
  rmSync(join(work, "modules", "stock-trades", "outputs.tf"));
  expect(kgen("synth", "--check", "examples/stock-trades.yaml").stderr).toContain("outputs.tf: missing");

  kgen("synth", "examples/stock-trades.yaml");
  const spec = join(work, "examples", "stock-trades.yaml");
  writeFileSync(spec, readFileSync(spec, "utf8").replace("retention_hours: 168", "retention_hours: 72"));
  expect(kgen("synth", "--check", "examples/stock-trades.yaml").code).toBe(3);
});

test("an invalid spec exits 1 with located errors, writes nothing and leaves the previous module byte for byte", () => {
  kgen("synth", "examples/stock-trades.yaml");
  const before = snapshot(join(work, "modules", "stock-trades"));
  const spec = join(work, "examples", "stock-trades.yaml");
  writeFileSync(spec, readFileSync(spec, "utf8").replace("encryption: trades\n    administrators", "encryption: tardes\n    administrators"));
  const result = kgen("synth", "examples/stock-trades.yaml");
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^examples\/stock-trades\.yaml:\d+:\d+ error KG\d{4} streams\.StockTradeStream\.encryption: .*tardes/m);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(snapshot(join(work, "modules", "stock-trades"))).toEqual(before);
  expect(readdirSync(join(work, "modules"))).toEqual(["stock-trades"]);
});

test("one bad spec among several writes nothing at all", () => {
  writeFileSync(join(work, "examples", "bad.yaml"), "version: 1\nname: Bad Name\n");
  expect(kgen("synth", "examples/stock-trades.yaml", "examples/bad.yaml").code).toBe(1);
  expect(existsSync(join(work, "modules"))).toBe(false);
});

test("a file of the user's in the module folder survives synth and is reported", () => {
  kgen("synth", "examples/stock-trades.yaml");
  // Not a file Terraform reads: one of those would stop the run (hostile-output.test.ts).
  const mine = join(work, "modules", "stock-trades", "CHANGES.md");
  writeFileSync(mine, "# mine\n");
  const result = kgen("synth", "examples/stock-trades.yaml");
  expect(result.code).toBe(0);
  expect(readFileSync(mine, "utf8")).toBe("# mine\n");
  expect(result.stderr).toContain("CHANGES.md: not written by kgen; kept");
});

test("files kgen wrote before and no longer generates are removed, nothing else", () => {
  kgen("synth", "examples/stock-trades.yaml");
  const spec = join(work, "examples", "stock-trades.yaml");
  // Without keys there is no keys.tf.
  const text = readFileSync(spec, "utf8").replace(/keys:\n(  .*\n|    .*\n|      .*\n)+/, "").replace(/encryption: trades/g, "encryption: aws-managed");
  writeFileSync(spec, text);
  const result = kgen("synth", "--verbose", "examples/stock-trades.yaml");
  // The one thing said: dropping the key destroys it (state/replacements.ts).
  expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/ warning KG4001 keys: module stock-trades: Terraform will destroy aws_kms_key\.trades, /)]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("1 removed");
  expect(existsSync(join(work, "modules", "stock-trades", "keys.tf"))).toBe(false);
});

describe("when an account leaves a spec", () => {
  const partner = () => join(work, "modules", "trade-sharing-444455556666");

  test("synth removes the companion module kgen wrote for it, and no other folder", () => {
    kgen("synth", "examples/trade-sharing.yaml", "examples/clickstream.yaml");
    const clickstream = snapshot(join(work, "modules", "clickstream"));
    const analytics = snapshot(join(work, "modules", "trade-sharing-analytics"));
    dropPartnerShare(work);
    const result = kgen("synth", "--verbose", "examples/trade-sharing.yaml");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("modules/trade-sharing-444455556666: no longer generated, 7 removed");
    expect(result.stdout).toContain("1 module folder retired");
    expect(existsSync(partner())).toBe(false);
    expect(snapshot(join(work, "modules", "clickstream"))).toEqual(clickstream);
    expect(snapshot(join(work, "modules", "trade-sharing-analytics"))).toEqual(analytics);
    expect(kgen("synth", "--check", "examples/trade-sharing.yaml").code).toBe(0);
  });

  test("--check names the folder and exits 3, writing nothing", () => {
    kgen("synth", "examples/trade-sharing.yaml");
    const before = snapshot(partner());
    dropPartnerShare(work);
    const result = kgen("synth", "--check", "examples/trade-sharing.yaml");
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("modules/trade-sharing-444455556666: spec trade-sharing no longer generates this module");
    expect(snapshot(partner())).toEqual(before);
  });

  test("a file of the user's keeps the folder, and is reported", () => {
    kgen("synth", "examples/trade-sharing.yaml");
    writeFileSync(join(partner(), "notes.md"), "mine\n");
    dropPartnerShare(work);
    const result = kgen("synth", "examples/trade-sharing.yaml");
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("trade-sharing-444455556666/notes.md: not written by kgen; kept");
    expect(readdirSync(partner())).toEqual(["notes.md"]);
  });

  test("a folder whose manifest names no spec (kgen 0.1) is left alone", () => {
    kgen("synth", "examples/trade-sharing.yaml");
    const manifest = join(partner(), ".kgen-manifest.json");
    const { files } = JSON.parse(readFileSync(manifest, "utf8")) as { files: string[] };
    writeFileSync(manifest, `${JSON.stringify({ files }, null, 2)}\n`);
    const before = snapshot(partner());
    dropPartnerShare(work);
    expect(kgen("synth", "examples/trade-sharing.yaml").code).toBe(0);
    expect(snapshot(partner())).toEqual(before);
  });
});

test("validate checks without writing; usage errors exit 2", () => {
  expect(kgen("validate", "examples/stock-trades.yaml")).toMatchObject({ code: 0 });
  expect(existsSync(join(work, "modules"))).toBe(false);
  expect(kgen("synth").code).toBe(2);
  expect(kgen("frobnicate").code).toBe(2);
  expect(kgen("synth", "examples/missing.yaml").code).toBe(2);
});

test("GitHub Actions gets error annotations", () => {
  writeFileSync(join(work, "examples", "bad.yaml"), "version: 1\nname: Bad Name\n");
  const result = spawnSync(process.execPath, [BIN, "validate", "examples/bad.yaml"], { cwd: work, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "true" } });
  expect(result.stderr).toMatch(/^::error file=examples\/bad\.yaml,line=2,col=\d+::KG\d{4} name: /m);
});

test("synth warns, at the stream, when a video stream's retention changes, because that replaces the stream", () => {
  expect(kgen("synth", "examples/store-cameras.yaml").code).toBe(0);
  const spec = join(work, "examples", "store-cameras.yaml");
  const text = readFileSync(spec, "utf8");
  writeFileSync(spec, text.replace("retention_hours: 72\n    encryption: media", "retention_hours: 48\n    encryption: aws-managed"));
  const result = kgen("synth", "examples/store-cameras.yaml");
  expect(result.code).toBe(0);
  expect(result.stderr).toContain(
    "warning KG4001 streams.LobbyCamera: module store-cameras: Terraform will replace aws_kinesis_video_stream.lobby_camera " +
      "(data_retention_in_hours 72 -> 48), losing all media stored in the stream",
  );
  // Said once: the next run compares with what it just wrote.
  expect(kgen("synth", "examples/store-cameras.yaml").stderr).not.toContain("KG4001");
  // --strict makes the warning fail the run, so CI can refuse a change that loses data.
  writeFileSync(spec, text);
  const strict = kgen("synth", "--strict", "examples/store-cameras.yaml");
  expect(strict.code).toBe(1);
  expect(strict.stderr).toContain("KG4001 streams.LobbyCamera");
});

test("a stream renamed with renamed_from and aws_name moves, silently; renamed without them, synth warns it is destroyed", () => {
  expect(kgen("synth", "examples/stock-trades.yaml").code).toBe(0);
  const spec = join(work, "examples", "stock-trades.yaml");
  const text = readFileSync(spec, "utf8");
  const renamed = text.replace(/StockTradeStream/g, "Trades");
  writeFileSync(spec, renamed.replace("  Trades:\n", "  Trades:\n    renamed_from: [StockTradeStream]\n    aws_name: StockTradeStream\n"));
  const moved = kgen("synth", "--strict", "examples/stock-trades.yaml");
  expect(moved).toMatchObject({ code: 0, stderr: "" });
  expect(readFileSync(join(work, "modules", "stock-trades", "moved.tf"), "utf8")).toContain(
    "moved {\n  from = aws_kinesis_stream.stock_trade_stream\n  to   = aws_kinesis_stream.trades\n}",
  );

  rmSync(join(work, "modules"), { recursive: true });
  writeFileSync(spec, text);
  kgen("synth", "examples/stock-trades.yaml");
  writeFileSync(spec, renamed);
  const destroyed = kgen("synth", "examples/stock-trades.yaml");
  expect(destroyed.code).toBe(0);
  expect(destroyed.stderr).toContain("warning KG4001 streams: module stock-trades: Terraform will destroy aws_kinesis_stream.stock_trade_stream, losing every record in the stream");
});

test("an unknown option is a usage error that writes nothing, and synth leaves no scratch folder behind", () => {
  expect(kgen("synth", "examples/stock-trades.yaml", "--bogus").code).toBe(2);
  expect(readdirSync(work)).toEqual(["examples"]);
  expect(kgen("synth", "examples/stock-trades.yaml").code).toBe(0);
  expect(readdirSync(work).sort()).toEqual(["examples", "modules"]);
});

describe("what synth prints", () => {
  const inProcess = async (args: string[], console: { interactive: boolean; colorable: boolean }, env: NodeJS.ProcessEnv = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const cwd = process.cwd();
    process.chdir(work);
    try {
      const code = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l), ...console }, env);
      return { code, out: out.join("\n"), err: err.join("\n") };
    } finally {
      process.chdir(cwd);
    }
  };

  test("piped, a successful synth is silent; --verbose shows progress and timing", () => {
    expect(kgen("synth", "examples/stock-trades.yaml")).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const verbose = kgen("synth", "--verbose", "examples/stock-trades.yaml");
    expect(verbose.stdout).toMatch(/^modules\/stock-trades: 0 written, 8 unchanged, 0 removed$/m);
    expect(verbose.stdout).toMatch(/^done in \d+ ms$/m);
  });

  test("on a terminal: progress, a coloured summary line and coloured severities; NO_COLOR and --quiet are respected", async () => {
    const tty = { interactive: true, colorable: true };
    const shown = await inProcess(["synth", "examples/clickstream.yaml"], tty);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain("modules/clickstream: 7 written, 0 unchanged, 0 removed");
    expect(shown.out).toContain("\u001b[32mkgen: 1 module, 7 files written, 0 unchanged, 0 removed\u001b[0m");
    expect(shown.err).toContain("\u001b[33mwarning\u001b[0m KG2010");
    const plain = await inProcess(["synth", "examples/clickstream.yaml"], tty, { NO_COLOR: "1" });
    expect(plain.out + plain.err).not.toContain("\u001b[");
    expect(plain.out).toContain("kgen: 1 module, 0 files written, 7 unchanged, 0 removed");
    const quiet = await inProcess(["synth", "--quiet", "examples/clickstream.yaml"], tty);
    expect(quiet.out).toBe("");
    expect(quiet.err).toContain("KG2010");
  });
});
