/**
 * kgen's library API: the CLI's steps as functions that return values, and a CDKTF construct.
 * Everything exported here is covered by the semver promise in the README; anything not exported
 * here is internal and may change in any release.
 */
import { compileSpec, type CompileResult, type GeneratedModule } from "./compile";
import { loadSpec as loadSpecFile, type LoadResult } from "./spec/load";
import { validateSpec as validateSpecFile, type ValidationResult } from "./spec/rules";
import { toJsonSchema } from "./spec/schema";
import { accessMatrix, filterRows, type AccessRow, type MatrixFilter } from "./explain/matrix";
import { resolveModel } from "./model/resolve";
import { hasErrors, type Diagnostic } from "./spec/diagnostics";

export { KinesisAccess, SpecError, type KinesisAccessProps } from "./library/kinesis-access";
export type { Diagnostic, Position, Severity } from "./spec/diagnostics";
export { formatDiagnostic } from "./spec/diagnostics";
export type * from "./spec/types";
export type { AccessRow, CompileResult, GeneratedModule, LoadResult, MatrixFilter, ValidationResult };
export type { MatchedStatement, PolicyKind } from "./explain/evaluate";

/** What {@link explain} returns: the spec's diagnostics, and the access rows when it is valid. */
export interface ExplainResult {
  diagnostics: Diagnostic[];
  /** Every principal x resource x action, allowed or not, with the statements that decide it. */
  rows: AccessRow[];
}

/**
 * Parses a spec's YAML and checks its shape (types, required fields, ranges, unknown keys).
 * @param file how diagnostics name the spec, e.g. its path
 * @param text the YAML text
 * @returns the spec with defaults applied when there is no error, and every diagnostic
 */
export function loadSpec(file: string, text: string): LoadResult {
  return loadSpecFile(file, text);
}

/**
 * {@link loadSpec} plus every rule of spec v1 (references, names, principals, shares): what
 * `kgen validate` checks.
 * @returns the spec when there is no error (warnings allowed), and the sorted diagnostics
 */
export function validateSpec(file: string, text: string): ValidationResult {
  return validateSpecFile(file, text);
}

/**
 * What `kgen synth` generates for one spec, without writing anything: the owner module and one
 * companion module per external account, each as a map of file name to content.
 * @returns diagnostics, and the modules when no diagnostic is an error
 */
export function synthModule(file: string, text: string): Promise<CompileResult> {
  return compileSpec(file, text);
}

/** The JSON Schema of spec v1, as `kgen schema` prints it (for editors and other tools). */
export function specJsonSchema(): object {
  return toJsonSchema();
}

/**
 * What `kgen explain` prints, as data: who may do what on which resource, decided by evaluating
 * the policy documents synth would generate (not by re-reading the spec).
 * @param filter `who` (an ARN, party, share or role name) and `on` (a stream name) narrow the rows
 */
export function explain(file: string, text: string, filter: MatrixFilter = {}): ExplainResult {
  const { spec, diagnostics } = validateSpecFile(file, text);
  if (spec === undefined || hasErrors(diagnostics)) return { diagnostics, rows: [] };
  return { diagnostics, rows: filterRows(accessMatrix(resolveModel(spec), { filter }), filter) };
}
