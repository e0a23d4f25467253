/**
 * Safe writes, in two phases over all modules of a run:
 *
 * 1. Stage: every module's files are written to a temporary folder beside it (`.NAME.kgen-XXXX`),
 *    after checking its folder (manifest, files kgen does not own). A failure here has touched
 *    no module folder.
 * 2. Commit: files are renamed into place; a file they replace, or a stale file a previous run
 *    wrote, is first moved aside into the stage. A failure here moves everything back, in every
 *    module of the run, so a failed run leaves the output folder as it was.
 *
 * kgen only ever overwrites or removes files its manifest lists (manifest.ts); any other file in
 * a module folder is kept and reported, and one in the way of a generated file stops the run.
 * The manifest is one of those files: a module with no files (a folder its spec no longer
 * generates) gets no manifest, so its previous files and manifest are all removed as stale, and
 * the folder too once nothing else is in it. A generated file may sit in a subfolder
 * (`tests/kgen.tftest.hcl`): kgen creates the subfolder, and removes it again once its own files
 * have left it and nothing else is in it.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ModuleFiles } from "../render/module";
import { MANIFEST_FILE, OutputError, isModuleFilePath, isPlainFileName, manifestText, readManifest } from "./manifest";

export { OutputError } from "./manifest";

export interface WriteReport {
  dir: string;
  /** The module had no files (its spec no longer generates it): kgen's files were removed, the folder too if empty. */
  retired: boolean;
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Files in the folder that kgen did not write: kept, and reported. */
  foreign: string[];
}

export interface ModuleToWrite {
  /** Folder name under the output folder: a plain name, never a path. */
  name: string;
  /** The `name` of the spec that generates it, recorded in the manifest. */
  spec: string;
  /** None for a folder its spec no longer generates (retiredModules()). */
  files: ModuleFiles;
}

interface StagedModule {
  dir: string;
  stage: string;
  /** Generated files plus the manifest, the manifest last; none at all for a module without files. */
  files: Map<string, string>;
  /** Files a previous run wrote, and the manifest: removed unless in `files`. */
  previous: string[];
}

/** One step of a commit, and how to take it back. */
type Step =
  | { kind: "created-dir"; dir: string }
  | { kind: "removed-dir"; dir: string }
  | { kind: "created"; target: string }
  | { kind: "moved-aside"; target: string; aside: string };

/** Writes every module, or (throwing) none: see the file comment. */
export function writeModules(outDir: string, modules: readonly ModuleToWrite[]): WriteReport[] {
  const staged: StagedModule[] = [];
  const steps: Step[] = [];
  let keepStages = false;
  let createdOut: string | undefined;
  let reports: WriteReport[];
  try {
    createdOut = mkdirSync(outDir, { recursive: true });
    for (const module of modules) staged.push(stageModule(outDir, module));
    try {
      reports = staged.map((module) => commitModule(module, steps));
    } catch (error) {
      const notRestored = rollBack(steps);
      if (notRestored.length === 0) throw error;
      // A second failure while undoing: keep the stages, which hold the previous files.
      keepStages = true;
      const where = staged.map((module) => module.stage).join(", ");
      throw new Error(`${describe(error)}; then could not restore ${notRestored.join(", ")}: the previous files are in ${where}`);
    }
  } catch (error) {
    if (!keepStages) removeStages(staged);
    // A failed first run leaves no empty output folder behind either.
    if (!keepStages && createdOut !== undefined) removeEmptyFolders(outDir, createdOut);
    throw asOutputError(error);
  }
  // Only files moved aside remain in the stages: the run has succeeded.
  removeStages(staged);
  return reports;
}

function removeStages(staged: readonly StagedModule[]): void {
  for (const module of staged) rmSync(module.stage, { recursive: true, force: true });
}

/** `dir` and its parents up to `top`, as long as they are empty. */
function removeEmptyFolders(dir: string, top: string): void {
  for (let folder = resolve(dir); ; folder = dirname(folder)) {
    try {
      rmdirSync(folder);
    } catch {
      return;
    }
    if (folder === resolve(top) || dirname(folder) === folder) return;
  }
}

function stageModule(outDir: string, module: ModuleToWrite): StagedModule {
  if (!isPlainFileName(module.name)) {
    throw new Error(`internal: module name ${JSON.stringify(module.name)} is not a plain folder name`);
  }
  const dir = join(outDir, module.name);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new OutputError(`${dir} is in the way: it is not a folder`);
  const previous = readManifest(dir).files;
  const files = new Map<string, string>();
  for (const [file, content] of module.files) {
    if (!isModuleFilePath(file) || file === MANIFEST_FILE) {
      throw new Error(`internal: generated file name ${JSON.stringify(file)} is not a plain path in the module folder`);
    }
    files.set(file, content);
  }
  if (module.files.size > 0) files.set(MANIFEST_FILE, manifestText(module.spec, module.files.keys()));
  for (const [file, content] of files) checkOwned(dir, file, content, previous);

  const stage = mkdtempSync(join(outDir, `.${module.name}.kgen-`));
  mkdirSync(join(stage, "new"));
  mkdirSync(join(stage, "old"));
  for (const [file, content] of files) {
    mkdirSync(dirname(join(stage, "new", file)), { recursive: true });
    writeFileSync(join(stage, "new", file), content);
  }
  return { dir, stage, files, previous: [...previous, MANIFEST_FILE] };
}

