/**
 * `kgen schema` and the kgen.schema.json the package ships: the committed file is exactly what
 * the command prints, so it can never go stale. After a change to src/spec/schema.ts:
 *
 *   npm run build && node bin/kgen.js schema > kgen.schema.json
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { toJsonSchema } from "../../src/spec/schema";
import { ROOT } from "../support/examples";

const BIN = join(ROOT, "bin", "kgen.js");

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` (npm ci does it)");
});

test("kgen schema prints the JSON Schema on stdout, and only that", () => {
  const result = spawnSync(process.execPath, [BIN, "schema"], { cwd: ROOT, encoding: "utf8" });
  expect(result.status).toBe(0);
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual(toJsonSchema());
});

test("the committed kgen.schema.json is exactly what kgen schema prints", () => {
  const printed = spawnSync(process.execPath, [BIN, "schema"], { cwd: ROOT, encoding: "utf8" }).stdout;
  const committed = readFileSync(join(ROOT, "kgen.schema.json"), "utf8");
  // toBe on the whole text: a failure shows the diff to commit.
  expect(committed).toBe(printed);
});

test("the package ships kgen.schema.json", () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files?: string[] };
  expect(manifest.files).toContain("kgen.schema.json");
});
