/**
 * The shape every kgen command file exports. A command declares its positional and options once,
 * as yargs option objects: command-line.ts checks a command line against them and reads its
 * values, and yargs, loaded only for `--help` and `--version`, prints the help from them. A run
 * never loads yargs (issue #17: it was a fifth of `kgen validate`'s time).
 */
import type { Options as OptionDeclaration, PositionalOptions } from "yargs";
import type { Console } from "./report";

export type { OptionDeclaration };

export interface CommandContext {
  io: Console;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  /** yargs command string, e.g. `synth <specs..>`: its placeholder names the positional. */
  command: string;
  describe: string;
  /** The positional `command` names, when it names one. */
  positional?: PositionalOptions;
  /** By name (`out` for `--out`), in the order the help lists them. */
  options: Readonly<Record<string, OptionDeclaration>>;
  /** Runs the command; returns the process exit code (see exit-codes.ts). */
  run: (args: CommandArguments, context: CommandContext) => Promise<number>;
}

export type ArgumentValue = string | boolean | readonly string[];

/** A command line's values by option or positional name, defaults filled in, each read as the type its command declared. */
export class CommandArguments {
  constructor(private readonly values: ReadonlyMap<string, ArgumentValue>) {}

  text(name: string): string {
    const value = this.values.get(name);
    if (typeof value !== "string") throw this.mistyped(name, "a value");
    return value;
  }

  optionalText(name: string): string | undefined {
    return this.values.has(name) ? this.text(name) : undefined;
  }

  texts(name: string): string[] {
    const value = this.values.get(name);
    if (!Array.isArray(value)) throw this.mistyped(name, "a list");
    return [...(value as readonly string[])];
  }

  flag(name: string): boolean {
    const value = this.values.get(name);
    if (typeof value !== "boolean") throw this.mistyped(name, "a flag");
    return value;
  }

  choice<T extends string>(name: string, choices: readonly T[]): T {
    const value = this.text(name);
    const found = choices.find((choice) => choice === value);
    if (found === undefined) throw this.mistyped(name, `one of ${choices.join(", ")}`);
    return found;
  }

  private mistyped(name: string, what: string): Error {
    return new Error(`internal: command line value ${name} is not ${what} (${JSON.stringify(this.values.get(name))})`);
  }
}
