/** The kgen package this code runs from: a clone of kgen, or node_modules/kgen in a user's project. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** dist/cli/ (or src/cli/ under the tests) is two folders below the package root. */
export const PACKAGE_ROOT = join(__dirname, "..", "..");

/** The version in package.json, as `kgen --version` prints it. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}
