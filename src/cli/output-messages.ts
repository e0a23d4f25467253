/** What synth prints about the output folder: differences `--check` found, interrupted runs recovered. */
import type { FileDifference } from "../output/check";
import type { Recovery } from "../output/recover";

/** What `--check` prints after a file's path. */
export function differenceMessage(d: FileDifference): string {
  switch (d.problem) {
    case "differs":
      if (d.bytes !== undefined) return `differs: it is ${d.bytes} bytes, more than kgen ever writes`;
      return d.line === undefined ? "differs" : `differs at line ${d.line.number}: expected ${JSON.stringify(d.line.expected)}, found ${JSON.stringify(d.line.actual)}`;
    case "not a file":
      return `is a ${d.kind ?? "special file"}, not a file kgen wrote`;
    case "not written":
      return "not written by kgen, and Terraform reads it with the generated files: remove it, or keep your own Terraform in a folder of its own";
    default:
      return d.problem;
  }
}

/** What `synth` prints after recovering an interrupted run (output/recover.ts). */
export function recoveryMessage({ path, outcome, modules }: Recovery): string {
  const names = modules.join(", ");
  switch (outcome) {
    case "not begun":
      return `${path}: removed the staging folder of an interrupted run, which had changed no module`;
    case "finished":
      return `${path}: an interrupted run had written every module (${names}); removed its staging folder`;
    case "rolled back":
      return `${path}: an interrupted run had begun to write ${names}; restored their previous files and removed its staging folder`;
    case "no journal":
      return `${path}: removed the staging folder of an interrupted run of an earlier kgen, which kept no journal; module ${names} may hold a mix of old and new files until kgen synth writes it again`;
  }
}
