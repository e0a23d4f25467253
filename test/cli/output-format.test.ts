/**
 * `--format json` and `--strict` on validate and synth, through the real binary: what other tools
 * read on stdout, and the exit codes CI relies on.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLES_DIR, ROOT } from "../support/examples";

const BIN = join(ROOT, "bin", "kgen.js");
/** The keys of a diagnostic in `--format json`, in order (docs/errors.md). */
const KEYS = ["code", "severity", "file", "line", "column", "path", "message", "hint"];
let work: string;

function kgen(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "", ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** stdout parsed as the one JSON array it must be. */
function diagnosticsOf(stdout: string): Array<Record<string, unknown>> {
  const parsed: unknown = JSON.parse(stdout);
  expect(Array.isArray(parsed)).toBe(true);
  return parsed as Array<Record<string, unknown>>;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` (npm ci does it)");
});

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-format-"));
  cpSync(EXAMPLES_DIR, join(work, "examples"), { recursive: true });
  writeFileSync(join(work, "examples", "bad.yaml"), 'version: 1\nname: Bad Name\nowner: {account: "123456789012", region: us-east-1}\nstreams:\n  A: {shard: 2}\n');
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe("--format json", () => {
  test("validate prints every diagnostic of every spec as one array on stdout, with the same keys in the same order", () => {
    const result = kgen(["validate", "--format", "json", "examples/bad.yaml", "examples/clickstream.yaml"]);
    expect(result.code).toBe(1);
    const diagnostics = diagnosticsOf(result.stdout);
    expect(diagnostics.map((d) => `${String(d.file)} ${String(d.code)} ${String(d.path)}`)).toEqual([
      "examples/bad.yaml KG1014 name",
      "examples/bad.yaml KG1010 streams.A.shard",
      "examples/clickstream.yaml KG2010 streams.scratch-events.encryption",
    ]);
    for (const d of diagnostics) {
      expect(Object.keys(d)).toEqual(KEYS);
      expect(d).toEqual({
        code: expect.stringMatching(/^KG\d{4}$/),
        severity: expect.stringMatching(/^(error|warning)$/),
        file: expect.any(String),
        line: expect.any(Number),
        column: expect.any(Number),
        path: expect.any(String),
        message: expect.stringMatching(/\S/),
        hint: expect.stringMatching(/\S/),
      });
    }
    // The human lines are not printed as well; what is not JSON goes to stderr.
    expect(result.stderr).not.toMatch(/ error KG\d{4}/);
    expect(result.stderr).toContain("examples/clickstream.yaml: valid");
  });

  test("a valid spec gives an empty array", () => {
    const result = kgen(["validate", "--format", "json", "examples/stock-trades.yaml"]);
    expect(result).toMatchObject({ code: 0, stdout: "[]\n" });
  });

  test("synth keeps stdout for the array: progress goes to stderr", () => {
    const result = kgen(["synth", "--format", "json", "--verbose", "examples/clickstream.yaml", "--out", "out"]);
    expect(result.code).toBe(0);
    expect(diagnosticsOf(result.stdout).map((d) => d.code)).toEqual(["KG2010"]);
    expect(result.stderr).toMatch(/^out\/clickstream: \d+ written, 0 unchanged, 0 removed$/m);
    expect(readdirSync(join(work, "out"))).toEqual(["clickstream"]);
  });

  test("synth of an invalid spec: the array, exit 1, nothing written", () => {
    const result = kgen(["synth", "--format", "json", "examples/bad.yaml", "--out", "out"]);
    expect(result.code).toBe(1);
    expect(diagnosticsOf(result.stdout)).toHaveLength(2);
    expect(existsSync(join(work, "out"))).toBe(false);
  });

  test("GitHub annotations go to stderr and leave stdout pure JSON", () => {
    const result = kgen(["validate", "--format", "json", "examples/bad.yaml"], { GITHUB_ACTIONS: "true" });
    expect(diagnosticsOf(result.stdout)).toHaveLength(2);
    expect(result.stderr).toMatch(/^::error file=examples\/bad\.yaml,line=2,col=7::KG1014 name: /m);
  });

  test("an unknown format is a usage error", () => {
    const result = kgen(["validate", "--format", "xml", "examples/stock-trades.yaml"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
  });

  test("an unreadable spec is a usage error, before any output on stdout", () => {
    const result = kgen(["validate", "--format", "json", "examples/stock-trades.yaml", "examples/missing.yaml"]);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toContain("kgen: examples/missing.yaml does not exist; check the path");
  });
});

describe("--strict", () => {
  test("a warning fails validate only under --strict", () => {
    expect(kgen(["validate", "examples/clickstream.yaml"]).code).toBe(0);
    const strict = kgen(["validate", "--strict", "examples/clickstream.yaml"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/warning KG2010 streams\.scratch-events\.encryption/);
    expect(strict.stderr).toContain("kgen: 1 warning and --strict: failing");
    expect(strict.stdout).not.toContain("valid");
  });

  test("synth --strict with a warning writes nothing and exits 1", () => {
    const result = kgen(["synth", "--strict", "examples/clickstream.yaml", "examples/stock-trades.yaml", "--out", "out"]);
    expect(result.code).toBe(1);
    expect(existsSync(join(work, "out"))).toBe(false);
    expect(kgen(["synth", "--strict", "examples/stock-trades.yaml", "--out", "out"]).code).toBe(0);
  });

  test("--strict with --format json: the warnings in the array, exit 1", () => {
    const result = kgen(["validate", "--strict", "--format", "json", "examples/clickstream.yaml"]);
    expect(result.code).toBe(1);
    expect(diagnosticsOf(result.stdout)).toEqual([expect.objectContaining({ code: "KG2010", severity: "warning" })]);
  });
});

describe("two specs of one run that would write the same module folder", () => {
  test("are an error at the second spec's name, and nothing is written", () => {
    cpSync(join(work, "examples", "stock-trades.yaml"), join(work, "examples", "copy.yaml"));
    const result = kgen(["synth", "--format", "json", "examples/stock-trades.yaml", "examples/copy.yaml", "--out", "out"]);
    expect(result.code).toBe(1);
    expect(diagnosticsOf(result.stdout)).toEqual([
      expect.objectContaining({ code: "KG2030", file: "examples/copy.yaml", path: "name", line: 5, column: 7 }),
    ]);
    expect(existsSync(join(work, "out"))).toBe(false);
  });

  test("but the same file named twice is written once", () => {
    expect(kgen(["synth", "examples/stock-trades.yaml", "examples/stock-trades.yaml", "--out", "out"]).code).toBe(0);
  });
});
