/**
 * The manifest kgen keeps in each module folder: the files it wrote there. kgen only ever
 * overwrites or deletes files listed in it, so a user's own file in the folder is never touched.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const MANIFEST_FILE = ".kgen-manifest.json";

export interface Manifest {
  files: string[];
}

export function manifestText(files: Iterable<string>): string {
  return `${JSON.stringify({ files: [...files].sort() }, null, 2)}\n`;
}

/** The files kgen wrote in `dir` last time; none when there is no readable manifest. */
export function readManifest(dir: string): Manifest {
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST_FILE), "utf8");
  } catch {
    return { files: [] };
  }
  const parsed: unknown = JSON.parse(text);
  const files = (parsed as { files?: unknown }).files;
  if (!Array.isArray(files) || !files.every((f): f is string => typeof f === "string" && isPlainFileName(f))) {
    throw new Error(`${join(dir, MANIFEST_FILE)} is not a kgen manifest; remove it to let kgen write this folder`);
  }
  return { files };
}

/** Module files are plain names in the module folder: no separators, no `..`. */
export function isPlainFileName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !/[\\/]/.test(name);
}
