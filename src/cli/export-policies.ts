/**
 * `kgen export-policies <spec...> [--out DIR] [--check] [--format human|json] [--strict]`: every
 * policy synth would generate, with reference policies, deny lists, a manifest and check.sh, in
 * `DIR/<name>/` — for IAM Access Analyzer to check in the user's own account (src/verify/).
 */
import { join } from "node:path";
import { counted } from "../english";
import { resolveModel } from "../model/resolve";
import { checkModule } from "../output/check";
import { MANIFEST_FILE, OutputError, readManifest } from "../output/manifest";
import { writeModules, type WriteReport } from "../output/write";
import { validateSpec } from "../spec/rules";
import { isBundleFileName, policyBundle, type PolicyBundle } from "../verify/bundle";
import type { Command } from "./command";
import { EXIT } from "./exit-codes";
import { differenceMessage } from "./output-messages";
import { DIAGNOSTIC_OPTIONS, DiagnosticPrinter, diagnosticOptions, type Console, type DiagnosticOptions } from "./report";
import { compileAll } from "./synth";
import { readSpecFiles } from "./validate";

export const exportPoliciesCommand: Command = {
  command: "export-policies <specs..>",
  describe: "write every policy synth generates, with reference policies and deny lists, for IAM Access Analyzer checks in your account",
  positional: { type: "string", array: true, demandOption: true, describe: "spec files (YAML)" },
  options: {
    out: { type: "string", default: "policies", describe: "folder that holds a policy folder per spec" },
    check: { type: "boolean", default: false, describe: "write nothing; exit 3 if the committed policy folders differ" },
    ...DIAGNOSTIC_OPTIONS,
  },
  run: async (args, { io, env }) =>
    exportPolicies({ specs: args.texts("specs"), out: args.text("out"), check: args.flag("check"), ...diagnosticOptions(args) }, io, env),
};

export interface ExportPoliciesOptions extends DiagnosticOptions {
  specs: string[];
  out: string;
  check: boolean;
}

export async function exportPolicies(options: ExportPoliciesOptions, io: Console, env: NodeJS.ProcessEnv): Promise<number> {
  const specs = readSpecFiles(options.specs, io);
  if (specs === undefined) return EXIT.usage;
  const printer = new DiagnosticPrinter(options, io, env);
  // The specs synth accepts, and no other: the same checks, the same diagnostics.
  if ((await compileAll(specs, printer, options.strict)) === undefined) return EXIT.invalidSpec;

  const bundles: PolicyBundle[] = [];
  for (const specFile of specs) {
    const { file } = specFile;
    // compileAll refused any spec it could not read whole (an oversized one), so each has text.
    if (!("text" in specFile)) throw new Error(`internal: ${file} compiled without its text`);
    const { spec } = validateSpec(file, specFile.text);
    if (spec === undefined) throw new Error(`internal: ${file} compiled but does not validate`);
    const bundle = policyBundle(resolveModel(spec));
    // The same file named twice (a glob and its own name) exports the same folder twice.
    if (!bundles.some((b) => b.name === bundle.name)) bundles.push(bundle);
  }
  try {
    for (const bundle of bundles) refuseModuleFolder(options.out, bundle.name);
    if (options.check) return checkBundles(options.out, bundles, io);
    const reports = writeModules(
      options.out,
      bundles.map((bundle) => ({ name: bundle.name, spec: bundle.name, files: bundle.files })),
    );
    reportWrites(reports, bundles, io, printer);
  } catch (error) {
    // A problem of the output folder, not of kgen: the message says what to do, no stack trace.
    if (!(error instanceof OutputError)) throw error;
    io.err(`kgen: ${error.message}; nothing was written`);
    return EXIT.usage;
  }
  return EXIT.ok;
}

/**
 * A policy folder has the name of the spec, as its owner module does: pointed at the modules'
 * folder, kgen would take the module's files for stale policies of its own and remove them.
 */
function refuseModuleFolder(out: string, name: string): void {
  const dir = join(out, name);
  const notPolicies = readManifest(dir).files.filter((file) => !isBundleFileName(file));
  if (notPolicies.length > 0) {
    throw new OutputError(
      `${dir} holds what kgen synth wrote (${MANIFEST_FILE} lists ${notPolicies[0]}), not exported policies; ` +
        "give export-policies an --out folder of its own, such as policies",
    );
  }
}

function checkBundles(out: string, bundles: readonly PolicyBundle[], io: Console): number {
  let stale = false;
  for (const bundle of bundles) {
    for (const difference of checkModule(out, bundle.name, bundle.name, bundle.files).differences) {
      io.err(`${difference.file}: ${differenceMessage(difference)}`);
      stale = true;
    }
  }
  if (!stale) return EXIT.ok;
  io.err("policy folders differ from their specs: run `kgen export-policies` and commit the result");
  return EXIT.checkFailed;
}

/** Problems always; the summary of each folder on a terminal only, as synth does (on stderr under --format json). */
function reportWrites(reports: readonly WriteReport[], bundles: readonly PolicyBundle[], io: Console, printer: DiagnosticPrinter): void {
  reports.forEach((report, index) => {
    for (const file of report.foreign) io.err(`${report.dir}/${file}: not written by kgen; kept`);
    const bundle = bundles[index];
    if (io.interactive !== true) return;
    printer.note(
      `${report.dir}: ${counted(bundle.policies, "policy", "policies")}, ${counted(bundle.references, "reference policy", "reference policies")}, ` +
        `${counted(bundle.denyLists, "deny list")}; ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.removed.length} removed`,
    );
  });
}
