/**
 * The command line, checked before yargs reads it: every mistake is one plain sentence (exit 2),
 * none is read as something else. Left to itself, yargs takes `--check=yes` and `--check=1` as
 * false, `--out a --out b` as an array, `--no-out` as `out: false`, `--out.x` as an object, drops
 * the files after `--`, and words its errors for itself. These rules hold for every command and
 * option alike, because they are read from what the commands declare to yargs.
 */
import yargs from "yargs";
import { counted } from "../english";
import { didYouMean } from "../spec/did-you-mean";
import type { Command } from "./command";

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

/** What yargs knows of a command's options; @types/yargs does not declare `getOptions`. */
interface YargsOptions {
  boolean: string[];
  choices: Record<string, string[]>;
  key: Record<string, unknown>;
}

/** A command's options as its builder declares them to yargs, and its positionals from `synth <specs..>`. */
export function commandShape(command: Command<unknown>): CommandShape {
  const [name, ...placeholders] = command.command.split(" ");
  const positionals = placeholders.map((p) => p.replace(/[<>[\]]|\.\./g, ""));
  const declared = (command.builder(yargs([])) as unknown as { getOptions(): YargsOptions }).getOptions();
  const options = new Map<string, Option>();
  for (const key of Object.keys(declared.key)) {
    if (positionals.includes(key)) continue;
    options.set(`--${key}`, { flag: `--${key}`, name: key, takesValue: !declared.boolean.includes(key), choices: declared.choices[key] });
  }
  for (const [short, long] of Object.entries(SHORT_FLAGS)) {
    const option = options.get(`--${long}`);
    if (option !== undefined) options.set(`-${short}`, { ...option, flag: `-${short}` });
  }
  const variadic = placeholders.some((p) => p.includes(".."));
  const required = placeholders.filter((p) => p.startsWith("<")).length;
  return { name, options, positional: { name: positionals[0] ?? "", required, most: variadic ? Infinity : placeholders.length } };
}

/**
 * The first problem of a command line, as a sentence without the `kgen: ` prefix; undefined if
 * none. `names`: every command; `commands`: the shapes of at least the one the line names.
 */
export function commandLineProblem(args: readonly string[], names: readonly string[], commands: readonly CommandShape[]): string | undefined {
  const [first, ...rest] = args;
  if (first === undefined) return `name a command: ${orList(names)} (\`kgen --help\` describes them)`;
  if (ANSWERED_BY_YARGS.has(first)) return undefined;
  if (first.startsWith("-")) return `name the command first, e.g. \`kgen synth ${first} ...\`; the commands are ${orList(names)}`;
  const command = commands.find((c) => c.name === first);
  if (command === undefined) return `${first} is not a kgen command${didYouMean(first, names)}; use ${orList(names)} (\`kgen --help\` describes them)`;

  const given = new Set<string>();
  const positionals: string[] = [];
  for (let index = 0; index < rest.length; index++) {
    const token = rest[index];
    if (token === "--") return "`--` is not supported; write a file name that starts with - as ./-name.yaml";
    if (!token.startsWith("-") || token === "-") {
      positionals.push(token);
      continue;
    }
    const equals = token.indexOf("=");
    const flag = equals < 0 ? token : token.slice(0, equals);
    const option = command.options.get(flag);
    if (option === undefined) return unknownOption(command, flag);
    if (given.has(option.name)) return `--${option.name} is given twice; give it once`;
    given.add(option.name);
    let value = equals < 0 ? undefined : token.slice(equals + 1);
    if (!option.takesValue) {
      // yargs would read a following "true" or "false" as the flag's value.
      const next = rest[index + 1];
      const written = value !== undefined ? token : next === "true" || next === "false" ? `${token} ${next}` : undefined;
      if (written !== undefined) return `${flag} takes no value (got ${written}): write just ${flag} to turn it on, or leave it out`;
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
      return option.choices === undefined ? `${flag} needs a value (${flag} VALUE)` : `${flag} needs a value: one of ${option.choices.join(", ")}`;
    }
    if (option.choices !== undefined && !option.choices.includes(value)) return `${flag} must be one of ${option.choices.join(", ")} (not ${value})`;
  }
  if (given.has("help") || given.has("version")) return undefined;
  return positionalProblem(command, positionals);
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

