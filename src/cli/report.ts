/** How the CLI prints diagnostics: one line each on stderr, plus GitHub annotations in Actions. */
import { formatDiagnostic, type Diagnostic } from "../spec/diagnostics";

export interface Console {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const processConsole: Console = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export function reportDiagnostics(diagnostics: readonly Diagnostic[], io: Console, env: NodeJS.ProcessEnv): void {
  for (const d of diagnostics) {
    io.err(formatDiagnostic(d));
    if (env.GITHUB_ACTIONS === "true") {
      const kind = d.severity === "error" ? "error" : "warning";
      const text = `${d.code} ${d.path}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`.replace(/%/g, "%25").replace(/\n/g, "%0A");
      io.err(`::${kind} file=${d.file},line=${d.line},col=${d.column}::${text}`);
    }
  }
}
