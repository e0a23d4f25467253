/** `kgen synth <spec...> [--out DIR] [--check]`. */
import { readFileSync } from "node:fs";
import { compileSpec } from "../compile";
import { checkModule } from "../output/check";
import { writeModule } from "../output/write";
import { hasErrors } from "../spec/diagnostics";
import { defineCommand } from "./command";
import { EXIT } from "./exit-codes";
import { reportDiagnostics, type Console } from "./report";

export const synthCommand = defineCommand({
  command: "synth <specs..>",
  describe: "generate a Terraform module from each spec",
  builder: (yargs) =>
    yargs
      .positional("specs", { type: "string", array: true, demandOption: true, describe: "spec files (YAML)" })
      .option("out", { type: "string", default: "modules", describe: "folder that holds the generated modules" })
      .option("check", { type: "boolean", default: false, describe: "write nothing; exit 3 if committed modules differ" })
      .option("verbose", { type: "boolean", default: false, describe: "print timings and up-to-date modules" }),
  run: (argv, { io, env }) => synth({ specs: argv.specs as string[], out: argv.out, check: argv.check, verbose: argv.verbose }, io, env),
});

export interface SynthOptions {
  specs: string[];
  out: string;
  check: boolean;
  verbose: boolean;
}

export async function synth(options: SynthOptions, io: Console, env: NodeJS.ProcessEnv): Promise<number> {
  const started = process.hrtime.bigint();
  const results = [];
  // Every spec is compiled before anything is written: one bad spec writes nothing at all.
  for (const file of options.specs) {
    const text = readSpecFile(file, io);
    if (text === undefined) return EXIT.usage;
    const result = await compileSpec(file, text);
    reportDiagnostics(result.diagnostics, io, env);
    results.push(result);
  }
  if (results.some((r) => hasErrors(r.diagnostics))) return EXIT.invalidSpec;

  let stale = false;
  for (const module of results.flatMap((r) => r.modules)) {
    if (options.check) {
      const differences = checkModule(options.out, module.name, module.files);
      for (const d of differences) {
        const line = d.line === undefined ? "" : ` at line ${d.line.number}: expected ${JSON.stringify(d.line.expected)}, found ${JSON.stringify(d.line.actual)}`;
        io.err(`${d.file}: ${d.problem}${line}`);
      }
      stale ||= differences.length > 0;
      if (differences.length === 0 && options.verbose) io.out(`${options.out}/${module.name}: up to date`);
    } else {
      const report = writeModule(options.out, module.name, module.files);
      io.out(`${report.dir}: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.removed.length} removed`);
      for (const file of report.foreign) io.err(`${report.dir}/${file}: not written by kgen; kept`);
    }
  }
  if (options.verbose) io.out(`done in ${Number((process.hrtime.bigint() - started) / 1_000_000n)} ms`);
  if (stale) {
    io.err("modules differ from their specs: run `kgen synth` and commit the result");
    return EXIT.checkFailed;
  }
  return EXIT.ok;
}

function readSpecFile(file: string, io: Console): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    io.err(`kgen: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return undefined;
  }
}
