/**
 * Changes a team makes to a spec, each applied to a deployed module: what Terraform will replace,
 * read from each resource type's force-new arguments (state/force-new.ts). An additive change
 * (a stream added to a share, to an administrator or to a party; a party, share, key or tag
 * added) replaces nothing; a change that inherently replaces or destroys something stateful
 * replaces exactly that, and `kgen synth` warns about it (KG4001). The Terraform tier runs the
 * same pairs through Terraform's own plan.
 */
import { stateChangeWarnings } from "../../src/cli/synth";
import { compileSpec } from "../../src/compile";
import { compareModules } from "../../src/state/replacements";
import { specPairs } from "../support/spec-changes";

async function tfFiles(text: string): Promise<Map<string, string[]>> {
  const { modules, diagnostics } = await compileSpec("spec.yaml", text);
  if (modules.length === 0) throw new Error(diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n"));
  return new Map(modules.map((m) => [m.name, [...m.files].filter(([file]) => file.endsWith(".tf")).map(([, content]) => content)]));
}

describe.each(specPairs().map((pair) => [pair.title, pair] as const))("%s", (_title, pair) => {
  test(pair.replaces.length === 0 ? `replaces nothing${pair.keeps.length === 0 ? "" : ", and synth warns what it keeps"}` : `replaces ${pair.replaces.join(", ")}, and synth warns`, async () => {
    const before = await tfFiles(pair.before);
    const after = await tfFiles(pair.after);
    const changes = [...after].flatMap(([module, files]) => compareModules(before.get(module) ?? [], files));
    expect(changes.filter((c) => c.action !== "keep").map((c) => c.address).sort()).toEqual([...pair.replaces].sort());
    expect(changes.filter((c) => c.action === "keep").map((c) => c.address)).toEqual(pair.keeps);

    const result = await compileSpec("spec.yaml", pair.after);
    const warnings = stateChangeWarnings((module) => before.get(module.name) ?? [], [{ file: "spec.yaml", text: pair.after }], [result]);
    // Warned: what is replaced, and what is destroyed while it holds state.
    const stateful = warnings.filter((w) => w.code === "KG4001").map((w) => /Terraform will (?:replace|destroy) ([\w.]+)/.exec(w.message)?.[1]);
    const expectedStateful = pair.replaces.filter((address) => /^aws_(kinesis_stream|kinesis_video_stream|kinesis_stream_consumer|kms_key)\./.test(address));
    expect(stateful.sort()).toEqual(expectedStateful.sort());
    expect(warnings.filter((w) => w.code === "KG4003").length).toBe(pair.keeps.length);
  });
});
