/**
 * The manifest kgen keeps in each module folder: the spec it came from and the files it wrote
 * there. kgen only ever overwrites or deletes files listed in it, so a user's own file in the
 * folder is never touched.
 */
import { readFileSync, readdirSync } from "node:fs";
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
  /** The `name` of the spec whose run wrote the folder; absent in manifests of kgen 0.1. */
  spec?: string;
  files: string[];
}

export function manifestText(spec: string, files: Iterable<string>): string {
  return `${JSON.stringify({ spec, files: [...files].sort() }, null, 2)}\n`;
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
  const { spec, files } = parseOrUndefined(text) ?? {};
  // Names are checked before kgen acts on them: a manifest saying `../../x` must not make kgen
  // remove a file outside the module folder.
  const filesOk = Array.isArray(files) && files.every((f): f is string => typeof f === "string" && isModuleFilePath(f));
  if (!filesOk || (spec !== undefined && typeof spec !== "string")) {
    throw new OutputError(`${join(dir, MANIFEST_FILE)} is not a kgen manifest; remove it to let kgen write this folder`);
  }
  return spec === undefined ? { files } : { spec, files };
}

/**
 * Module folders under `outDir` that a run of spec `spec` wrote and that are not among
 * `generated`: the companion module of an account that has left the spec. kgen removes the files
 * it wrote there. A folder whose manifest kgen cannot read, or names no spec, is not kgen's to
 * judge and is left alone.
 */
export function retiredModules(outDir: string, spec: string, generated: ReadonlySet<string>): string[] {
  let entries: string[];
  try {
    entries = readdirSync(outDir);
  } catch {
    return [];
  }
  return entries
    .filter((name) => !name.startsWith(".") && !generated.has(name))
    .filter((name) => {
      try {
        return readManifest(join(outDir, name)).spec === spec;
      } catch {
        return false;
      }
    })
    .sort();
}

function parseOrUndefined(text: string): { spec?: unknown; files?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A module file's path inside its folder: plain names joined by `/` (`tests/kgen.tftest.hcl`), so
 * no path can be absolute, empty or climb out with `..`.
 */
export function isModuleFilePath(path: string): boolean {
  return path.split("/").every(isPlainFileName);
}

/** A plain name of one file or folder: no separators, no `..`. */
export function isPlainFileName(name: string): boolean {
  // NUL ends a path for the operating system; Node refuses it, but a name holding one is never plain.
  return name !== "" && name !== "." && name !== ".." && !/[\\/\0]/.test(name);
}
