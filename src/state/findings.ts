/**
 * A replacement or destroy (replacements.ts) as a warning on the spec entry that causes it: what
 * Terraform will do, why, what is lost, and how to avoid it when it is not meant.
 */
import type { Finding, SpecPath } from "../spec/diagnostics";
import type { StateChange } from "./replacements";

/** Where a destroyed resource's entry was, when the new spec no longer has it. */
const SECTION_OF_TYPE: Readonly<Record<string, string>> = {
  aws_kinesis_stream: "streams",
  aws_kinesis_video_stream: "streams",
  aws_kms_key: "keys",
};

/** The warning for a change; none for destroying what holds no state, which is what removing an entry means. */
export function changeFinding(module: string, change: StateChange, origins: ReadonlyMap<string, SpecPath>): Finding | undefined {
  const type = change.address.slice(0, change.address.indexOf("."));
  const where = change.movedTo === undefined ? change.address : `${change.address} (moved to ${change.movedTo})`;
  const path = origins.get(change.movedTo ?? change.address) ?? (SECTION_OF_TYPE[type] === undefined ? [] : [SECTION_OF_TYPE[type]]);
  if (change.action === "destroy") {
    if (change.loses === undefined) return undefined;
    return {
      code: "KG4001",
      severity: "warning",
      path,
      message: `module ${module}: Terraform will destroy ${where}, losing ${change.loses ?? "it"}`,
      hint: "if its entry was renamed, list the old name in the entry's renamed_from (streams, parties and shares also keep their aws_name); if it is meant to go, apply knowing this",
    };
  }
  if (change.action === "keep") {
    const kept = change.changes.map((c) => `${c.argument} ${c.from}`).join(", ");
    return {
      code: "KG4003",
      severity: "warning",
      path,
      message: `module ${module}: Terraform will keep ${kept} of ${where}: the provider computes it, and leaves it as it is when the spec stops setting it, so the resource will not match the spec`,
      hint: `to apply the change, replace the resource (terraform apply -replace=<module address>.${change.movedTo ?? change.address})${change.loses === undefined ? "" : `, losing ${change.loses}`}; or undo the spec change`,
    };
  }
  const why = change.changes
    .map((c) => (c.replacedReference === undefined ? `${c.argument} ${c.from} -> ${c.to}` : `${c.argument}: ${c.replacedReference} is replaced`))
    .join("; ");
  const renamedInAws = change.changes.some((c) => c.argument === "name");
  const hint = renamedInAws
    ? "AWS cannot rename it: keep its AWS name with aws_name (and renamed_from for a new spec name), or apply knowing this"
    : "undo the spec change that causes it to keep the resource, or apply knowing this";
  if (change.loses !== undefined) {
    return {
      code: "KG4001",
      severity: "warning",
      path,
      message: `module ${module}: Terraform will replace ${where} (${why}), losing ${change.loses}`,
      hint,
    };
  }
  return {
    code: "KG4002",
    severity: "warning",
    path,
    message: `module ${module}: Terraform will replace ${where} (${why}): it is deleted and created again, access through it stops meanwhile, and the deletion fails while something outside Terraform is attached to it`,
    hint,
  };
}
