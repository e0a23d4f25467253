/** The kgen command line: argument parsing only; each command lives in its own file. */
import yargs from "yargs";
import { EXIT } from "./exit-codes";
import { processConsole, type Console } from "./report";
import { synth } from "./synth";
import { validate } from "./validate";

export async function run(args: string[], io: Console = processConsole, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let code: number = EXIT.ok;
  let usageError: string | undefined;
  const parser = yargs(args)
    .scriptName("kgen")
    .usage("$0 <command> [options]")
    .command(
      "synth <specs..>",
      "generate a Terraform module from each spec",
      (y) =>
        y
          .positional("specs", { type: "string", array: true, demandOption: true, describe: "spec files (YAML)" })
          .option("out", { type: "string", default: "modules", describe: "folder that holds the generated modules" })
          .option("check", { type: "boolean", default: false, describe: "write nothing; exit 3 if committed modules differ" })
          .option("verbose", { type: "boolean", default: false, describe: "print timings and up-to-date modules" }),
      async (argv) => {
        code = await synth({ specs: argv.specs as string[], out: argv.out, check: argv.check, verbose: argv.verbose }, io, env);
      },
    )
    .command(
      "validate <specs..>",
      "check specs without writing anything",
      (y) => y.positional("specs", { type: "string", array: true, demandOption: true, describe: "spec files (YAML)" }),
      (argv) => {
        code = validate(argv.specs as string[], io, env);
      },
    )
    .demandCommand(1, "name a command: synth or validate")
    .strict()
    .help()
    .version(false)
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      if (error !== undefined) throw error;
      usageError = message ?? "invalid command line";
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    io.err(`kgen: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    io.err("This is a bug in kgen, not in your spec. Please report it to the kgen maintainers with this message and the spec that caused it.");
    return EXIT.internal;
  }
  if (usageError !== undefined) {
    io.err(`kgen: ${usageError}`);
    io.err("run `kgen --help` for usage");
    return EXIT.usage;
  }
  return code;
}
