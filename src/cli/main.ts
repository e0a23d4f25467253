/** The kgen command line: argument parsing only; each command lives in its own file. */
import yargs from "yargs";
import type { Command } from "./command";
import { EXIT } from "./exit-codes";
import { explainCommand } from "./explain";
import { initCommand } from "./init";
import { processConsole, type Console } from "./report";
import { schemaCommand } from "./schema";
import { synthCommand } from "./synth";
import { validateCommand } from "./validate";

/** Every command, in the order `kgen --help` lists them. */
const COMMANDS: ReadonlyArray<Command<unknown>> = [synthCommand, validateCommand, explainCommand, schemaCommand, initCommand];

export async function run(args: string[], io: Console = processConsole, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let usageError: string | undefined;
  // yargs calls a command's handler before it reports unknown options, so handlers only record
  // the choice; the command runs once the whole command line is known to be valid.
  let chosen: { command: Command<unknown>; argv: unknown } | undefined;
  let parser = yargs(args).scriptName("kgen").usage("$0 <command> [options]");
  for (const command of COMMANDS) {
    parser = parser.command(command.command, command.describe, command.builder, (argv) => {
      chosen = { command, argv };
    });
  }
  parser = parser
    .demandCommand(1, `name a command: ${COMMANDS.map((c) => c.command.split(" ")[0]).join(", ")}`)
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
    if (usageError !== undefined) {
      io.err(`kgen: ${usageError}`);
      io.err("run `kgen --help` for usage");
      return EXIT.usage;
    }
    // No command chosen and no usage error: --help was printed.
    return chosen === undefined ? EXIT.ok : await chosen.command.run(chosen.argv, { io, env });
  } catch (error) {
    io.err(`kgen: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    io.err("This is a bug in kgen, not in your spec. Please report it to the kgen maintainers with this message and the spec that caused it.");
    return EXIT.internal;
  }
}
