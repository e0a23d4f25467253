/**
 * The command line, checked before yargs reads it: every mistake is one plain sentence (exit 2),
 * none is read as something else. Left to itself, yargs takes `--check=yes` and `--check=1` as
 * false, `--out a --out b` as an array, `--no-out` as `out: false`, `--out.x` as an object, drops
 * the files after `--`, and words its errors for itself. These rules hold for every command and
 * option alike, because they are read from what the commands declare (command.ts). A command line
 * that passes is read here too, into the values its command runs with: yargs is loaded only to
 * answer `--help` and `--version`.
 */
import { counted } from "../english";
import { didYouMean } from "../spec/did-you-mean";
import { CommandArguments, type ArgumentValue, type Command } from "./command";

interface Option {
  /** As the user writes it: `--out`, `-v`. */
  flag: string;
  /** The option it stands for (`-v` is `--version`): what "given twice" counts. */
  name: string;
  takesValue: boolean;
  choices?: readonly string[];
}

/** What the command line of one command may hold. */
export interface CommandShape {
  name: string;
  /** By flag, `--out` and `-v` alike. */
  options: ReadonlyMap<string, Option>;
  positional: { name: string; required: number; most: number };
}

/** The flags yargs answers itself: `kgen --help`, `kgen synth -h`, `kgen -v`. */
const ANSWERED_BY_YARGS = new Set(["--help", "-h", "--version", "-v"]);
const SHORT_FLAGS: Record<string, string> = { h: "help", v: "version" };
const GLOBAL_OPTIONS = Object.values(SHORT_FLAGS);

/** A command's options as it declares them, and its positionals from `synth <specs..>`. */
export function commandShape(command: Command): CommandShape {
  const [name, ...placeholders] = command.command.split(" ");
  const positionals = placeholders.map((p) => p.replace(/[<>[\]]|\.\./g, ""));
  const options = new Map<string, Option>();
  // --help and --version come last, as yargs lists them.
  const declared = { ...command.options, help: { type: "boolean" }, version: { type: "boolean" } } as const;
  for (const [key, option] of Object.entries(declared)) {
    const choices = "choices" in option && Array.isArray(option.choices) ? option.choices.map(String) : undefined;
    options.set(`--${key}`, { flag: `--${key}`, name: key, takesValue: option.type !== "boolean", choices });
  }
  for (const [short, long] of Object.entries(SHORT_FLAGS)) {
    const option = options.get(`--${long}`);
    if (option !== undefined) options.set(`-${short}`, { ...option, flag: `-${short}` });
  }
  const variadic = placeholders.some((p) => p.includes(".."));
  const required = placeholders.filter((p) => p.startsWith("<")).length;
  return { name, options, positional: { name: positionals[0] ?? "", required, most: variadic ? Infinity : placeholders.length } };
}

/** What a command line asks for: a usage problem, help or the version (yargs answers), or a command to run with its values. */
export type CommandLine = { problem: string } | { answeredByYargs: true } | { command: string; values: Map<string, string | true>; positionals: string[] };

/** The values a run of `command` gets from a command line readCommandLine accepted: what it gave, else the declared defaults. */
export function commandArguments(command: Command, shape: CommandShape, read: { values: ReadonlyMap<string, string | true>; positionals: readonly string[] }): CommandArguments {
  const values = new Map<string, ArgumentValue>();
  for (const [name, option] of Object.entries(command.options)) {
    const given = read.values.get(name);
    if (given !== undefined) values.set(name, given);
    else if (typeof option.default === "string" || typeof option.default === "boolean") values.set(name, option.default);
  }
  const positional = shape.positional;
  if (positional.name !== "") {
    if (positional.most === Infinity) values.set(positional.name, read.positionals);
    else if (read.positionals.length > 0) values.set(positional.name, read.positionals[0]);
    else if (typeof command.positional?.default === "string") values.set(positional.name, command.positional.default);
  }
  return new CommandArguments(values);
}

