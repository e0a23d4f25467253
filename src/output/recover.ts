/**
 * Staging folders left in the output folder by a run that did not finish (killed, interrupted,
 * or a roll back that failed in turn). `synth --check` fails while one exists; `synth` recovers
 * them before it writes anything, from the journal of commit.ts:
 *
 * - no plan: the run never began its commit, no module was touched: the folder is removed;
 * - a plan and `committed`: every module holds the new files: the folder is removed;
 * - a plan alone: every module of the run is rolled back to its previous files.
 *
 * Folders of kgen 0.1 (`.NAME.kgen-XXXXXX`, holding `new/` and `old/`) kept no journal: which of
 * their files are old and which new cannot be told, so they are removed and the module is named,
 * to be rewritten by a synth of its spec.
 *
 * kgen treats folders with these names in the output folder as its own, as it treats manifests.
 */
import { readdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { COMMITTED_FILE, PLAN_FILE, RUN_FOLDER_PREFIX, rollBackRun, type ModulePlan, type RunPlan } from "./commit";
import { OutputError, isModuleFilePath, isPlainFileName } from "./manifest";
import { MAX_MODULE_FILE_BYTES, kindAt, readRegularFile, unreadMessage } from "./read";

export interface InterruptedRun {
  path: string;
  /** kgen 0.1's staging folder of one module, without a journal. */
  legacy: boolean;
}

export interface Recovery {
  path: string;
  /** What the interrupted run had done, and so what recovering it did. */
  outcome: "not begun" | "rolled back" | "finished" | "no journal";
  /** The modules the run was writing (for `no journal`, the one module). */
  modules: string[];
}

const RUN_FOLDER = new RegExp(`^${RUN_FOLDER_PREFIX.replace(/[.-]/g, "\\$&")}[A-Za-z0-9]{6}$`);
const LEGACY_FOLDER = /^\.(.+)\.kgen-[A-Za-z0-9]{6}$/;

export function interruptedRuns(outDir: string): InterruptedRun[] {
  if (kindAt(outDir) !== "folder") return [];
  return readdirSync(outDir)
    .sort()
    .flatMap((name): InterruptedRun[] => {
      if (RUN_FOLDER.test(name)) return [{ path: join(outDir, name), legacy: false }];
      if (LEGACY_FOLDER.test(name)) return [{ path: join(outDir, name), legacy: true }];
      return [];
    });
}

/** Recovers every interrupted run in `outDir`; throws OutputError, leaving it in place, for one it cannot. */
export function recoverInterruptedRuns(outDir: string): Recovery[] {
  return interruptedRuns(outDir).map((run) => {
    const kind = kindAt(run.path);
    if (kind !== "folder") throw new OutputError(`${run.path} is a ${kind}, named like a kgen staging folder; remove it`);
    return run.legacy ? removeLegacy(run.path) : recover(outDir, run.path);
  });
}

function recover(outDir: string, run: string): Recovery {
  const planPath = join(run, PLAN_FILE);
  if (kindAt(planPath) === undefined) return removed(run, "not begun", []);
  const read = readRegularFile(planPath, MAX_MODULE_FILE_BYTES, outDir);
  const plan = read.ok ? parsePlan(read.text) : undefined;
  if (plan === undefined) {
    const why = read.ok ? `${planPath} is not a plan kgen wrote` : unreadMessage(planPath, read);
    throw new OutputError(`${why}, so kgen cannot tell what the interrupted run changed: check the module folders (git status), then remove ${run}`);
  }
  const modules = plan.modules.map((module) => module.name);
  if (kindAt(join(run, COMMITTED_FILE)) !== undefined) return removed(run, "finished", modules);
  rollBackRun(outDir, run, plan);
  return removed(run, "rolled back", modules);
}

function removeLegacy(path: string): Recovery {
  const entries = readdirSync(path);
  if (!entries.every((entry) => (entry === "new" || entry === "old") && kindAt(join(path, entry)) === "folder")) {
    throw new OutputError(`${path} is named like a staging folder of kgen but holds other files; check it, then remove it`);
  }
  return removed(path, "no journal", [LEGACY_FOLDER.exec(basename(path))?.[1] ?? ""]);
}

function removed(path: string, outcome: Recovery["outcome"], modules: string[]): Recovery {
  rmSync(path, { recursive: true, force: true });
  return { path, outcome, modules };
}

/** The plan, if it has exactly the shape commit.ts writes; paths checked as strictly as a manifest's. */
function parsePlan(text: string): RunPlan | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.version !== 1 || !Array.isArray(value.modules)) return undefined;
  return value.modules.every(isModulePlan) ? { version: 1, modules: value.modules } : undefined;
}

function isModulePlan(value: unknown): value is ModulePlan {
  const folder = (path: unknown): boolean => path === "" || (typeof path === "string" && isModuleFilePath(path));
  const file = (path: unknown): boolean => typeof path === "string" && isModuleFilePath(path);
  return (
    isRecord(value) &&
    typeof value.name === "string" &&
    isPlainFileName(value.name) &&
    Array.isArray(value.create) &&
    value.create.every(folder) &&
    Array.isArray(value.prune) &&
    value.prune.every(folder) &&
    Array.isArray(value.remove) &&
    value.remove.every(file) &&
    Array.isArray(value.write) &&
    value.write.every((entry) => isRecord(entry) && file(entry.file) && typeof entry.sha256 === "string" && /^[0-9a-f]{64}$/.test(entry.sha256))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
