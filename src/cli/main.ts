/** The kgen command line: argument parsing only; each command lives in its own file. */
import type { Argv } from "yargs";
import { CommandArguments, type ArgumentValue, type Command } from "./command";
import { commandArguments, commandShape, readCommandLine } from "./command-line";
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
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Command>]> = [
  ["synth", async () => (await import("./synth")).synthCommand],
  ["validate", async () => (await import("./validate")).validateCommand],
  ["explain", async () => (await import("./explain")).explainCommand],
  ["export-policies", async () => (await import("./export-policies")).exportPoliciesCommand],
  ["schema", async () => (await import("./schema")).schemaCommand],
  ["init", async () => (await import("./init")).initCommand],
];
const COMMAND_NAMES = COMMANDS.map(([name]) => name);

/** The command the command line names, alone; every command when it names none (`kgen --help`). */
async function commandsFor(args: readonly string[]): Promise<Command[]> {
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
    // Checked and read by command-line.ts, for every command and option alike; yargs is loaded
    // only to print the help or the version.
    const commands = await commandsFor(args);
    const shapes = commands.map(commandShape);
    const read = readCommandLine(args, COMMAND_NAMES, shapes);
    if ("problem" in read) {
      io.err(`kgen: ${read.problem}`);
      return EXIT.usage;
    }
    if ("command" in read) {
      const index = shapes.findIndex((shape) => shape.name === read.command);
      if (index < 0) throw new Error(`internal: command ${read.command} was not loaded`);
      return await commands[index].run(commandArguments(commands[index], shapes[index], read), { io, env });
    }
    return await answerWithYargs(args, commands, io, env);
  } catch (error) {
    io.err(`kgen: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    io.err("This is a bug in kgen, not in your spec. Please report it to the kgen maintainers with this message and the spec that caused it.");
    return EXIT.internal;
  }
}

/** `--help` or `--version`, anywhere on a command line command-line.ts accepted: printed by yargs from the commands' declarations. */
async function answerWithYargs(args: string[], commands: readonly Command[], io: Console, env: NodeJS.ProcessEnv): Promise<number> {
  const { default: yargs } = await import("yargs");
  let usageError: string | undefined;
  // yargs calls a command's handler before it reports unknown options, so handlers only record
  // the choice; the command runs once the whole command line is known to be valid.
  let chosen: { command: Command; argv: Record<string, unknown> } | undefined;
  let parser = yargs(args).scriptName("kgen").usage("$0 <command> [options]");
  for (const command of commands) {
    parser = parser.command(command.command, command.describe, (builder) => declare(builder, command), (argv) => {
      chosen = { command, argv };
    });
  }
  await parser
    // The same rules in yargs' own terms, should a command line ever get past command-line.ts.
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
  if (chosen === undefined) return EXIT.ok;
  const { command, argv } = chosen;
  const declared = [commandShape(command).positional.name, ...Object.keys(command.options)];
  const values = new Map(declared.flatMap((name): Array<[string, ArgumentValue]> => (isArgumentValue(argv[name]) ? [[name, argv[name]]] : [])));
  return await command.run(new CommandArguments(values), { io, env });
}

/** A command's positional and options, declared to yargs for its help. */
function declare(yargs: Argv, command: Command): Argv {
  let declared = yargs;
  const positional = commandShape(command).positional.name;
  if (command.positional !== undefined) declared = declared.positional(positional, command.positional);
  for (const [name, option] of Object.entries(command.options)) declared = declared.option(name, option);
  return declared;
}

function isArgumentValue(value: unknown): value is ArgumentValue {
  return typeof value === "string" || typeof value === "boolean" || (Array.isArray(value) && value.every((item) => typeof item === "string"));
}
