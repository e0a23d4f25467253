/**
 * `kgen explain <spec> [--format table|markdown|json] [--who <principal>] [--on <stream>] [--denied]`:
 * who may do what on which resource, and through which statements, evaluated from the policy
 * documents synth would generate.
 */
import { accessMatrix, filterRows, unknownFilter, type MatrixFilter } from "../explain/matrix";
import { EXPLAIN_FORMATS, formatMatrix, type ExplainFormat } from "../explain/format";
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
  // allowed (a 1,000-stream spec has millions of denied requests).
  const matrix = accessMatrix(resolveModel(spec), { allowedOnly: options.format !== "json" && !options.denied });
  const unknown = unknownFilter(matrix, options);
  if (unknown !== undefined) {
    io.err(`kgen: ${unknown}`);
    return EXIT.usage;
  }
  const text = formatMatrix(options.format, filterRows(matrix, options), { name: matrix.name, owner: matrix.owner, denied: options.denied });
  io.out(text.endsWith("\n") ? text.slice(0, -1) : text);
  return EXIT.ok;
}
