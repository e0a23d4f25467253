/**
 * The Terraform files kgen wrote in a module folder last time: the `.tf` files its manifest lists,
 * read through the same reader as `--check`. The folder may come from a pull request, so a file
 * that cannot be read is left out, and its content is only ever parsed (state/module-text.ts).
 */
import { join } from "node:path";
import { readOrUndefined } from "./check";
import { readManifest } from "./manifest";

export function previousModuleTexts(dir: string): string[] {
  let files: string[];
  try {
    files = readManifest(dir).files;
  } catch {
    // An unreadable manifest stops `kgen synth` when it writes, and fails `--check`.
    return [];
  }
  return files.filter((file) => file.endsWith(".tf")).flatMap((file) => readOrUndefined(join(dir, file)) ?? []);
}
