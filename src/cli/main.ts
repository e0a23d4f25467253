/** The kgen command line: argument parsing only; each command lives in its own file. */
import yargs from "yargs";
import type { Command } from "./command";
import { commandLineProblem, commandShape } from "./command-line";
import { EXIT } from "./exit-codes";
import { limitHeapGrowth } from "./heap-growth";
import { packageVersion } from "./package-root";
import { processConsole } from "./process-console";
import type { Console } from "./report";

/**
 * Every command, in the order `kgen --help` lists them, loaded only when needed: a run loads the
 * one command it names (`kgen validate` never loads what synth or explain need, issue #17); the
 * whole list is loaded only to answer `kgen --help` or a command line naming no known command.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Command<unknown>>]> = [
  ["synth", async () => (await import("./synth")).synthCommand],
  ["validate", async () => (await import("./validate")).validateCommand],
  ["explain", async () => (await import("./explain")).explainCommand],
  ["export-policies", async () => (await import("./export-policies")).exportPoliciesCommand],
  ["schema", async () => (await import("./schema")).schemaCommand],
  ["init", async () => (await import("./init")).initCommand],
];
const COMMAND_NAMES = COMMANDS.map(([name]) => name);

/** The command the command line names, alone; every command when it names none (`kgen --help`). */
async function commandsFor(args: readonly string[]): Promise<Array<Command<unknown>>> {
  const named = COMMANDS.find(([name]) => name === args[0]);
  return Promise.all((named === undefined ? COMMANDS : [named]).map(([, load]) => load()));
}

/** The kgen binary (bin/kgen.js): the process's own arguments, streams and exit code. */
export async function main(): Promise<void> {
  limitHeapGrowth();
  const streams = processConsole();
  const code = await run(process.argv.slice(2), streams.io);
  process.exitCode = streams.exitCode(code);
}

export async function run(args: string[], io: Console, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    // Checked first, for every command and option alike (command-line.ts): yargs then parses a
    // command line known to be well formed.
    const commands = await commandsFor(args);
    const problem = commandLineProblem(args, COMMAND_NAMES, commands.map(commandShape));
    if (problem !== undefined) {
      io.err(`kgen: ${problem}`);
      return EXIT.usage;
    }
    let usageError: string | undefined;
    // yargs calls a command's handler before it reports unknown options, so handlers only record
    // the choice; the command runs once the whole command line is known to be valid.
    let chosen: { command: Command<unknown>; argv: unknown } | undefined;
    let parser = yargs(args).scriptName("kgen").usage("$0 <command> [options]");
    for (const command of commands) {
      parser = parser.command(command.command, command.describe, command.builder, (argv) => {
        chosen = { command, argv };
      });
    }
    await parser
      // The same rules in yargs' own terms, should a command line ever get past the check above.
      .parserConfiguration({ "boolean-negation": false, "dot-notation": false, "short-option-groups": false })
      .locale("en")
      .demandCommand(1)
      .strict()
      .help()
      .alias("h", "help")
      .version(packageVersion())
      .alias("v", "version")
      .exitProcess(false)
      .fail((message: string | undefined, error: Error | undefined) => {
        if (error !== undefined) throw error;
        usageError = message ?? "invalid command line";
      })
      .parseAsync();
    if (usageError !== undefined) {
      io.err(`kgen: ${usageError.replace(/\s+/g, " ")} (\`kgen --help\` describes the commands)`);
      return EXIT.usage;
    }
    // No command chosen and no usage error: --help or --version was printed.
    return chosen === undefined ? EXIT.ok : await chosen.command.run(chosen.argv, { io, env });
  } catch (error) {
    io.err(`kgen: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    io.err("This is a bug in kgen, not in your spec. Please report it to the kgen maintainers with this message and the spec that caused it.");
    return EXIT.internal;
  }
}