/**
 * Reads a command line against the commands' shapes (`names`: every command; `commands`: the
 * shapes of at least the one it names). A problem is one sentence without the `kgen: ` prefix.
 */
export function readCommandLine(args: readonly string[], names: readonly string[], commands: readonly CommandShape[]): CommandLine {
  const problem = (sentence: string): CommandLine => ({ problem: sentence });
  const [first, ...rest] = args;
  if (first === undefined) return problem(`name a command: ${orList(names)} (\`kgen --help\` describes them)`);
  if (ANSWERED_BY_YARGS.has(first)) return { answeredByYargs: true };
  if (first.startsWith("-")) return problem(`name the command first, e.g. \`kgen synth ${first} ...\`; the commands are ${orList(names)}`);
  const command = commands.find((c) => c.name === first);
  if (command === undefined) return problem(`${first} is not a kgen command${didYouMean(first, names)}; use ${orList(names)} (\`kgen --help\` describes them)`);

  const given = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let index = 0; index < rest.length; index++) {
    const token = rest[index];
    if (token === "--") return problem("`--` is not supported; write a file name that starts with - as ./-name.yaml");
    if (!token.startsWith("-") || token === "-") {
      positionals.push(token);
      continue;
    }
    const equals = token.indexOf("=");
    const flag = equals < 0 ? token : token.slice(0, equals);
    const option = command.options.get(flag);
    if (option === undefined) return problem(unknownOption(command, flag));
    if (given.has(option.name)) return problem(`--${option.name} is given twice; give it once`);
    let value = equals < 0 ? undefined : token.slice(equals + 1);
    if (!option.takesValue) {
      // yargs would read a following "true" or "false" as the flag's value.
      const next = rest[index + 1];
      const written = value !== undefined ? token : next === "true" || next === "false" ? `${token} ${next}` : undefined;
      if (written !== undefined) return problem(`${flag} takes no value (got ${written}): write just ${flag} to turn it on, or leave it out`);
      given.set(option.name, true);
      continue;
    }
    if (value === undefined) {
      const next = rest[index + 1];
      if (next !== undefined && !(next.startsWith("-") && next !== "-")) {
        value = next;
        index++;
      }
    }
    if (value === undefined || value === "") {
      return problem(option.choices === undefined ? `${flag} needs a value (${flag} VALUE)` : `${flag} needs a value: one of ${option.choices.join(", ")}`);
    }
    if (option.choices !== undefined && !option.choices.includes(value)) return problem(`${flag} must be one of ${option.choices.join(", ")} (not ${value})`);
    given.set(option.name, value);
  }
  if (given.has("help") || given.has("version")) return { answeredByYargs: true };
  const wrong = positionalProblem(command, positionals);
  return wrong === undefined ? { command: command.name, values: given, positionals } : problem(wrong);
}

function positionalProblem(command: CommandShape, positionals: readonly string[]): string | undefined {
  const { required, most, name } = command.positional;
  const noun = name.startsWith("spec") ? "spec file" : name;
  if (positionals.length < required) {
    return `${command.name} needs a ${noun}, e.g. \`kgen ${command.name} kgen.yaml\``;
  }
  if (positionals.length > most) {
    const takes = most === 0 ? "no arguments" : most === 1 ? `one ${noun}` : counted(most, noun);
    return `${command.name} takes ${takes}; ${positionals[most]} is one too many`;
  }
  return undefined;
}

function unknownOption(command: CommandShape, flag: string): string {
  // The command's own options first, then --help and --version.
  const names = [...new Set([...command.options.values()].map((o) => o.name))];
  const flags = [...names.filter((n) => !GLOBAL_OPTIONS.includes(n)), ...GLOBAL_OPTIONS].map((n) => `--${n}`);
  return `${command.name} has no option ${flag}${didYouMean(flag, flags)}; its options are ${flags.join(", ")}`;
}

/** `a, b or c`. */
function orList(words: readonly string[]): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

