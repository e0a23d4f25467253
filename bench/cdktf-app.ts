/**
 * The "plain CDKTF path" of the benchmark: the same stacks kgen builds (kgen's own constructs,
 * from dist/), synthesized to HCL by CDKTF itself instead of kgen's printer, formatter and README.
 *
 * It is a CDKTF app in the usual sense, so it serves both baselines:
 * - `cdktf-lib`: run directly, `node bench/.build/cdktf-app.js spec.yaml` (the runner sets
 *   CDKTF_OUTDIR);
 * - `cdktf-cli`: `cdktf synth --hcl`, which runs this file as the `app` of a cdktf.json and sets
 *   SYNTH_HCL_OUTPUT and CDKTF_OUTDIR itself.
 *
 * Why not just `app.synth()`: each kgen stack is created inside its own App (ModuleStack builds
 * one, with its own scratch outdir). So this file creates the App the CLI expects (it honours
 * CDKTF_OUTDIR) and runs exactly what `App.synth()` runs, stack by stack, into that App's outdir
 * and manifest. The front end (parse, validate, resolve) is kgen's, as in `kgen synth`, so both
 * sides of the comparison start from the same spec file; kgen's policy size checks are skipped.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { App, type TerraformStack } from "cdktf";
import type * as Companion from "../dist/constructs/companion";
import type * as Module from "../dist/constructs/module";
import type * as Resolve from "../dist/model/resolve";
import type * as Rules from "../dist/spec/rules";

// Each stack's synthesizer reads this when the stack is constructed: set before building.
process.env.SYNTH_HCL_OUTPUT = "true";

/** kgen's compiled modules, loaded at run time from the repository's dist/ (built by `npm ci`). */
const DIST = resolve(__dirname, "../../dist");
const { validateSpec } = require(join(DIST, "spec/rules.js")) as typeof Rules;
const { resolveModel } = require(join(DIST, "model/resolve.js")) as typeof Resolve;
const { buildModuleStack } = require(join(DIST, "constructs/module.js")) as typeof Module;
const { buildCompanionStack } = require(join(DIST, "constructs/companion.js")) as typeof Companion;

function main(file: string): void {
  const validated = validateSpec(file, readFileSync(file, "utf8"));
  if (validated.spec === undefined) throw new Error(`${file}: invalid spec (run kgen validate ${file})`);
  const model = resolveModel(validated.spec);
  const stacks: TerraformStack[] = [buildModuleStack(model), ...model.externalAccounts.map((e) => buildCompanionStack(model, e))];

  // What App.synth() does, over stacks that belong to other Apps.
  const app = new App({ skipValidation: true });
  const session = { outdir: app.outdir, skipValidation: true, manifest: app.manifest };
  for (const stack of stacks) stack.prepareStack();
  for (const stack of stacks) stack.synthesizer.synthesize(session);
  app.manifest.writeToFile();
}

main(process.argv[2] ?? "");
