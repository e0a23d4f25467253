/**
 * What kgen reads of a module stack once it is built: its Terraform JSON and where each block is
 * printed. `synthesizeModule` also lets CDKTF forget the stack afterwards.
 *
 * CDKTF keeps every token it creates in one process-wide map (cdktf/lib/tokens/private/token-map.js,
 * `global.__cdktfTokenMap`), which it never empties; each token holds its construct, so every
 * stack stays alive until the process exits. For a 1,000-stream spec that is about 40 MB of live
 * heap while kgen renders the README and tests and writes the files (issue #17). kgen synthesizes
 * each stack once and resolves nothing of it later, so it removes the tokens the stack added.
 * A token looked up after that fails loudly in CDKTF (`unrecognizedTokenKey`), never silently.
 */
import type { BlockPlacement, ModuleStack } from "./module-stack";

export interface SynthesizedStack {
  /** `toTerraform()`: the stack as Terraform JSON, every token resolved. */
  json: unknown;
  placements: readonly BlockPlacement[];
}

/** A stack as kgen prints it; the stack itself stays usable (tests synthesize it again). */
export function readStack(stack: ModuleStack): SynthesizedStack {
  return { json: stack.toTerraform(), placements: stack.placements };
}

/** Builds a stack and reads it, then drops the tokens it registered, so nothing holds it any more. */
export function synthesizeModule(build: () => ModuleStack): SynthesizedStack {
  const tokens = tokenMaps();
  const before = tokens.map((map) => new Set(map.keys()));
  const synthesized = readStack(build());
  tokens.forEach((map, i) => {
    for (const key of [...map.keys()]) if (!before[i].has(key)) map.delete(key);
  });
  return synthesized;
}

/** The maps of CDKTF's token map, or none if this CDKTF keeps its tokens differently (then nothing is dropped). */
function tokenMaps(): Array<Map<unknown, unknown>> {
  const tokenMap = (globalThis as { __cdktfTokenMap?: Record<string, unknown> }).__cdktfTokenMap;
  if (tokenMap === undefined) return [];
  return [tokenMap.stringTokenMap, tokenMap.numberTokenMap].filter((map): map is Map<unknown, unknown> => map instanceof Map);
}
