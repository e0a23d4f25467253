/**
 * `kgen explain <spec> [--format table|markdown|json] [--who <principal>] [--on <stream>] [--denied]`:
 * who may do what on which resource, and through which statements, evaluated from the policy
 * documents synth would generate.
 */
import { accessMatrix, filterRows, unknownFilter, type MatrixFilter } from "../explain/matrix";
import { EXPLAIN_FORMATS, formatMatrixChunks, type ExplainFormat } from "../explain/format";
import { resolveModel } from "../model/resolve";
import { hasErrors } from "../spec/diagnostics";
import { validateSpec } from "../spec/rules";
import type { Command } from "./command";
import { EXIT } from "./exit-codes";
import { reportDiagnostics, type Console } from "./report";
import { readSpecFiles } from "./validate";

export const explainCommand: Command = {
  command: "explain <spec>",
  describe: "print who may do what on which resource, evaluated from the generated policies",
  positional: { type: "string", demandOption: true, describe: "spec file (YAML)" },
  options: {
    format: { choices: EXPLAIN_FORMATS, default: "table", describe: "table (terminal), markdown (READMEs) or json (all rows)" },
    who: { type: "string", describe: "only this principal: its ARN, a party or share name, or a role or user name" },
    on: { type: "string", describe: "only this stream: the stream, its consumers and its key" },
    denied: { type: "boolean", default: false, describe: "list denied requests too (json always lists them)" },
  },
  run: async (args, { io, env }) =>
    explain(
      { spec: args.text("spec"), format: args.choice("format", EXPLAIN_FORMATS), who: args.optionalText("who"), on: args.optionalText("on"), denied: args.flag("denied") },
      io,
      env,
    ),
};

export interface ExplainOptions extends MatrixFilter {
  spec: string;
  format: ExplainFormat;
  denied: boolean;
}

export function explain(options: ExplainOptions, io: Console, env: NodeJS.ProcessEnv): number {
  // yargs reports a bad --format itself, but still runs the command: do nothing then.
  if (!EXPLAIN_FORMATS.includes(options.format)) return EXIT.usage;
  const [source] = readSpecFiles([options.spec], io) ?? [];
  if (source === undefined) return EXIT.usage;
  const { spec, diagnostics } = "text" in source ? validateSpec(source.file, source.text) : { spec: undefined, diagnostics: [source.oversized] };
  reportDiagnostics(diagnostics, io, env);
  if (spec === undefined || hasErrors(diagnostics)) return EXIT.invalidSpec;

  // Table and Markdown without --denied print the allowed rows only: ask only what could be
  // allowed (a 1,000-stream spec has millions of denied requests). --who and --on narrow what is
  // asked, not only what is printed.
  const matrix = accessMatrix(resolveModel(spec), {
    allowedOnly: options.format !== "json" && !options.denied,
    filter: { who: options.who, on: options.on },
    maxRequests: MAX_EXPLAINED_REQUESTS,
  });
  if (matrix.tooLarge !== undefined) {
    io.err(
      `kgen: ${options.spec}: explaining every request, denied too, would ask about ${matrix.tooLarge.requests.toLocaleString("en-US")} requests ` +
        `(at most ${matrix.tooLarge.limit.toLocaleString("en-US")}); narrow it with --who or --on, or list the allowed ones only (the table or markdown without --denied)`,
    );
    return EXIT.usage;
  }
  const unknown = unknownFilter(matrix, options);
  if (unknown !== undefined) {
    io.err(`kgen: ${unknown}`);
    return EXIT.usage;
  }
  printChunks(formatMatrixChunks(options.format, filterRows(matrix, options), { name: matrix.name, owner: matrix.owner, denied: options.denied }), io);
  return EXIT.ok;
}

/**
 * The most requests one `kgen explain` evaluates with the denied ones: about a 150-stream spec's
 * full matrix. Each is a row held until the rows are sorted; a 100-stream spec's 608,894 rows
 * peaked at 282 MB with `--format json`, 559 MB as a table with `--denied`.
 */
export const MAX_EXPLAINED_REQUESTS = 1_000_000;

/** Text made of newline-ended pieces, printed a megabyte at a time rather than as one string. */
function printChunks(chunks: Iterable<string>, io: Console): void {
  let pending = "";
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= 1 << 20) {
      io.out(pending.slice(0, -1));
      pending = "";
    }
  }
  if (pending !== "") io.out(pending.slice(0, -1));
}
