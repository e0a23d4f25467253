/**
 * Safe writes. Files are staged in a temporary folder beside the module and renamed into place
 * only once all of them are written, so a failure leaves the previous module as it was. Files a
 * previous run wrote and this one does not are removed; anything else in the folder is kept.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ModuleFiles } from "../render/module";
import { MANIFEST_FILE, isPlainFileName, manifestText, readManifest } from "./manifest";

export interface WriteReport {
  dir: string;
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Files in the folder that kgen did not write: kept, and reported. */
  foreign: string[];
}

export function writeModule(outDir: string, name: string, files: ModuleFiles): WriteReport {
  if (!isPlainFileName(name)) throw new Error(`internal: module name ${JSON.stringify(name)} is not a plain folder name`);
  const dir = join(outDir, name);
  const previous = readManifest(dir);
  const all = new Map(files);
  all.set(MANIFEST_FILE, manifestText(files.keys()));

  mkdirSync(outDir, { recursive: true });
  const stage = mkdtempSync(join(outDir, `.${name}.kgen-`));
  const report: WriteReport = { dir, written: [], unchanged: [], removed: [], foreign: [] };
  try {
    for (const [file, content] of all) {
      if (!isPlainFileName(file)) throw new Error(`internal: generated file name ${JSON.stringify(file)} is not plain`);
      writeFileSync(join(stage, file), content);
    }
    mkdirSync(dir, { recursive: true });
    for (const [file, content] of all) {
      const target = join(dir, file);
      if (existsSync(target) && readFileSync(target, "utf8") === content) {
        if (file !== MANIFEST_FILE) report.unchanged.push(file);
        continue;
      }
      renameSync(join(stage, file), target);
      if (file !== MANIFEST_FILE) report.written.push(file);
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  for (const file of previous.files) {
    if (all.has(file)) continue;
    rmSync(join(dir, file), { force: true });
    report.removed.push(file);
  }
  report.foreign = readdirSync(dir).filter((file) => !all.has(file)).sort();
  return report;
}
