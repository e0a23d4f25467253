/** `kgen validate <spec...> [--format human|json] [--strict]`: the checks of synth, writing nothing. */
import { isAbsolute, relative, resolve } from "node:path";
import { readRegularFile, type FileRead } from "../output/read";
import type { Diagnostic } from "../spec/diagnostics";
import { validateSpec } from "../spec/rules";
import { MAX_SPEC_BYTES, oversizedSpec } from "../spec/yaml-source";
import type { Command } from "./command";
import { EXIT } from "./exit-codes";
import { DIAGNOSTIC_OPTIONS, DiagnosticPrinter, diagnosticOptions, failsRun, type Console, type DiagnosticOptions } from "./report";

export const validateCommand: Command = {
  command: "validate <specs..>",
  describe: "check specs without writing anything",
  positional: { type: "string", array: true, demandOption: true, describe: "spec files (YAML)" },
  options: DIAGNOSTIC_OPTIONS,
  run: async (args, { io, env }) => validate({ specs: args.texts("specs"), ...diagnosticOptions(args) }, io, env),
};

export interface ValidateOptions extends DiagnosticOptions {
  specs: string[];
}

export function validate(options: ValidateOptions, io: Console, env: NodeJS.ProcessEnv): number {
  // All files are read first: a missing one is a usage error before any output.
  const specs = readSpecFiles(options.specs, io);
  if (specs === undefined) return EXIT.usage;
  const printer = new DiagnosticPrinter(options, io, env);
  let failed = false;
  for (const spec of specs) {
    const { file } = spec;
    const { diagnostics } = "text" in spec ? validateSpec(file, spec.text) : { diagnostics: [spec.oversized] };
    printer.add(diagnostics);
    const fails = failsRun(diagnostics, options.strict);
    failed ||= fails;
    if (!fails) printer.note(`${file}: valid`);
  }
  printer.finish();
  return failed ? EXIT.invalidSpec : EXIT.ok;
}

/** A spec as the user named it (diagnostics print the name unchanged): its text, or KG1003 from its size. */
export type SpecFile = { file: string; text: string } | { file: string; oversized: Diagnostic };

/** Every spec's text, or undefined (reported on stderr) when one cannot be read: a usage error. */
export function readSpecFiles(files: readonly string[], io: Console): SpecFile[] | undefined {
  const specs: SpecFile[] = [];
  let unreadable = false;
  for (const file of files) {
    // Links are not followed inside the working folder, nor for the spec itself (output/read.ts).
    const below = relative(process.cwd(), resolve(file));
    const insideTree = !below.startsWith("..") && !isAbsolute(below);
    const read = readRegularFile(file, MAX_SPEC_BYTES, insideTree ? "." : undefined);
    if (read.ok) specs.push({ file, text: read.text });
    else if (read.problem === "too large") specs.push({ file, oversized: oversizedSpec(file, read.bytes) });
    else {
      io.err(`kgen: ${unreadableSpec(file, read)}`);
      unreadable = true;
    }
  }
  return unreadable ? undefined : specs;
}

/** One plain sentence saying what to do (never an error code alone). */
function unreadableSpec(file: string, read: Exclude<FileRead, { ok: true } | { problem: "too large" }>): string {
  switch (read.problem) {
    case "missing":
      return `${file} does not exist; check the path, or create a spec with \`kgen init ${file}\``;
    case "unreadable":
      return read.code === "EACCES" || read.code === "EPERM"
        ? `${file} cannot be read: permission denied; check its permissions`
        : `${file} cannot be read (${read.code})`;
    case "not a file":
      if (read.path !== file && read.kind === "symbolic link") {
        return `${read.path} is a symbolic link; kgen reads specs only through real folders: name the spec by its real path`;
      }
      if (read.kind === "folder") return `${file} is a folder; name the spec files in it, e.g. ${file.replace(/[\\/]+$/, "")}/*.yaml`;
      if (read.kind === "symbolic link") return `${file} is a symbolic link; kgen reads specs only from regular files: name the file it points to`;
      return `${file} is a ${read.kind}, not a regular file; name a spec file`;
  }
}
