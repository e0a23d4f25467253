/**
 * The published package, as a user gets it: `npm pack`, then installed into an empty project; its
 * `kgen` binary and its library entry both work, internals stay private, and nothing AGPL ships.
 *
 * Without the registry and without npm's cache (a fresh machine has neither): the tarball is
 * unpacked as the project's node_modules/kgen, and the packages it depends on at run time — the
 * closure of its `dependencies` in package-lock.json — are linked from kgen's own node_modules.
 * Nothing else is: kgen's code, which lives in the project, cannot reach a devDependency.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { ROOT } from "../support/examples";
import { isTopLevel, readLock, runtimeClosure } from "../support/runtime-closure";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let work: string;
let project: string;
let installed: string;
let packedFiles: string[];
let closure: Set<string>;

interface PackageJson {
  version: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  license?: string;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

/** The child's environment: no NODE_PATH, through which a package could be found elsewhere. */
function projectEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: "" };
  delete env.NODE_PATH;
  return env;
}

beforeAll(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), "kgen-pack-")));
  // An empty cache and --offline: packing needs neither the registry nor anything cached.
  const cache = join(work, "npm-cache");
  const [packed] = JSON.parse(
    execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--offline", "--pack-destination", work], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, npm_config_cache: cache },
    }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packedFiles = packed.files.map((f) => f.path);

  project = join(work, "project");
  mkdirSync(join(project, "node_modules"), { recursive: true });
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "empty", version: "1.0.0", private: true }));
  // npm tarballs hold one folder, package/; -x -z -f -C are the same in GNU tar and bsdtar.
  execFileSync("tar", ["-x", "-z", "-f", join(work, packed.filename), "-C", work]);
  installed = join(project, "node_modules", "kgen");
  renameSync(join(work, "package"), installed);

  closure = runtimeClosure(readLock(ROOT), readJson<PackageJson>(join(installed, "package.json")).dependencies);
  for (const location of [...closure].filter(isTopLevel)) {
    const link = join(project, location);
    mkdirSync(dirname(link), { recursive: true });
    // Packages nested inside a linked one come with it.
    symlinkSync(join(ROOT, location), link, "junction");
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

test("the package holds the built code, templates and docs, and no sources or tests", () => {
  expect(packedFiles).toEqual(
    expect.arrayContaining(["bin/kgen.js", "dist/index.js", "dist/index.d.ts", "templates/module-readme.md.hbs", "templates/access-analyzer-check.sh", "kgen.schema.json", "examples/stock-trades.yaml", "README.md", "LICENSE"]),
  );
  expect(packedFiles.filter((f) => /^(src|test|modules|node_modules|bench|scratch)\//.test(f))).toEqual([]);
});

test("the runtime closure is what npm itself locks as not dev-only, and none of it is AGPL or GPL", () => {
  const lock = readLock(ROOT);
  const notDev = Object.keys(lock.packages).filter((location) => location !== "" && lock.packages[location].dev !== true);
  expect([...closure].sort()).toEqual(notDev.sort());
  const licenses = [...closure].map((location) => `${location}: ${String(readJson<PackageJson>(join(ROOT, location, "package.json")).license)}`);
  expect(licenses.filter((line) => /GPL/i.test(line))).toEqual([]);
  expect([...closure].filter((location) => location.includes("@cloud-copilot"))).toEqual([]);
});

test("every package the packed code requires is Node's own or a declared dependency", () => {
  const { dependencies } = readJson<PackageJson>(join(installed, "package.json"));
  const required = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js")) {
        for (const [, specifier] of readFileSync(path, "utf8").matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)) {
          if (!specifier.startsWith(".")) required.add(specifier);
        }
      }
    }
  };
  walk(join(installed, "bin"));
  walk(join(installed, "dist"));
  const packageName = (specifier: string): string => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
  const undeclared = [...required].filter((s) => !s.startsWith("node:") && !builtinModules.includes(packageName(s)) && dependencies[packageName(s)] === undefined);
  expect(undeclared).toEqual([]);
  expect([...required].map(packageName)).toEqual(expect.arrayContaining(["yargs", "yaml", "cdktf"]));
});

test("the project cannot reach kgen's devDependencies: a runtime import of one would fail here", () => {
  const { devDependencies } = readJson<PackageJson>(join(ROOT, "package.json"));
  const script = `
    const names = ${JSON.stringify(Object.keys(devDependencies))};
    console.log(JSON.stringify(names.filter((name) => { try { require.resolve(name); return true; } catch { return false; } })));`;
  const reachable = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: installed, encoding: "utf8", env: projectEnv() })) as string[];
  expect(reachable).toEqual([]);
});

test("the installed kgen binary generates a module and knows its version", () => {
  const bin = join(installed, readJson<PackageJson>(join(installed, "package.json")).bin.kgen);
  expect(readFileSync(bin, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  const kgen = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: "utf8", env: projectEnv() });
  copyFileSync(join(ROOT, "examples", "stock-trades.yaml"), join(project, "spec.yaml"));
  const result = kgen("synth", "spec.yaml");
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(existsSync(join(project, "modules", "stock-trades", "keys.tf"))).toBe(true);
  // export-policies reads its check script from the installed package's templates.
  const exported = kgen("export-policies", "spec.yaml");
  expect(exported.stderr).toBe("");
  expect(exported.status).toBe(0);
  expect(readFileSync(join(project, "policies", "stock-trades", "check.sh"), "utf8")).toBe(readFileSync(join(ROOT, "templates", "access-analyzer-check.sh"), "utf8"));
  expect(kgen("--version").stdout).toBe(`${readJson<PackageJson>(join(ROOT, "package.json")).version}\n`);
});

test("kgen init in the project points the spec at the installed schema", () => {
  const bin = join(installed, readJson<PackageJson>(join(installed, "package.json")).bin.kgen);
  mkdirSync(join(project, "specs"));
  const result = spawnSync(process.execPath, [bin, "init", "specs/streams.yaml"], { cwd: project, encoding: "utf8", env: projectEnv() });
  expect(result.status).toBe(0);
  const line = readFileSync(join(project, "specs", "streams.yaml"), "utf8").split("\n")[0];
  expect(line).toBe("# yaml-language-server: $schema=../node_modules/kgen/kgen.schema.json");
  expect(relative(installed, resolve(project, "specs", "../node_modules/kgen/kgen.schema.json"))).toBe("kgen.schema.json");
});

test("the library entry exports the public API and keeps internals private", () => {
  const script = `
    const kgen = require("kgen");
    let internal = "reachable";
    try { require("kgen/dist/compile"); } catch (e) { internal = e.code; }
    console.log(JSON.stringify({ exports: Object.keys(kgen).sort(), internal }));`;
  const output = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8", env: projectEnv() })) as { exports: string[]; internal: string };
  expect(output.exports).toEqual(["KinesisAccess", "SpecError", "explain", "formatDiagnostic", "loadSpec", "specJsonSchema", "synthModule", "validateSpec"]);
  expect(output.internal).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
});
