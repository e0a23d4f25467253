/**
 * The published package, as a user gets it: `npm pack`, installed offline (from npm's cache,
 * which `npm ci` filled) into an empty project; its `kgen` binary and its library entry both work,
 * internals stay private, and nothing AGPL ships.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/examples";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let work: string;
let tarball: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-pack-"));
  const [packed] = JSON.parse(execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: ROOT, encoding: "utf8" })) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  tarball = join(work, packed.filename);
  writeFileSync(join(work, "files.json"), JSON.stringify(packed.files.map((f) => f.path)));
  const project = join(work, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "empty", version: "1.0.0", private: true }));
  execFileSync(npm, ["install", tarball, "--offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: project, stdio: "pipe" });
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

test("the package holds the built code, templates and docs, and no sources or tests", () => {
  const files = JSON.parse(readFileSync(join(work, "files.json"), "utf8")) as string[];
  expect(files).toEqual(
    expect.arrayContaining(["bin/kgen.js", "dist/index.js", "dist/index.d.ts", "templates/module-readme.md.hbs", "kgen.schema.json", "examples/stock-trades.yaml", "README.md", "LICENSE"]),
  );
  expect(files.filter((f) => /^(src|test|modules|node_modules|bench|scratch)\//.test(f))).toEqual([]);
});

test("nothing AGPL is a runtime dependency", () => {
  const installed = readdirSync(join(work, "project", "node_modules"));
  expect(installed).not.toContain("@cloud-copilot");
});

test("the installed kgen binary generates a module", () => {
  const project = join(work, "project");
  copyFileSync(join(ROOT, "examples", "stock-trades.yaml"), join(project, "spec.yaml"));
  const result = spawnSync(join(project, "node_modules", ".bin", "kgen"), ["synth", "spec.yaml"], { cwd: project, encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(existsSync(join(project, "modules", "stock-trades", "keys.tf"))).toBe(true);
});

test("the library entry exports the public API and keeps internals private", () => {
  const project = join(work, "project");
  const script = `
    const kgen = require("kgen");
    let internal = "reachable";
    try { require("kgen/dist/compile"); } catch (e) { internal = e.code; }
    console.log(JSON.stringify({ exports: Object.keys(kgen).sort(), internal }));`;
  const output = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" })) as { exports: string[]; internal: string };
  expect(output.exports).toEqual(["KinesisAccess", "SpecError", "explain", "formatDiagnostic", "loadSpec", "specJsonSchema", "synthModule", "validateSpec"]);
  expect(output.internal).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
});
