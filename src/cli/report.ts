/**
 * How the CLI prints diagnostics. Human format (the default): one line each on stderr, as they
 * come. JSON format (`--format json`, for other tools): one array on stdout at the end of the run,
 * and nothing else on stdout. Either way, GitHub Actions also gets annotations on stderr.
 */
import type { CommandArguments, OptionDeclaration } from "./command";
import { counted } from "../english";
import { displayFile, displayText, formatDiagnostic, hasErrors, type Diagnostic } from "../spec/diagnostics";

export interface Console {
  out: (line: string) => void;
  err: (line: string) => void;
  /** stdout is a terminal: progress and the summary line are shown (they are quiet when piped). */
  interactive?: boolean;
  /** stderr is a terminal: diagnostics may be coloured (unless NO_COLOR is set). */
  colorable?: boolean;
}

/** Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org). */
export function useColor(io: Console, env: NodeJS.ProcessEnv): boolean {
  return io.colorable === true && (env.NO_COLOR ?? "") === "";
}

const ANSI = { red: 31, yellow: 33, green: 32, dim: 2 } as const;

export function paint(text: string, color: keyof typeof ANSI, enabled: boolean): string {
  return enabled ? `\u001b[${ANSI[color]}m${text}\u001b[0m` : text;
}

export const OUTPUT_FORMATS = ["human", "json"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The options every command that checks specs takes. */
export interface DiagnosticOptions {
  format: OutputFormat;
  /** Warnings fail the run (exit 1) like errors. */
  strict: boolean;
}

/** The options of every command that checks specs, declared after its own. */
export const DIAGNOSTIC_OPTIONS: Readonly<Record<keyof DiagnosticOptions, OptionDeclaration>> = {
  format: {
    choices: OUTPUT_FORMATS,
    default: "human",
    describe: "diagnostics as lines on stderr (human) or as one JSON array on stdout (json)",
  },
  strict: { type: "boolean", default: false, describe: "fail (exit 1) on warnings too" },
};

/** The values of DIAGNOSTIC_OPTIONS in a command line. */
export function diagnosticOptions(args: CommandArguments): DiagnosticOptions {
  return { format: args.choice("format", OUTPUT_FORMATS), strict: args.flag("strict") };
}

/**
 * A diagnostic as `--format json` prints it: always these keys, in this order (docs/errors.md).
 * Built key by key, so a field added to `Diagnostic` never leaks into the JSON unannounced.
 */
export interface DiagnosticJson {
  code: string;
  severity: "error" | "warning";
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
  hint: string;
}

export function toJson(d: Diagnostic): DiagnosticJson {
  return {
    code: d.code,
    severity: d.severity,
    file: d.file,
    line: d.line,
    column: d.column,
    path: d.path,
    message: d.message,
    hint: d.hint,
  };
}

/** Whether these diagnostics fail the run: any error, or under `--strict` any warning. */
export function failsRun(diagnostics: readonly Diagnostic[], strict: boolean): boolean {
  return hasErrors(diagnostics) || (strict && diagnostics.length > 0);
}

/** Collects a run's diagnostics and prints them in the chosen format. */
export class DiagnosticPrinter {
  private readonly collected: Diagnostic[] = [];

  constructor(
    private readonly options: DiagnosticOptions,
    private readonly io: Console,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Progress and results that are not diagnostics: stdout for people, stderr under JSON. */
  note(line: string, color?: { name: keyof typeof ANSI; enabled: boolean }): void {
    // The text is made displayable first; kgen's own colour goes on afterwards.
    const shown = color === undefined ? displayLine(line) : paint(displayLine(line), color.name, color.enabled);
    if (this.options.format === "json") this.io.err(shown);
    else this.io.out(shown);
  }

  add(diagnostics: readonly Diagnostic[]): void {
    this.collected.push(...diagnostics);
    const color = useColor(this.io, this.env);
    for (const d of diagnostics) {
      if (this.options.format === "human") this.io.err(colorSeverity(formatDiagnostic(d), d, color));
      if (this.env.GITHUB_ACTIONS === "true") this.io.err(annotation(d));
    }
  }

  /** Call once, after the last `add`: prints the JSON array, and says why `--strict` failed. */
  finish(): void {
    if (this.options.format === "json") this.io.out(jsonText(this.collected.map(toJson)));
    if (this.options.strict && !hasErrors(this.collected) && this.collected.length > 0) {
      this.io.err(`kgen: ${counted(this.collected.length, "warning")} and --strict: failing`);
    }
  }
}

/** `file:1:2 error KG...`: the severity word in red or yellow on a colour terminal. */
function colorSeverity(line: string, d: Diagnostic, color: boolean): string {
  const word = ` ${d.severity} `;
  const at = line.indexOf(word);
  if (!color || at < 0) return line;
  return `${line.slice(0, at)} ${paint(d.severity, d.severity === "error" ? "red" : "yellow", true)} ${line.slice(at + word.length)}`;
}

/** Human-format diagnostics, printed at once: for commands without `--format`. */
export function reportDiagnostics(diagnostics: readonly Diagnostic[], io: Console, env: NodeJS.ProcessEnv): void {
  new DiagnosticPrinter({ format: "human", strict: false }, io, env).add(diagnostics);
}

/**
 * A GitHub Actions workflow command (actions/toolkit, core/src/command.ts): the runner unescapes
 * `%25`, `%0D` and `%0A` in the message, and `:` and `,` too in properties, where they would
 * otherwise end the value. The text is made displayable first, so no escape sequence reaches
 * the log either; the annotation is then one line that starts with `::` and nothing in it can
 * end it.
 */
function annotation(d: Diagnostic): string {
  const kind = d.severity === "error" ? "error" : "warning";
  const text = `${d.code} ${d.path}: ${d.message}${d.hint === "" ? "" : ` (${d.hint})`}`;
  return `::${kind} file=${annotationProperty(d.file)},line=${d.line},col=${d.column}::${annotationData(text)}`;
}

export function annotationData(text: string): string {
  return displayText(text).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function annotationProperty(text: string): string {
  return annotationData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** A line for a terminal or log that is not a diagnostic (a progress note naming a file). */
export function displayLine(line: string): string {
  return displayFile(line);
}

/**
 * JSON for a log or a pipe: JSON.stringify, with the characters it leaves as they are but a
 * terminal would act on (DEL, C1 controls, bidirectional controls, line separators) escaped as
 * `\uXXXX` too; the value a JSON reader gets is the same.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