/** kgen may replace a file its manifest lists, or one that already holds exactly what it writes. */
function checkOwned(dir: string, file: string, content: string, previous: readonly string[]): void {
  for (const folder of subfolders(file)) {
    // Never write through a link or over a file: only a real folder may hold kgen's files.
    const stat = lstatSync(join(dir, folder), { throwIfNoEntry: false });
    if (stat !== undefined && !stat.isDirectory()) throw new OutputError(`${join(dir, folder)} is in the way: kgen writes files in a folder there; move it away`);
  }
  const target = join(dir, file);
  const stat = lstatSync(target, { throwIfNoEntry: false });
  if (stat === undefined) return;
  if (stat.isDirectory()) throw new OutputError(`${target} is a folder where kgen writes a file; move it away`);
  if (file === MANIFEST_FILE || previous.includes(file) || sameContent(target, content)) return;
  throw new OutputError(
    `${target} was not written by kgen (${MANIFEST_FILE} does not list it); move it away to let kgen write this module`,
  );
}

function commitModule(module: StagedModule, steps: Step[]): WriteReport {
  const { dir, stage, files } = module;
  const retired = files.size === 0;
  const report: WriteReport = { dir, retired, written: [], unchanged: [], removed: [], foreign: [] };
  if (retired && !existsSync(dir)) return report;
  if (!existsSync(dir)) {
    mkdirSync(dir);
    steps.push({ kind: "created-dir", dir });
  }
  for (const [file, content] of files) {
    const target = join(dir, file);
    const exists = lstatSync(target, { throwIfNoEntry: false }) !== undefined;
    if (exists && sameContent(target, content)) {
      if (file !== MANIFEST_FILE) report.unchanged.push(file);
      continue;
    }
    if (exists) moveAside(target, join(stage, "old", file), steps);
    for (const folder of subfolders(file)) {
      if (existsSync(join(dir, folder))) continue;
      mkdirSync(join(dir, folder));
      steps.push({ kind: "created-dir", dir: join(dir, folder) });
    }
    renameSync(join(stage, "new", file), target);
    steps.push({ kind: "created", target });
    if (file !== MANIFEST_FILE) report.written.push(file);
  }
  for (const file of module.previous) {
    const target = join(dir, file);
    if (files.has(file) || lstatSync(target, { throwIfNoEntry: false }) === undefined) continue;
    moveAside(target, join(stage, "old", file), steps);
    if (file !== MANIFEST_FILE) report.removed.push(file);
  }
  removeEmptySubfolders(dir, module.previous, files, steps);
  report.foreign = foreignFiles(dir, files);
  if (retired && report.foreign.length === 0) {
    rmdirSync(dir);
    steps.push({ kind: "removed-dir", dir });
  }
  return report;
}

/** `tests/a/b.hcl` -> `tests`, `tests/a`: the folders a module file sits in, outermost first. */
function subfolders(file: string): string[] {
  const parts = file.split("/").slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** Subfolders kgen's files lived in that now hold nothing, innermost first: removed. */
function removeEmptySubfolders(dir: string, previous: readonly string[], files: ReadonlyMap<string, string>, steps: Step[]): void {
  const stillUsed = new Set([...files.keys()].flatMap(subfolders));
  const candidates = [...new Set(previous.flatMap(subfolders))].filter((folder) => !stillUsed.has(folder));
  for (const folder of candidates.sort((a, b) => b.length - a.length)) {
    const path = join(dir, folder);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (stat === undefined || !stat.isDirectory() || readdirSync(path).length > 0) continue;
    rmdirSync(path);
    steps.push({ kind: "removed-dir", dir: path });
  }
}

/** What the module folder holds that kgen did not write, looking inside the folders kgen writes into. */
function foreignFiles(dir: string, files: ReadonlyMap<string, string>): string[] {
  const ownFolders = new Set([...files.keys()].flatMap(subfolders));
  const list = (folder: string): string[] =>
    readdirSync(folder === "" ? dir : join(dir, folder)).flatMap((entry) => {
      const path = folder === "" ? entry : `${folder}/${entry}`;
      if (files.has(path)) return [];
      return ownFolders.has(path) ? list(path) : [path];
    });
  return list("").sort();
}

function moveAside(target: string, aside: string, steps: Step[]): void {
  mkdirSync(dirname(aside), { recursive: true });
  renameSync(target, aside);
  steps.push({ kind: "moved-aside", target, aside });
}

/** Undoes the steps, last first; returns what could not be restored. */
function rollBack(steps: readonly Step[]): string[] {
  const failed: string[] = [];
  for (const step of [...steps].reverse()) {
    try {
      if (step.kind === "created") rmSync(step.target, { force: true });
      else if (step.kind === "moved-aside") renameSync(step.aside, step.target);
      else if (step.kind === "removed-dir") mkdirSync(step.dir);
      else rmdirSync(step.dir);
    } catch {
      failed.push(step.kind === "created-dir" || step.kind === "removed-dir" ? step.dir : step.target);
    }
  }
  return failed;
}

function sameContent(path: string, content: string): boolean {
  try {
    return readFileSync(path, "utf8") === content;
  } catch {
    return false;
  }
}

/**
 * The file system refusing (a read-only folder, a full disk) is a problem of the output folder,
 * reported as such; anything else is a bug in kgen and stays an exception.
 */
function asOutputError(error: unknown): unknown {
  if (error instanceof OutputError) return error;
  const system = error as Partial<NodeJS.ErrnoException>;
  if (error instanceof Error && typeof system.code === "string" && typeof system.syscall === "string") {
    return new OutputError(`cannot write ${system.path ?? "the output folder"}: ${system.code} (${system.syscall})`);
  }
  return error;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
