/**
 * Safe writes, all modules of a run or none:
 *
 * 1. Plan: every module folder is inspected (module-folder.ts) and every file kgen would replace
 *    checked to be kgen's, before anything is written. A refusal here has written nothing.
 * 2. Stage: the files that change are written to the run's staging folder, then the journal
 *    (commit.ts). A failure here has touched no module folder.
 * 3. Commit: files are renamed into place; a file they replace, or a stale file a previous run
 *    wrote, is first moved aside into the stage. A failure here rolls every module of the run
 *    back; a crash here is rolled back by the next run (recover.ts).
 *
 * kgen only ever overwrites or removes files its manifest lists (manifest.ts); any other file in
 * a module folder is kept and reported, one in the way of a generated file stops the run, and so
 * does one Terraform would read with the generated files (terraform-files.ts). The manifest is
 * one of kgen's files: a module with no files (a folder its spec no longer generates) gets no
 * manifest, so its previous files and manifest are all removed, and the folder too once nothing
 * else is in it.
 */
import { mkdirSync, rmSync, rmdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ModuleFiles } from "../render/module";
import { commitRun, createRunFolder, rollBackRun, stageFile, writePlan, type ModulePlan, type RunPlan } from "./commit";
import { MANIFEST_FILE, OutputError, isModuleFilePath, isPlainFileName, manifestText, parentFolders } from "./manifest";
import { checkOutFolder, inspectModuleFolder, type ModuleFolder } from "./module-folder";
import { MAX_MODULE_FILE_BYTES, kindAt, linkOnPath, readRegularFile } from "./read";
import { interruptedRuns } from "./recover";

export { OutputError } from "./manifest";

