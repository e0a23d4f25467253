/**
 * `moved` blocks for renamed spec entries: from each address an earlier name gave a resource to
 * the next, ending at the current one (Terraform follows chains of moves, and ignores a move whose
 * `from` is not in its state). Without them a rename is a destroy and a create in `terraform plan`.
 */
import type { SpecPath } from "../spec/diagnostics";
import type { EntryResource } from "./addresses";

export interface Move {
  from: string;
  to: string;
  /** The renamed entry. */
  origin: SpecPath;
}

export function movesOf(resources: readonly EntryResource[]): Move[] {
  return resources.flatMap(({ type, names, origin }) =>
    names.slice(1).map((name, i) => ({ from: `${type}.${names[i]}`, to: `${type}.${name}`, origin })),
  );
}
