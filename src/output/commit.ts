/**
 * A run's commit and how to take it back, from the file system alone, so that a run killed at
 * any point (SIGKILL, Ctrl-C, a full disk, a power cut) can be undone by the next one.
 *
 * A run works in one staging folder in the output folder, `.kgen-run-XXXXXX/`:
 *
 *     plan.json                 the journal: per module, the files to move in (with the SHA-256
 *                               of their content), the files to remove, the folders to create
 *                               and to remove when empty. Written, flushed to disk and renamed
 *                               into place before the first module file is touched.
 *     modules/NAME/new/FILE     the staged content of every file the commit moves in
 *     modules/NAME/old/FILE     what the commit moved aside: a file it replaces or removes
 *     committed                 created after the last module file is in place
 *
 * Every staged file and the journal are flushed to disk before the first rename, and the renames
 * before the marker, so after a power cut too the next run finds each file whole.
 *
 * Each step of the commit is one rename, so every file is at any moment in one of a few states
 * the roll back tells apart: staged (in new/) or in place; previous version in place, aside (in
 * old/) or absent. Without `committed`, the next run rolls every module back to its previous
 * files (all old); with it, every module already holds the new files (all new) and only the
 * staging folder is left to remove. A file in place is moved back only if it still holds exactly
 * what kgen staged (its SHA-256), so the roll back never takes away a file someone changed since.
 */
