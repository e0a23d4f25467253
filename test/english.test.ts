/** Counts read as English wherever kgen prints them: "1 file written", "2 files written". */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli/main";
import { shortDiff } from "../src/output/check";
import { limitDiagnostics, MAX_DIAGNOSTICS, type Diagnostic } from "../src/spec/diagnostics";
import { EXAMPLES_DIR } from "./support/examples";

test("synth's summary line: 1 module, 1 file written; 2 modules, 2 files written", async () => {
  const work = mkdtempSync(join(tmpdir(), "kgen-counts-"));
  cpSync(EXAMPLES_DIR, join(work, "examples"), { recursive: true });
  const synth = async (...specs: string[]): Promise<string> => {
    const out: string[] = [];
    const cwd = process.cwd();
    process.chdir(work);
    try {
      // A terminal without colour: the summary line is shown, as plain text.
      expect(await run(["synth", ...specs], { out: (l) => out.push(l), err: () => undefined, interactive: true }, { NO_COLOR: "1" })).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    return out[out.length - 1];
  };
  const edit = (module: string): void => {
    const file = join(work, "modules", module, "outputs.tf");
    writeFileSync(file, `${readFileSync(file, "utf8")}# edited\n`);
  };
  try {
    await synth("examples/stock-trades.yaml", "examples/clickstream.yaml");
    edit("stock-trades");
    expect(await synth("examples/stock-trades.yaml")).toBe("kgen: 1 module, 1 file written, 7 unchanged, 0 removed");
    edit("stock-trades");
    edit("clickstream");
    expect(await synth("examples/stock-trades.yaml", "examples/clickstream.yaml")).toBe("kgen: 2 modules, 2 files written, 13 unchanged, 0 removed");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("the diagnostic that counts the ones not shown: 1 error, 1 warning", () => {
  const diagnostic = (severity: Diagnostic["severity"], line: number): Diagnostic => ({
    code: "KG2010",
    severity,
    file: "spec.yaml",
    line,
    column: 1,
    path: "streams",
    message: "m",
    hint: "h",
  });
  const many = Array.from({ length: MAX_DIAGNOSTICS - 1 }, (_, i) => diagnostic("warning", i + 1));
  const limited = limitDiagnostics([...many, diagnostic("error", 5000), diagnostic("warning", 5001)]);
  expect(limited[limited.length - 1].message).toMatch(/^2 more problems \(1 error, 1 warning\) from here on are not shown/);
});

test("--check's short diff: 1 more line", () => {
  const committed = Array.from({ length: 9 }, (_, i) => `old ${i}`).join("\n");
  const diff = shortDiff(committed, "new");
  expect(diff).toContain("-... (1 more line)");
});
