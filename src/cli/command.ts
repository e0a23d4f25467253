/** The shape every kgen command file exports; main.ts registers them all with yargs. */
import type { Argv } from "yargs";
import type { Console } from "./report";

export interface CommandContext {
  io: Console;
  env: NodeJS.ProcessEnv;
}

export interface Command<Options> {
  /** yargs command string, e.g. `synth <specs..>`. */
  command: string;
  describe: string;
  builder: (yargs: Argv) => Argv<Options>;
  /** Runs the command; returns the process exit code (see exit-codes.ts). */
  run: (options: Options, context: CommandContext) => Promise<number>;
}

/** Lets a list hold commands with different option types. */
export function defineCommand<Options>(command: Command<Options>): Command<unknown> {
  return command as unknown as Command<unknown>;
}