import { createHash } from "node:crypto";
import { closeSync, fdatasyncSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmdirSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { OutputError, parentFolders } from "./manifest";
import { MAX_MODULE_FILE_BYTES, kindAt, linkOnPath, readRegularFile } from "./read";

/** `mkdtemp` adds six characters from [A-Za-z0-9]. */
export const RUN_FOLDER_PREFIX = ".kgen-run-";
export const PLAN_FILE = "plan.json";
export const COMMITTED_FILE = "committed";

export interface RunPlan {
  version: 1;
  modules: ModulePlan[];
}

/** Paths are relative to the module folder; "" is the module folder itself. */
export interface ModulePlan {
  name: string;
  /** Folders that do not exist yet, parents first. */
  create: string[];
  /** Files moved into place, the manifest last. */
  write: Array<{ file: string; sha256: string }>;
  /** Files of a previous run that this one does not generate. */
  remove: string[];
  /** Folders removed once empty after the commit, deepest first. */
  prune: string[];
}

export function contentHash(content: string | Uint8Array): string {
  return (typeof content === "string" ? createHash("sha256").update(content, "utf8") : createHash("sha256").update(content)).digest("hex");
}

export function createRunFolder(outDir: string): string {
  return mkdtempSync(join(outDir, RUN_FOLDER_PREFIX));
}

export function stagedPath(run: string, module: string, side: "new" | "old", file: string): string {
  return join(run, "modules", module, side, file);
}

/**
 * Writes a file into the stage and flushes its content to disk; returns the SHA-256 of what it
 * wrote (encoded once, hashed and written: issue #17). Without the flush, a power cut after the
 * commit could leave a renamed file without its content: file systems may write the rename
 * before the data (ext4 with delayed allocation does for a new file; fsync(2), rename(2)). About
 * 0.25 ms per file on the project's machine (ext4), a few per module.
 */
export function stageFile(run: string, module: string, file: string, content: string): string {
  const path = stagedPath(run, module, "new", file);
  mkdirSync(dirname(path), { recursive: true });
  const bytes = Buffer.from(content, "utf8");
  const fd = openSync(path, "wx");
  try {
    writeAll(fd, bytes);
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return contentHash(bytes);
}

/** writeSync may write less than asked (a full disk reports ENOSPC on the next call). */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
}

/** The journal, on disk before anything else happens: a crash while writing it leaves no plan at all. */
export function writePlan(run: string, plan: RunPlan): void {
  const partial = join(run, `${PLAN_FILE}.partial`);
  const fd = openSync(partial, "wx");
  try {
    writeSync(fd, `${JSON.stringify(plan, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, join(run, PLAN_FILE));
  syncFolder(run);
}

export function commitRun(outDir: string, run: string, plan: RunPlan): void {
  for (const module of plan.modules) commitModule(outDir, run, module);
  // The renames reach the disk before the marker that says they happened: each folder a file
  // was moved into (a module folder, its tests/), and the output folder that holds new modules.
  const folders = plan.modules.flatMap((module) => ["", ...module.write.flatMap((w) => parentFolders(w.file))].map((folder) => join(outDir, module.name, folder)));
  for (const folder of new Set([outDir, ...folders])) syncFolder(folder);
  closeSync(openSync(join(run, COMMITTED_FILE), "wx"));
  syncFolder(run);
}

function commitModule(outDir: string, run: string, module: ModulePlan): void {
  const dir = join(outDir, module.name);
  for (const folder of module.create) mkdirSync(join(dir, folder));
  for (const { file } of module.write) {
    const target = join(dir, file);
    if (kindAt(target) !== undefined) moveTo(target, stagedPath(run, module.name, "old", file));
    renameSync(stagedPath(run, module.name, "new", file), target);
  }
  for (const file of module.remove) {
    const target = join(dir, file);
    if (kindAt(target) !== undefined) moveTo(target, stagedPath(run, module.name, "old", file));
  }
  for (const folder of module.prune) removeIfEmpty(join(dir, folder));
}

/**
 * Puts every module of the plan back as it was before the commit began, whatever step the commit
 * reached. Safe to repeat: a roll back interrupted in turn is finished by the next one.
 */
export function rollBackRun(outDir: string, run: string, plan: RunPlan): void {
  for (const module of [...plan.modules].reverse()) rollBackModule(outDir, run, module);
}

function rollBackModule(outDir: string, run: string, module: ModulePlan): void {
  const dir = join(outDir, module.name);
  // The plan may have been written by someone else: never act through a link it leads to.
  const kind = kindAt(dir);
  const onPath = [...module.remove, ...module.write.map((w) => w.file)].map((file) => linkOnPath(dir, join(dir, file), { includeLast: false })).find((found) => found);
  if ((kind !== undefined && kind !== "folder") || onPath !== undefined) {
    throw new OutputError(`cannot restore module ${dir} from ${run}: ${onPath?.path ?? dir} is a ${onPath?.kind ?? kind}, not a folder; kgen does not act through it`);
  }
  for (const file of [...module.remove].reverse()) restore(dir, file, stagedPath(run, module.name, "old", file), run);
  for (const { file, sha256 } of [...module.write].reverse()) {
    const staged = stagedPath(run, module.name, "new", file);
    const target = join(dir, file);
    if (kindAt(staged) === undefined && kindAt(target) !== undefined) {
      // Moved in: take it out again, into the stage, if it is still what kgen staged.
      const read = readRegularFile(target, MAX_MODULE_FILE_BYTES, dir);
      if (!read.ok || contentHash(read.text) !== sha256) throw changedSince(target, run);
      moveTo(target, staged);
    }
    restore(dir, file, stagedPath(run, module.name, "old", file), run);
  }
  for (const folder of [...module.create].reverse()) removeIfEmpty(join(dir, folder));
}

/** Moves a file back from the stage's old/ to its place, creating the folders it was in. */
function restore(dir: string, file: string, aside: string, run: string): void {
  if (kindAt(aside) === undefined) return;
  const target = join(dir, file);
  if (kindAt(target) !== undefined) throw changedSince(target, run);
  for (const folder of ["", ...parentFolders(file)]) {
    const path = join(dir, folder);
    const kind = kindAt(path);
    if (kind === undefined) mkdirSync(path);
    else if (kind !== "folder") throw new OutputError(`cannot restore ${target} from ${run}: ${path} is a ${kind}, not a folder; move it away and run kgen synth again`);
  }
  renameSync(aside, target);
}

function changedSince(target: string, run: string): OutputError {
  return new OutputError(
    `cannot restore ${target} from the interrupted run in ${run}: it was changed after that run; ` +
      `keep the version you want (the previous one, if any, is under ${join(run, "modules")}), then remove ${run}`,
  );
}

function moveTo(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  renameSync(from, to);
}

function removeIfEmpty(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // Not empty (a file of the user's keeps it), or already gone.
  }
}

/** Flushes a folder's entries (renames, new files) to disk; not possible on every platform. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, "r");
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder; the rename journal still protects against a killed process.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
