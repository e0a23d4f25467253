/**
 * Commands that build no stack never load CDKTF or the provider bindings (issue #17): loading
 * them is most of a small run's time (about 0.3 s), and `kgen validate` runs on every pull
 * request. Each command runs as a real process with test/support/loaded-packages.js preloaded,
 * which lists the packages (and kgen's own compiled files) in Node's module cache at exit. Synth
 * is the control: it must load both, or the probe proves nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/examples";

const STACK_PACKAGES = ["@cdktf/provider-aws", "cdktf"];
const EXAMPLE = join(ROOT, "examples", "stock-trades.yaml");

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-loading-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The npm packages, then kgen's files (`dist/...`), a `kgen ...args` process loaded, after checking that it exited with `status`. */
function packagesLoadedBy(args: string[], status = 0): string[] {
  const list = join(work, "loaded.txt");
  rmSync(list, { force: true });
  const probe = join(ROOT, "test", "support", "loaded-packages.js");
  const result = spawnSync(process.execPath, ["--require", probe, join(ROOT, "bin", "kgen.js"), ...args], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, KGEN_LOADED_PACKAGES: list, NO_COLOR: "1" },
  });
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status, stderr: expect.any(String) });
  return readFileSync(list, "utf8").split("\n");
}

test.each([
  ["validate", ["validate", EXAMPLE]],
  ["validate of an invalid spec", ["validate", join(ROOT, "package.json")], 1],
  ["schema", ["schema"]],
  ["init", ["init", "starter.yaml"]],
  ["--help", ["--help"]],
  ["synth --help", ["synth", "--help"]],
  ["--version", ["--version"]],
  ["explain", ["explain", EXAMPLE]],
  ["a usage error", ["synth"], 2],
])("%s loads neither CDKTF nor the provider bindings", (_name, args: string[], status = 0) => {
  const loaded = packagesLoadedBy(args, status);
  // The probe sees what the process loads.
  expect(loaded).toContain("dist/cli/main.js");
  expect(loaded.filter((name) => STACK_PACKAGES.includes(name))).toEqual([]);
});

test.each([
  ["validate", ["validate", EXAMPLE]],
  ["schema", ["schema"]],
  ["a usage error", ["synth"], 2],
])("%s does not load yargs, which only prints --help and --version", (_name, args: string[], status = 0) => {
  expect(packagesLoadedBy(args, status)).not.toContain("yargs");
});

test("--help loads yargs (the probe sees it)", () => {
  expect(packagesLoadedBy(["validate", "--help"])).toContain("yargs");
});

test("validate loads no other command, nor what only they use (output folders, explain, policy bundles)", () => {
  const loaded = packagesLoadedBy(["validate", EXAMPLE]);
  expect(loaded).toContain("dist/cli/validate.js");
  expect(loaded).toContain("yaml");
  const others = loaded.filter((file) => /^dist\/(cli\/(synth|explain|export-policies|init|schema)|output\/write|explain|verify|state|render)\b/.test(file));
  expect(others).toEqual([]);
});

test("synth loads both (the probe sees what is loaded)", () => {
  const loaded = packagesLoadedBy(["synth", EXAMPLE, "--out", join(work, "modules")]);
  expect(loaded.filter((name) => STACK_PACKAGES.includes(name))).toEqual(STACK_PACKAGES);
});
