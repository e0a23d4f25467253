/** `kgen init` writes a starter spec that validates and synthesizes, and never overwrites a file. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/examples";

let work: string;
const kgen = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "bin", "kgen.js"), ...args], { cwd: work, encoding: "utf8" });

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-init-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

test("the starter spec has the schema line, validates and synthesizes", () => {
  expect(kgen("init").status).toBe(0);
  const text = readFileSync(join(work, "kgen.yaml"), "utf8");
  expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=node_modules/kgen/kgen.schema.json");
  expect(kgen("validate", "kgen.yaml").status).toBe(0);
  expect(kgen("synth", "kgen.yaml").status).toBe(0);
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
