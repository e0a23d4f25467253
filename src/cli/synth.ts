/** `kgen synth <spec...> [--out DIR] [--check] [--format human|json] [--strict]`. */
import { join } from "node:path";
import { compileSpec } from "../compile";
import { checkModule } from "../output/check";
import { videoKeyChanges } from "../output/video-key-changes";
import { OutputError, writeModules, type ModuleToWrite } from "../output/write";
import { defineCommand } from "./command";
import { EXIT } from "./exit-codes";
import { DiagnosticPrinter, failsRun, withDiagnosticOptions, type Console, type DiagnosticOptions } from "./report";
import { readSpecFiles } from "./validate";

export const synthCommand = defineCommand({
  command: "synth <specs..>",
  describe: "generate a Terraform module from each spec",
  builder: (yargs) =>
    withDiagnosticOptions(
      yargs
        .positional("specs", { type: "string", array: true, demandOption: true, describe: "spec files (YAML)" })
        .option("out", { type: "string", default: "modules", describe: "folder that holds the generated modules" })
        .option("check", { type: "boolean", default: false, describe: "write nothing; exit 3 if committed modules differ" })
        .option("verbose", { type: "boolean", default: false, describe: "print timings and up-to-date modules" }),
    ),
  run: (argv, { io, env }) =>
    synth(
      { specs: argv.specs as string[], out: argv.out, check: argv.check, verbose: argv.verbose, format: argv.format, strict: argv.strict },
      io,
      env,
    ),
});

export interface SynthOptions extends DiagnosticOptions {
  specs: string[];
  out: string;
  check: boolean;
  verbose: boolean;
}

export async function synth(options: SynthOptions, io: Console, env: NodeJS.ProcessEnv): Promise<number> {
  const started = process.hrtime.bigint();
  const specs = readSpecFiles(options.specs, io);
  if (specs === undefined) return EXIT.usage;
  const printer = new DiagnosticPrinter(options, io, env);
  const results = [];
  // Every spec is compiled before anything is written: one bad spec writes nothing at all.
  for (const { file, text } of specs) {
    const result = await compileSpec(file, text);
    printer.add(result.diagnostics);
    results.push(result);
  }
  printer.finish();
  if (results.some((r) => failsRun(r.diagnostics, options.strict))) return EXIT.invalidSpec;

  let stale = false;
  const toWrite: ModuleToWrite[] = [];
  for (const module of results.flatMap((r) => r.modules)) {
    for (const change of videoKeyChanges(join(options.out, module.name), module.files)) {
      io.err(
        `${join(options.out, module.name, "streams.tf")}: warning: video stream ${change.stream} changes its KMS key from ${change.from} to ${change.to}; ` +
          "Kinesis Video Streams sets a key only at creation, so Terraform will replace the stream and its stored media is lost",
      );
    }
    if (options.check) {
      const differences = checkModule(options.out, module.name, module.files);
      for (const d of differences) {
        const line = d.line === undefined ? "" : ` at line ${d.line.number}: expected ${JSON.stringify(d.line.expected)}, found ${JSON.stringify(d.line.actual)}`;
        io.err(`${d.file}: ${d.problem}${line}`);
      }
      stale ||= differences.length > 0;
      if (differences.length === 0 && options.verbose) printer.note(`${options.out}/${module.name}: up to date`);
    } else {
      toWrite.push(module);
    }
  }
  if (toWrite.length > 0) {
    // All modules of the run are written, or none (output/write.ts).
    let reports;
    try {
      reports = writeModules(options.out, toWrite);
    } catch (error) {
      // A problem of the output folder, not of kgen: the message says what to do, no stack trace.
      if (!(error instanceof OutputError)) throw error;
      io.err(`kgen: ${error.message}; nothing was written`);
      return EXIT.usage;
    }
    for (const report of reports) {
      printer.note(`${report.dir}: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.removed.length} removed`);
      for (const file of report.foreign) io.err(`${report.dir}/${file}: not written by kgen; kept`);
    }
  }
  if (options.verbose) printer.note(`done in ${Number((process.hrtime.bigint() - started) / 1_000_000n)} ms`);
  if (stale) {
    io.err("modules differ from their specs: run `kgen synth` and commit the result");
    return EXIT.checkFailed;
  }
  return EXIT.ok;
}
