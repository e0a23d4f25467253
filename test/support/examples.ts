/** The bundled example specs: each is documentation, a golden test and an access test. */
import { readdirSync, readFileSync } from "node:fs";
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
