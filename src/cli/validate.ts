/** `kgen validate <spec...> [--format human|json] [--strict]`: the checks of synth, writing nothing. */
import { readFileSync } from "node:fs";
import { validateSpec } from "../spec/rules";
import { defineCommand } from "./command";
import { EXIT } from "./exit-codes";
import { DiagnosticPrinter, failsRun, withDiagnosticOptions, type Console, type DiagnosticOptions } from "./report";

export const validateCommand = defineCommand({
  command: "validate <specs..>",
  describe: "check specs without writing anything",
  builder: (yargs) =>
    withDiagnosticOptions(
      yargs.positional("specs", { type: "string", array: true, demandOption: true, describe: "spec files (YAML)" }),
    ),
  run: async (argv, { io, env }) =>
    validate({ specs: argv.specs as string[], format: argv.format, strict: argv.strict }, io, env),
});

export interface ValidateOptions extends DiagnosticOptions {
  specs: string[];
}

export function validate(options: ValidateOptions, io: Console, env: NodeJS.ProcessEnv): number {
  // All files are read first: a missing one is a usage error before any output.
  const specs = readSpecFiles(options.specs, io);
  if (specs === undefined) return EXIT.usage;
  const printer = new DiagnosticPrinter(options, io, env);
  let failed = false;
  for (const { file, text } of specs) {
    const { diagnostics } = validateSpec(file, text);
    printer.add(diagnostics);
    const fails = failsRun(diagnostics, options.strict);
    failed ||= fails;
    if (!fails) printer.note(`${file}: valid`);
  }
  printer.finish();
  return failed ? EXIT.invalidSpec : EXIT.ok;
}

export interface SpecFile {
  /** As the user named it; diagnostics print it unchanged. */
  file: string;
  text: string;
}

/** Every spec's text, or undefined (reported on stderr) when one cannot be read: a usage error. */
export function readSpecFiles(files: readonly string[], io: Console): SpecFile[] | undefined {
  const specs: SpecFile[] = [];
  let unreadable = false;
  for (const file of files) {
    try {
      specs.push({ file, text: readFileSync(file, "utf8") });
    } catch (error) {
      io.err(`kgen: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      unreadable = true;
    }
  }
  return unreadable ? undefined : specs;
}
