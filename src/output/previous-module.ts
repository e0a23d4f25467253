/**
 * The Terraform files kgen wrote in a module folder last time: the top-level `.tf` files its
 * manifest lists, seen as `synth` and `--check` see the folder (module-folder.ts) and read through
 * the one safe reader (read.ts) — the folder may come from a pull request. A folder kgen may not
 * touch, or a file that cannot be read, gives nothing (the write or the check reports it), and
 * what is read is only ever parsed (state/module-text.ts).
 */
import { join } from "node:path";
import type { GeneratedModule } from "../compile";
import { checkOutFolder, inspectModuleFolder } from "./module-folder";
import { MAX_MODULE_FILE_BYTES, readRegularFile } from "./read";

export function previousModuleTexts(outDir: string, module: GeneratedModule): string[] {
  let previous: string[];
  try {
    checkOutFolder(outDir);
    previous = inspectModuleFolder(outDir, module.name, module.spec, module.files.keys()).previous;
  } catch {
    return [];
  }
  const dir = join(outDir, module.name);
  return previous
    .filter((file) => file.endsWith(".tf") && !file.includes("/"))
    .flatMap((file) => {
      const read = readRegularFile(join(dir, file), MAX_MODULE_FILE_BYTES, dir);
      return read.ok ? [read.text] : [];
    });
}
