/**
 * The manifest kgen keeps in each module folder: the files it wrote there. kgen only ever
 * overwrites or deletes files listed in it, so a user's own file in the folder is never touched.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const MANIFEST_FILE = ".kgen-manifest.json";

/**
 * A problem of the output folder rather than of the spec or of kgen: a hand-edited manifest, a
 * file in the way, a read-only disk. The CLI prints the message alone, without a stack trace.
 */
export class OutputError extends Error {
  override readonly name = "OutputError";
}

export interface Manifest {
  files: string[];
}

export function manifestText(files: Iterable<string>): string {
  return `${JSON.stringify({ files: [...files].sort() }, null, 2)}\n`;
}

/** The files kgen wrote in `dir` last time; none when there is no manifest. */
export function readManifest(dir: string): Manifest {
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST_FILE), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { files: [] };
    throw new OutputError(`cannot read ${join(dir, MANIFEST_FILE)}: ${code ?? String(error)}`);
  }
  const files = parseOrUndefined(text)?.files;
  // Names are checked before kgen acts on them: a manifest saying `../../x` must not make kgen
  // remove a file outside the module folder.
  if (!Array.isArray(files) || !files.every((f): f is string => typeof f === "string" && isPlainFileName(f))) {
    throw new OutputError(`${join(dir, MANIFEST_FILE)} is not a kgen manifest; remove it to let kgen write this folder`);
  }
  return { files };
}

function parseOrUndefined(text: string): { files?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Module files are plain names in the module folder: no separators, no `..`. */
export function isPlainFileName(name: string): boolean {
  // NUL ends a path for the operating system; Node refuses it, but a name holding one is never plain.
  return name !== "" && name !== "." && name !== ".." && !/[\\/\0]/.test(name);
}
