/** `kgen synth <spec...> [--out DIR] [--check] [--format human|json] [--strict]`. */
import { join } from "node:path";
import type { CompileResult, GeneratedModule } from "../compile";
import { counted } from "../english";
import { checkModule } from "../output/check";
import { retiredModules } from "../output/manifest";
import { checkOutFolder } from "../output/module-folder";
import { previousModuleTexts } from "../output/previous-module";
import { interruptedRuns, recoverInterruptedRuns } from "../output/recover";
import { OutputError, writeModules, type ModuleToWrite, type WriteReport } from "../output/write";
import { createDiagnostic, type Diagnostic } from "../spec/diagnostics";
import { validateSpec } from "../spec/rules";
import { changeFinding } from "../state/findings";
import { compareModules } from "../state/replacements";
import type { Command } from "./command";
import { EXIT } from "./exit-codes";
import { differenceMessage, recoveryMessage } from "./output-messages";
import { DIAGNOSTIC_OPTIONS, DiagnosticPrinter, diagnosticOptions, failsRun, type Console, type DiagnosticOptions } from "./report";
import { readSpecFiles, type SpecFile } from "./validate";

export const synthCommand: Command = {
  command: "synth <specs..>",
  describe: "generate a Terraform module from each spec",
  positional: { type: "string", array: true, demandOption: true, describe: "spec files (YAML)" },
  options: {
    out: { type: "string", default: "modules", describe: "folder that holds the generated modules" },
    check: { type: "boolean", default: false, describe: "write nothing; exit 3 if committed modules differ" },
    verbose: { type: "boolean", default: false, describe: "print every module, up-to-date ones and timings, even when piped" },
    quiet: { type: "boolean", default: false, describe: "print only problems (wins over --verbose)" },
    ...DIAGNOSTIC_OPTIONS,
  },
  run: (args, { io, env }) =>
    synth(
      { specs: args.texts("specs"), out: args.text("out"), check: args.flag("check"), verbose: args.flag("verbose"), quiet: args.flag("quiet"), ...diagnosticOptions(args) },
      io,
      env,
    ),
};

export interface SynthOptions extends DiagnosticOptions {
  specs: string[];
  out: string;
  check: boolean;
  verbose: boolean;
  quiet: boolean;
}

/** Prints a progress line (optionally coloured) when progress is shown. */
type Note = (line: string, color?: Parameters<DiagnosticPrinter["note"]>[1]) => void;

export async function synth(options: SynthOptions, io: Console, env: NodeJS.ProcessEnv): Promise<number> {
  const started = process.hrtime.bigint();
  const specs = readSpecFiles(options.specs, io);
  if (specs === undefined) return EXIT.usage;
  const printer = new DiagnosticPrinter(options, io, env);
  // Progress and the summary are for people at a terminal; piped (CI logs, scripts) kgen is quiet
  // unless --verbose, and --quiet silences them everywhere. Problems are always printed.
  const progress = !options.quiet && (options.verbose || io.interactive === true);
  const note: Note = (line, color) => {
    if (progress) printer.note(line, color);
  };
  // What the new modules will make Terraform replace or destroy, against what kgen wrote last time.
  const results = await compileAll(specs, printer, options.strict, (module) => previousModuleTexts(options.out, module));
  if (results === undefined) return EXIT.invalidSpec;

  try {
    return writeOrCheck(options, results, io, note, started, env);
  } catch (error) {
    // A problem of the output folder, not of kgen: the message says what to do, no stack trace.
    if (!(error instanceof OutputError)) throw error;
    io.err(`kgen: ${error.message}; nothing was written`);
    return EXIT.usage;
  }
}

function writeOrCheck(
  options: SynthOptions,
  results: readonly CompileResult[],
  io: Console,
  note: Note,
  started: bigint,
  env: NodeJS.ProcessEnv,
): number {
  checkOutFolder(options.out);
  let stale = false;
  if (options.check) {
    for (const run of interruptedRuns(options.out)) {
      io.err(`${run.path}: left by an interrupted kgen run; run kgen synth to recover it`);
      stale = true;
    }
  } else {
    for (const recovery of recoverInterruptedRuns(options.out)) io.err(`kgen: ${recoveryMessage(recovery)}`);
  }
  const toWrite: ModuleToWrite[] = [];
  // The same spec named twice (a glob and its own name) generates its modules twice: once is enough.
  const generated = [...new Map(results.flatMap((r) => r.modules).map((m) => [m.name, m])).values()];
  for (const module of retiredFolders(options.out, generated)) {
    if (options.check) {
      io.err(`${join(options.out, module.name)}: spec ${module.spec} no longer generates this module; kgen synth removes the files it wrote there`);
      stale = true;
    } else {
      toWrite.push(module);
    }
  }
  for (const module of generated) {
    if (options.check) {
      const { differences, notWritten } = checkModule(options.out, module.name, module.spec, module.files);
      for (const d of differences) {
        io.err(`${d.file}: ${differenceMessage(d)}`);
        if (d.diff !== undefined) io.err([`--- ${d.file} (committed)`, `+++ ${d.file} (generated)`, ...d.diff].join("\n"));
      }
      for (const path of notWritten) io.err(`${path}: not written by kgen; Terraform does not read it`);
      stale ||= differences.length > 0;
      if (differences.length === 0) note(`${options.out}/${module.name}: up to date`);
    } else {
      toWrite.push(module);
    }
  }
  if (toWrite.length > 0) {
    // All modules of the run are written, or none (output/write.ts).
    const reports = writeModules(options.out, toWrite);
    for (const report of reports) {
      if (report.retired) note(`${report.dir}: no longer generated, ${report.removed.length} removed`);
      else note(`${report.dir}: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.removed.length} removed`);
      for (const file of report.foreign) io.err(`${report.dir}/${file}: not written by kgen; kept`);
    }
    const total = (pick: (r: WriteReport) => string[]) => reports.reduce((sum, r) => sum + pick(r).length, 0);
    const written = reports.filter((r) => !r.retired).length;
    const retired = reports.length - written;
    const summary =
      `kgen: ${counted(written, "module")}, ${counted(total((r) => r.written), "file")} written, ${total((r) => r.unchanged)} unchanged, ${total((r) => r.removed)} removed` +
      (retired === 0 ? "" : `, ${counted(retired, "module folder")} retired`);
    note(summary, { name: "green", enabled: io.interactive === true && (env.NO_COLOR ?? "") === "" });
  }
  if (options.verbose) note(`done in ${Number((process.hrtime.bigint() - started) / 1_000_000n)} ms`);
  if (stale) {
    io.err("modules differ from their specs: run `kgen synth` and commit the result");
    return EXIT.checkFailed;
  }
  return EXIT.ok;
}

