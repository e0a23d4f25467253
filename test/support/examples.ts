/** The bundled example specs: each is documentation, a golden test and an access test. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(__dirname, "..", "..");
export const EXAMPLES_DIR = join(ROOT, "examples");
export const MODULES_DIR = join(ROOT, "modules");

export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => join(EXAMPLES_DIR, file));
}

export function readExample(file: string): string {
  return readFileSync(file, "utf8");
}

/**
 * Removes trade-sharing's share to account 444455556666 from a copy of the example in `work`,
 * as a user would when that account leaves the spec.
 */
export function dropPartnerShare(work: string): void {
  const spec = join(work, "examples", "trade-sharing.yaml");
  const text = readFileSync(spec, "utf8");
  const without = text.replace(/ {2}partner-quotes:\n( {4}.*\n)+/, "");
  if (without === text) throw new Error("examples/trade-sharing.yaml no longer has the partner-quotes share");
  writeFileSync(spec, without);
}