export interface WriteReport {
  dir: string;
  /** The module had no files (its spec no longer generates it): kgen's files were removed, the folder too if empty. */
  retired: boolean;
  written: string[];
  unchanged: string[];
  removed: string[];
  /** What is in the folder that kgen did not write: kept, and reported (folders end with `/`). */
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

interface PlannedModule {
  plan: ModulePlan;
  /** What to stage, in order: each is added to `plan.write` with its hash as it is staged. */
  contents: Map<string, string>;
  report: WriteReport;
}

/** Writes every module, or (throwing) none: see the file comment. */
export function writeModules(outDir: string, modules: readonly ModuleToWrite[]): WriteReport[] {
  const planned = planRun(outDir, modules);
  // Every file already as generated (a synth with nothing new): no module folder changes, so
  // there is nothing to journal, and the output folder is left untouched (no staging folder).
  if (planned.every(changesNothing)) return planned.map((module) => module.report);
  const { run, plan, reports, createdOut } = stageModules(outDir, planned);
  try {
    commitRun(outDir, run, plan);
  } catch (error) {
    try {
      rollBackRun(outDir, run, plan);
    } catch (undo) {
      // A second failure while undoing: keep the stage, which holds the previous files and the
      // journal. The first failure decides whose problem it is (the file system's, or kgen's).
      const message = `${describe(error)}; then could not restore the previous files (${describe(undo)}): they are in ${run}, and the next kgen synth restores them`;
      throw asOutputError(error) instanceof OutputError ? new OutputError(message) : new Error(message);
    }
    rmSync(run, { recursive: true, force: true });
    // A failed first run leaves no empty output folder behind either.
    if (createdOut !== undefined) removeEmptyFolders(outDir, createdOut);
    throw asOutputError(error);
  }
  // Committed: what is left in the stage is the previous files. A failure to remove it is
  // harmless: the next run finds the `committed` marker and removes it.
  rmSync(run, { recursive: true, force: true, maxRetries: 2 });
  return reports;
}

export interface StagedRun {
  /** The run's staging folder, holding the journal. */
  run: string;
  plan: RunPlan;
  /** What the commit will have done, per module. */
  reports: WriteReport[];
  /** The first folder `mkdir -p` created for the output folder, if it did not exist. */
  createdOut: string | undefined;
}

/** Phases 1 and 2: plans every module, stages the files and the journal; touches no module folder. */
export function stageRun(outDir: string, modules: readonly ModuleToWrite[]): StagedRun {
  return stageModules(outDir, planRun(outDir, modules));
}

/** Phase 1: reads and checks the output folder, writes nothing. */
function planRun(outDir: string, modules: readonly ModuleToWrite[]): PlannedModule[] {
  checkOutFolder(outDir);
  const left = interruptedRuns(outDir);
  if (left.length > 0) throw new OutputError(`${left[0].path} is left by an interrupted run; recover it first (recoverInterruptedRuns)`);
  if (new Set(modules.map((module) => module.name)).size !== modules.length) throw new Error("internal: two modules of one run have the same folder");
  return modules.map((module) => planModule(outDir, module));
}

function changesNothing({ plan, contents }: PlannedModule): boolean {
  return contents.size === 0 && plan.create.length === 0 && plan.remove.length === 0 && plan.prune.length === 0;
}

/** Phase 2: the staging folder, the changed files in it and the journal. */
function stageModules(outDir: string, planned: readonly PlannedModule[]): StagedRun {
  const plan: RunPlan = { version: 1, modules: planned.map((module) => module.plan) };

  let createdOut: string | undefined;
  let run: string | undefined;
  try {
    createdOut = mkdirSync(outDir, { recursive: true });
    run = createRunFolder(outDir);
    for (const module of planned) {
      for (const [file, content] of module.contents) module.plan.write.push({ file, sha256: stageFile(run, module.plan.name, file, content) });
    }
    writePlan(run, plan);
  } catch (error) {
    if (run !== undefined) rmSync(run, { recursive: true, force: true });
    if (createdOut !== undefined) removeEmptyFolders(outDir, createdOut);
    throw asOutputError(error);
  }
  return { run, plan, reports: planned.map((module) => module.report), createdOut };
}

function planModule(outDir: string, module: ModuleToWrite): PlannedModule {
  if (!isPlainFileName(module.name)) {
    throw new Error(`internal: module name ${JSON.stringify(module.name)} is not a plain folder name`);
  }
  for (const file of module.files.keys()) {
    if (!isModuleFilePath(file) || file === MANIFEST_FILE) {
      throw new Error(`internal: generated file name ${JSON.stringify(file)} is not a plain file path inside the module folder`);
    }
  }
  const folder = inspectModuleFolder(outDir, module.name, module.spec, module.files.keys());
  const retired = module.files.size === 0;
  if (!retired) refuseTerraformFiles(folder);

  const files = new Map(module.files);
  if (!retired) files.set(MANIFEST_FILE, manifestText(module.spec, module.files.keys()));
  const report: WriteReport = { dir: folder.dir, retired, written: [], unchanged: [], removed: [], foreign: folder.notWritten.map((entry) => entry.path) };
  const plan: ModulePlan = { name: module.name, create: [], write: [], remove: [], prune: [] };
  const contents = new Map<string, string>();

  if (!folder.exists && !retired) plan.create.push("");
  for (const [file, content] of files) {
    for (const parent of parentFolders(file)) if (!folder.exists || checkFolder(folder, parent)) addOnce(plan.create, parent);
    if (folder.exists && isUnchanged(folder, file, content)) {
      if (file !== MANIFEST_FILE) report.unchanged.push(file);
      continue;
    }
    contents.set(file, content);
    if (file !== MANIFEST_FILE) report.written.push(file);
  }
  for (const file of [...folder.previous, MANIFEST_FILE]) {
    if (files.has(file) || kindAt(join(folder.dir, file)) === undefined) continue;
    plan.remove.push(file);
    if (file !== MANIFEST_FILE) report.removed.push(file);
  }
  // Folders that held only kgen's removed files go too; the module folder when it is retired.
  const kept = new Set([...files.keys()].flatMap(parentFolders));
  const emptied = plan.remove.flatMap(parentFolders).filter((parent) => !kept.has(parent));
  plan.prune = [...new Set(emptied)].sort((a, b) => b.split("/").length - a.split("/").length || (a < b ? 1 : -1));
  if (retired) plan.prune.push("");
  return { plan, contents, report };
}

/** A Terraform file kgen did not write would change the module unseen: refuse to write next to it. */
function refuseTerraformFiles(folder: ModuleFolder): void {
  const read = folder.notWritten.filter((entry) => entry.terraformReads).map((entry) => join(folder.dir, entry.path));
  if (read.length === 0) return;
  const names = read.length === 1 ? read[0] : `${read.slice(0, -1).join(", ")} and ${read[read.length - 1]}`;
  throw new OutputError(
    `${names} ${read.length === 1 ? "was" : "were"} not written by kgen, and Terraform reads ${read.length === 1 ? "it" : "them"} with the generated files ` +
      "(an override or variables file changes the module unseen): remove or rename it, or keep your own Terraform in a folder of its own",
  );
}

/** True when the subfolder must be created; throws when something else is in its place. */
function checkFolder(folder: ModuleFolder, parent: string): boolean {
  const path = join(folder.dir, parent);
  const kind = kindAt(path);
  if (kind === undefined) return true;
  if (kind !== "folder") throw new OutputError(`${path} is a ${kind} where kgen writes a folder; move it away`);
  return false;
}

/**
 * Whether `file` already holds `content`. kgen may replace a file its manifest lists, or one
 * that holds exactly what it writes (then it is left as it is); anything else is the user's.
 */
function isUnchanged(folder: ModuleFolder, file: string, content: string): boolean {
  const target = join(folder.dir, file);
  const onPath = linkOnPath(folder.dir, target, { includeLast: false });
  if (onPath !== undefined) throw new OutputError(`${onPath.path} is a ${onPath.kind} where kgen writes a folder; move it away`);
  const kind = kindAt(target);
  if (kind === undefined) return false;
  if (kind === "folder") throw new OutputError(`${target} is a folder where kgen writes a file; move it away`);
  const read = readRegularFile(target, MAX_MODULE_FILE_BYTES, folder.dir);
  if (read.ok && read.text === content) return true;
  if (file === MANIFEST_FILE || folder.previous.includes(file)) return false;
  throw new OutputError(`${target} was not written by kgen (${MANIFEST_FILE} does not list it); move it away to let kgen write this module`);
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
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
