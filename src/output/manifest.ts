/**
 * The manifest kgen keeps in each module folder: the spec it came from and the files it wrote
 * there. kgen only ever overwrites or deletes files listed in it, so a user's own file in the
 * folder is never touched.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { MAX_MODULE_FILE_BYTES, kindAt, readRegularFile, unreadMessage } from "./read";

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
  /** Paths relative to the module folder, `/`-separated (`main.tf`, `tests/kgen.tftest.hcl`). */
  files: string[];
}

export function manifestText(spec: string, files: Iterable<string>): string {
  return `${JSON.stringify({ spec, files: [...files].sort() }, null, 2)}\n`;
}

/**
 * The files kgen wrote in `dir` last time; none when there is no manifest. A manifest that is
 * not a regular file, or not one kgen could have written, is refused (OutputError): kgen acts on
 * its entries, so a forged one must not make it remove a folder or a file outside the module.
 * `dir` itself is the caller's to check (module-folder.ts).
 */
export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST_FILE);
  const read = readRegularFile(path, MAX_MODULE_FILE_BYTES);
  if (!read.ok && read.problem === "missing") return { files: [] };
  if (!read.ok) throw new OutputError(`${unreadMessage(path, read)}; remove it to let kgen write this folder`);
  const { spec, files } = parseOrUndefined(read.text) ?? {};
  const filesOk = Array.isArray(files) && files.every((f): f is string => typeof f === "string" && isModuleFilePath(f));
  if (!filesOk || (spec !== undefined && typeof spec !== "string")) {
    throw new OutputError(`${path} is not a kgen manifest; remove it to let kgen write this folder`);
  }
  return spec === undefined ? { files } : { spec, files };
}

/**
 * Module folders under `outDir` that a run of spec `spec` wrote and that are not among
 * `generated`: the companion module of an account that has left the spec. kgen removes the files
 * it wrote there. A folder that is a link, or whose manifest kgen cannot read or names no spec,
 * is not kgen's to judge and is left alone.
 */
export function retiredModules(outDir: string, spec: string, generated: ReadonlySet<string>): string[] {
  let entries: string[];
  try {
    entries = readdirSync(outDir);
  } catch {
    return [];
  }
  return entries
    .filter((name) => !name.startsWith(".") && !generated.has(name) && kindAt(join(outDir, name)) === "folder")
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

/** A module folder or a segment of a module file's path: a plain name, no separators, not `.` or `..`. */
export function isPlainFileName(name: string): boolean {
  // NUL ends a path for the operating system; Node refuses it, but a name holding one is never plain.
  return name !== "" && name !== "." && name !== ".." && !/[\\/\0]/.test(name);
}

/**
 * A file inside its module folder: plain names joined by `/` (`tests/kgen.tftest.hcl`). No
 * absolute path, no `..`, no empty segment, no backslash: nothing that leaves the folder.
 */
export function isModuleFilePath(path: string): boolean {
  return path.split("/").every(isPlainFileName);
}

/** The folders a module file lies in, outermost first: `a/b/c.tf` -> `a`, `a/b`. */
export function parentFolders(path: string): string[] {
  const segments = path.split("/").slice(0, -1);
  return segments.map((_, index) => segments.slice(0, index + 1).join("/"));
}