/**
 * Every spec compiled, and its diagnostics printed, before anything is written: one bad spec (or,
 * under --strict, a warning) or two specs writing one module folder, and the run writes nothing
 * at all (undefined).
 */
export async function compileAll(
  specs: readonly SpecFile[],
  printer: DiagnosticPrinter,
  strict: boolean,
  previousTexts?: (module: GeneratedModule) => string[],
): Promise<CompileResult[] | undefined> {
  // The compiler loads CDKTF and the provider bindings: only now, so that no other command pays
  // for loading them (issue #17; test/cli/module-loading.test.ts).
  const { compileSpec } = await import("../compile");
  const results: CompileResult[] = [];
  // Every spec is compiled before anything is written: one bad spec writes nothing at all.
  for (const spec of specs) {
    const result: CompileResult = "text" in spec ? await compileSpec(spec.file, spec.text) : { diagnostics: [spec.oversized], modules: [] };
    printer.add(result.diagnostics);
    results.push(result);
  }
  const clashes = sharedModuleFolders(specs, results);
  printer.add(clashes);
  const changes = clashes.length > 0 || previousTexts === undefined ? [] : stateChangeWarnings(previousTexts, specs, results);
  printer.add(changes);
  printer.finish();
  const fails = clashes.length > 0 || results.some((r) => failsRun(r.diagnostics, strict)) || failsRun(changes, strict);
  return fails ? undefined : results;
}

/**
 * Module folders an earlier run of these specs wrote and this run does not generate: the
 * companion module of an account that left its spec. Matched by the spec name in the manifest.
 */
function retiredFolders(out: string, generated: readonly GeneratedModule[]): ModuleToWrite[] {
  const names = new Set(generated.map((m) => m.name));
  const specs = [...new Set(generated.map((m) => m.spec))];
  return specs.flatMap((spec) => retiredModules(out, spec, names).map((name) => ({ name, spec, files: new Map() })));
}

/**
 * KG4001/KG4002: each module compared with the one kgen wrote in its folder last time, which
 * stands for what is applied (state/replacements.ts); located at the spec entry that causes the change.
 */
export function stateChangeWarnings(
  previousTexts: (module: GeneratedModule) => string[],
  specs: readonly SpecFile[],
  results: readonly CompileResult[],
): Diagnostic[] {
  return results.flatMap((result, index) => {
    const findings = result.modules.flatMap((module) => {
      const previous = previousTexts(module);
      if (previous.length === 0) return [];
      const next = [...module.files].filter(([file]) => file.endsWith(".tf")).map(([, text]) => text);
      return compareModules(previous, next).flatMap((change) => changeFinding(module.name, change, module.origins) ?? []);
    });
    if (findings.length === 0) return [];
    const spec = specs[index];
    // A spec with modules was read whole (an oversized one generates none).
    const locate = "text" in spec ? validateSpec(spec.file, spec.text).locate : () => ({ line: 1, column: 1 });
    return findings.map((finding) => createDiagnostic(spec.file, locate(finding.path), finding));
  });
}

/**
 * Two specs of one run must not generate the same module folder (two specs named `trades`, or
 * `trades-analytics` and the companion of `trades` for account alias `analytics`): the second
 * would silently replace the first. Reported at the later spec's `name`.
 */
export function sharedModuleFolders(specs: readonly SpecFile[], results: readonly CompileResult[]): Diagnostic[] {
  const firstWriter = new Map<string, string>();
  const clashes: Diagnostic[] = [];
  results.forEach((result, index) => {
    const spec = specs[index];
    const { file } = spec;
    for (const module of result.modules) {
      const first = firstWriter.get(module.name);
      // The same file named twice (a glob and its own name) writes the same module twice: harmless.
      if (first === undefined || first === file) {
        firstWriter.set(module.name, file);
        continue;
      }
      clashes.push(
        createDiagnostic(file, "text" in spec ? validateSpec(file, spec.text).locate(["name"]) : { line: 1, column: 1 }, {
          code: "KG2030",
          path: ["name"],
          message: `this spec would write module folder ${module.name}, which ${first} writes too`,
          hint: "give the specs names whose module folders differ, or synth them into different --out folders",
        }),
      );
    }
  });
  return clashes;
}
