/**
 * The compiler, top to bottom: spec text -> validated spec -> model -> CDKTF stack -> files.
 * Returns values (diagnostics, files); printing and writing belong to the CLI.
 */
import { buildCompanionStack } from "./constructs/companion";
import { buildModuleStack } from "./constructs/module";
import { synthesizeModule } from "./constructs/synthesized";
import { withoutTokenStackTraces } from "./constructs/token-stack-traces";
import { resolveModel } from "./model/resolve";
import type { Model } from "./model/types";
import { checkIamLimits, checkPolicyLimits } from "./permissions/limits";
import { renderCompanionModule, renderOwnerModule, type ModuleFiles } from "./render/module";
import { formatPath, hasErrors, sortDiagnostics, type Diagnostic, type SpecPath } from "./spec/diagnostics";
import { validateSpec } from "./spec/rules";
import { address, companionModuleResources, ownerModuleResources, type EntryResource } from "./state/addresses";

export interface GeneratedModule {
  /** Folder name under the output directory. */
  name: string;
  /** The `name` of the spec it was generated from (the owner module's folder name). */
  spec: string;
  files: ModuleFiles;
  /** Each resource's address -> the spec entry it comes from, to point a warning at. */
  origins: ReadonlyMap<string, SpecPath>;
}

export interface CompileResult {
  diagnostics: Diagnostic[];
  /** Empty when any diagnostic is an error. */
  modules: GeneratedModule[];
}

export async function compileSpec(file: string, text: string): Promise<CompileResult> {
  const checked = checkedModel(file, text);
  if (checked.model === undefined) return { diagnostics: checked.diagnostics, modules: [] };
  const model = checked.model;
  const modules = withoutTokenStackTraces(() => renderModules(model));
  return { diagnostics: checked.diagnostics, modules };
}

/**
 * The spec validated, resolved and within AWS's size limits, or the diagnostics saying why not.
 * The parsed YAML document, kept to locate diagnostics, ends here: at 1,000 streams it is ~8 MB
 * of live heap that rendering the modules need not carry (issue #17).
 */
function checkedModel(file: string, text: string): { model?: Model; diagnostics: Diagnostic[] } {
  const validated = validateSpec(file, text);
  if (validated.spec === undefined || hasErrors(validated.diagnostics)) return { diagnostics: validated.diagnostics };
  const located = (path: SpecPath, code: string, message: string, hint: string): Diagnostic => ({
    code,
    severity: "error",
    file,
    ...validated.locate(path),
    path: formatPath(path),
    message,
    hint,
  });
  const model = resolveModel(validated.spec);
  const limits = [...checkPolicyLimits(model), ...checkIamLimits(model)].map((v) => located(v.path, v.code, v.message, v.hint));
  if (limits.length > 0) return { diagnostics: sortDiagnostics([...validated.diagnostics, ...limits]) };
  return { model, diagnostics: validated.diagnostics };
}

/** The owner module, then one companion module per external account. */
function renderModules(model: Model): GeneratedModule[] {
  const ownerResources = ownerModuleResources(model);
  const modules: GeneratedModule[] = [
    { name: model.name, spec: model.name, files: renderOwnerModule(model, synthesizeModule(() => buildModuleStack(model)), ownerResources), origins: originsOf(ownerResources) },
  ];
  for (const external of model.externalAccounts) {
    const resources = companionModuleResources(model, external);
    const files = renderCompanionModule(model, external, synthesizeModule(() => buildCompanionStack(model, external)), resources);
    modules.push({ name: external.moduleName, spec: model.name, files, origins: originsOf(resources) });
  }
  return modules;
}

function originsOf(resources: readonly EntryResource[]): Map<string, SpecPath> {
  return new Map(resources.map((resource) => [address(resource), resource.origin]));
}
