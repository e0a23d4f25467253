/** `kgen validate <spec...>`: the checks of synth, writing nothing. */
import { readFileSync } from "node:fs";
import { hasErrors } from "../spec/diagnostics";
import { validateSpec } from "../spec/rules";
import { defineCommand } from "./command";
import { EXIT } from "./exit-codes";
import { reportDiagnostics, type Console } from "./report";

export const validateCommand = defineCommand({
  command: "validate <specs..>",
  describe: "check specs without writing anything",
  builder: (yargs) => yargs.positional("specs", { type: "string", array: true, demandOption: true, describe: "spec files (YAML)" }),
  run: async (argv, { io, env }) => validate(argv.specs as string[], io, env),
});

export function validate(specs: string[], io: Console, env: NodeJS.ProcessEnv): number {
  let failed = false;
  for (const file of specs) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      io.err(`kgen: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return EXIT.usage;
    }
    const { diagnostics } = validateSpec(file, text);
    reportDiagnostics(diagnostics, io, env);
    failed ||= hasErrors(diagnostics);
    if (!hasErrors(diagnostics)) io.out(`${file}: valid`);
  }
  return failed ? EXIT.invalidSpec : EXIT.ok;
}
