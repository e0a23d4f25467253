/** `kgen init` writes a starter spec that validates and synthesizes, and never overwrites a file. */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { ROOT } from "../support/examples";

let work: string;
const kgen = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "bin", "kgen.js"), ...args], { cwd: work, encoding: "utf8" });

beforeEach(() => {
  // The real path: a relative $schema path is resolved from the spec's real folder.
  work = realpathSync(mkdtempSync(join(tmpdir(), "kgen-init-")));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** The file the spec's `$schema` line names, resolved as the editor does: from the spec's folder. */
function schemaOf(spec: string): { path: string; file: string } {
  const line = readFileSync(spec, "utf8").split("\n")[0];
  const path = /^# yaml-language-server: \$schema=(.+)$/.exec(line)?.[1];
  if (path === undefined) throw new Error(`no schema line in ${spec}: ${line}`);
  return { path, file: resolve(dirname(spec), path) };
}

test("the starter spec has the schema line, validates and synthesizes", () => {
  expect(kgen("init").status).toBe(0);
  expect(kgen("validate", "kgen.yaml").status).toBe(0);
  expect(kgen("synth", "kgen.yaml").status).toBe(0);
});

describe("the $schema line names a schema file that exists", () => {
  test("in a project that installed kgen: its node_modules/kgen copy, from the spec's folder", () => {
    mkdirSync(join(work, "node_modules", "kgen"), { recursive: true });
    copyFileSync(join(ROOT, "kgen.schema.json"), join(work, "node_modules", "kgen", "kgen.schema.json"));
    mkdirSync(join(work, "specs"));
    const result = kgen("init", "specs/streams.yaml");
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain("note:");
    expect(schemaOf(join(work, "specs", "streams.yaml")).path).toBe("../node_modules/kgen/kgen.schema.json");
  });

  test("inside a clone of kgen: the clone's kgen.schema.json", () => {
    // In scratch/, which git ignores; removed afterwards unless it was there before.
    const scratch = join(ROOT, "scratch");
    const hadScratch = existsSync(scratch);
    mkdirSync(scratch, { recursive: true });
    const inClone = mkdtempSync(join(scratch, "init-"));
    try {
      const result = spawnSync(process.execPath, [join(ROOT, "bin", "kgen.js"), "init"], { cwd: inClone, encoding: "utf8" });
      expect(result.status).toBe(0);
      expect(result.stdout).not.toContain("note:");
      const schema = schemaOf(join(inClone, "kgen.yaml"));
      expect(schema.path).toBe("../../kgen.schema.json");
      expect(realpathSync(schema.file)).toBe(realpathSync(join(ROOT, "kgen.schema.json")));
    } finally {
      rmSync(hadScratch ? inClone : scratch, { recursive: true, force: true });
    }
  });

  test("elsewhere: the running kgen's own copy, with a note on how to get a path the whole team shares", () => {
    const result = kgen("init");
    expect(result.status).toBe(0);
    const schema = schemaOf(join(work, "kgen.yaml"));
    expect(existsSync(schema.file)).toBe(true);
    expect(realpathSync(schema.file)).toBe(realpathSync(join(ROOT, "kgen.schema.json")));
    expect(result.stdout).toContain("note: the $schema line points at the schema of the kgen you ran");
  });
});

describe("where init cannot write: one sentence, exit 2, nothing created", () => {
  test.each([
    ["an empty file name", [""], "kgen: name the file to create, e.g. `kgen init kgen.yaml`"],
    ["a missing folder", ["missing/spec.yaml"], "kgen: cannot create missing/spec.yaml: folder missing does not exist; create it first"],
    ["a file in place of a folder", ["kgen.yaml/spec.yaml"], "kgen: cannot create kgen.yaml/spec.yaml: kgen.yaml is not a folder"],
    ["a dangling symbolic link", ["link.yaml"], "kgen: link.yaml exists (a symbolic link); kgen init never overwrites a file (choose another name)"],
  ])("%s", (_what, args, sentence) => {
    symlinkSync("nowhere.yaml", join(work, "link.yaml"));
    writeFileSync(join(work, "kgen.yaml"), "mine\n");
    const result = kgen("init", ...args);
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 2, stdout: "", stderr: `${sentence}\n` });
    expect(readdirSync(work).sort()).toEqual(["kgen.yaml", "link.yaml"]);
    expect(lstatSync(join(work, "link.yaml")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(work, "kgen.yaml"), "utf8")).toBe("mine\n");
  });
});

test.each(["stock-trades", "clickstream", "trade-sharing", "store-cameras"])("--example %s copies the bundled example", (example) => {
  expect(kgen("init", "my.yaml", "--example", example).status).toBe(0);
  const text = readFileSync(join(work, "my.yaml"), "utf8");
  expect(text.match(/yaml-language-server/g)).toHaveLength(1);
  expect(text).toContain(readFileSync(join(ROOT, "examples", `${example}.yaml`), "utf8").split("\n").slice(1).join("\n"));
});

test("an existing file is never overwritten; an unknown example is a usage error", () => {
  writeFileSync(join(work, "kgen.yaml"), "mine\n");
  const result = kgen("init");
  expect(result.status).toBe(2);
  expect(result.stderr).toContain("never overwrites");
  expect(readFileSync(join(work, "kgen.yaml"), "utf8")).toBe("mine\n");
  expect(kgen("init", "other.yaml", "--example", "nope").status).toBe(2);
});
