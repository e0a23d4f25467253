/**
 * The statements an existing key's owner must add are a file kgen writes (key-policy-statements/
 * <key>.json): listed in the module's manifest, restored by synth, caught by --check, removed when
 * the key leaves the spec or is created by the module again; a user's own file beside them stays.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLES_DIR, ROOT } from "../support/examples";

const BIN = join(ROOT, "bin", "kgen.js");
const SPEC = "examples/shared-key.yaml";
let work: string;

function kgen(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const statements = (key: string): string => join(work, "modules", "shared-key", "key-policy-statements", `${key}.json`);

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` (npm ci does it)");
});

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-existing-keys-"));
  cpSync(EXAMPLES_DIR, join(work, "examples"), { recursive: true });
  expect(kgen("synth", SPEC).code).toBe(0);
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

test("the statements are written as committed, listed in the manifest, and --check catches an edit", () => {
  expect(readFileSync(statements("central-payments"), "utf8")).toBe(readFileSync(join(ROOT, "modules", "shared-key", "key-policy-statements", "central-payments.json"), "utf8"));
  const manifest = JSON.parse(readFileSync(join(work, "modules", "shared-key", ".kgen-manifest.json"), "utf8")) as { files: string[] };
  expect(manifest.files).toEqual(expect.arrayContaining(["key-policy-statements/cameras.json", "key-policy-statements/central-payments.json"]));
  expect(kgen("synth", "--check", SPEC).code).toBe(0);
  writeFileSync(statements("central-payments"), readFileSync(statements("central-payments"), "utf8").replace("kms:Decrypt", "kms:*"));
  const checked = kgen("synth", "--check", SPEC);
  expect(checked.code).toBe(3);
  expect(checked.stderr).toContain("key-policy-statements/central-payments.json: differs at line");
  expect(kgen("synth", SPEC).code).toBe(0);
  expect(kgen("synth", "--check", SPEC).code).toBe(0);
});

test("a key the module creates again takes its statements file away; the user's own file beside it stays", () => {
  writeFileSync(join(work, "modules", "shared-key", "key-policy-statements", "notes.md"), "mine\n");
  const spec = join(work, SPEC);
  writeFileSync(spec, readFileSync(spec, "utf8").replace(/ {4}arn: arn:aws:kms:eu-central-1:123456789012:key\/[0-9a-f-]+\n/, "    alias: cameras\n"));
  expect(kgen("synth", SPEC).code).toBe(0);
  expect(existsSync(statements("cameras"))).toBe(false);
  expect(existsSync(statements("central-payments"))).toBe(true);
  expect(readFileSync(join(work, "modules", "shared-key", "key-policy-statements", "notes.md"), "utf8")).toBe("mine\n");
  expect(readFileSync(join(work, "modules", "shared-key", "keys.tf"), "utf8")).toContain('resource "aws_kms_key" "cameras"');
});
