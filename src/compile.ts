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
  const validated = validateSpec(file, text);
  if (validated.spec === undefined || hasErrors(validated.diagnostics)) return { diagnostics: validated.diagnostics, modules: [] };
  const spec = validated.spec;
  const located = (path: SpecPath, code: string, message: string, hint: string): Diagnostic => ({
    code,
    severity: "error",
    file,
    ...validated.locate(path),
    path: formatPath(path),
    message,
    hint,
  });
  const model = resolveModel(spec);
  const limits = [...checkPolicyLimits(model), ...checkIamLimits(model)].map((v) => located(v.path, v.code, v.message, v.hint));
  if (limits.length > 0) return { diagnostics: sortDiagnostics([...validated.diagnostics, ...limits]), modules: [] };

  const modules = withoutTokenStackTraces(() => renderModules(model));
  return { diagnostics: validated.diagnostics, modules };
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
