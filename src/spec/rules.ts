/**
 * Semantic rules: what a structurally valid spec may still get wrong (spec-v1.md, "What is an
 * error"). Each group lives in its own file; this one runs them all and attaches positions.
 */
import {
  createDiagnostic,
  hasErrors,
  limitDiagnostics,
  sortDiagnostics,
  type Diagnostic,
  type Finding,
  type Position,
  type SpecPath,
} from "./diagnostics";
import { withSuggestionBudget } from "./did-you-mean";
import { loadSpec } from "./load";
import { checkNames } from "./rules-names";
import { checkIdentities } from "./rules-identities";
import { checkParties } from "./rules-parties";
import { checkRenames } from "./rules-renames";
import { checkAccounts, checkShares } from "./rules-shares";
import { checkTags } from "./rules-tags";
import { checkKeys, checkStreams } from "./rules-streams";
import type { Spec } from "./types";

export type Locate = (path: SpecPath) => Position;

/** Every semantic problem of a loaded spec, each at the position of its spec path. */
export function checkRules(spec: Spec, file: string, locate: Locate): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (finding: Finding): void => {
    diagnostics.push(createDiagnostic(file, locate(finding.path), finding));
  };
  checkKeys(spec, report);
  checkStreams(spec, report);
  checkParties(spec, report);
  checkIdentities(spec, report);
  checkTags(spec, report);
  checkAccounts(spec, report);
  checkShares(spec, report);
  checkNames(spec, report);
  checkRenames(spec, report);
  return diagnostics;
}

export interface ValidationResult {
  /** Present only when there is no error; warnings may accompany it. */
  spec?: Spec;
  /** Sorted by file and position; at most MAX_DIAGNOSTICS. */
  diagnostics: Diagnostic[];
  locate: Locate;
}

/** Load and rule-check a spec: the whole of `kgen validate`, and the first step of `kgen synth`. */
export function validateSpec(file: string, text: string): ValidationResult {
  return withSuggestionBudget(() => validate(file, text));
}

function validate(file: string, text: string): ValidationResult {
  const loaded = loadSpec(file, text);
  if (!loaded.spec) return { diagnostics: limitDiagnostics(sortDiagnostics(loaded.diagnostics)), locate: loaded.locate };
  const diagnostics = limitDiagnostics(sortDiagnostics([...loaded.diagnostics, ...checkRules(loaded.spec, file, loaded.locate)]));
  return hasErrors(diagnostics)
    ? { diagnostics, locate: loaded.locate }
    : { spec: loaded.spec, diagnostics, locate: loaded.locate };
}
