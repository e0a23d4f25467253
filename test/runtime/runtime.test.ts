/**
 * Access that works at run time: for every example and every spec of test/runtime/specs, every call
 * the real clients of its parties make (calls.ts and clients-*.ts, each with its source) is allowed
 * by the generated policies read back from HCL, every granted action serves one of those calls,
 * and no call reaches another stream, namespace, account or consumer.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { exampleFiles } from "../support/examples";
import { externalHolders, loadWorld } from "../access/world";
import { check } from "./check";
import { KINDS } from "./kinds";
import { modelledParties } from "./parties";

const SPECS_DIR = join(__dirname, "specs");
// role-controls.yaml lives with the Terraform tier, which plans it; its role ARNs carry paths.
const SPECS = [
  ...exampleFiles(),
  ...readdirSync(SPECS_DIR).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(SPECS_DIR, f)),
  join(__dirname, "..", "terraform", "specs", "role-controls.yaml"),
];
const memberOf = (account: string) => `arn:aws:iam::${account}:role/kgen-test-member`;
const kindsSeen = new Set<string>();
/** Kind -> the modes its modelled calls name, over every spec. */
const modesSeen = new Map<string, Set<string>>();

describe.each(SPECS.map((file) => [file.slice(file.lastIndexOf("/") + 1), file]))("%s at run time", (_name, file) => {
  test("every call of every party is allowed, every grant is used, nothing else is reached", async () => {
    const world = await loadWorld(file);
    const identity = new Map([...world.identityPolicies, ...externalHolders(world, memberOf)]);
    const parties = modelledParties(world.spec, world.keyArn, memberOf);
    for (const { party, calls } of parties) {
      kindsSeen.add(party.kind);
      const modes = modesSeen.get(party.kind) ?? new Set<string>();
      calls.forEach((call) => modes.add(call.mode));
      modesSeen.set(party.kind, modes);
    }
    const verdict = await check({ world, identity, memberOf }, parties);
    const kinds = [...new Set(parties.map(({ party }) => party.kind))].sort();
    console.info(
      `${file.slice(file.lastIndexOf("/") + 1)}: ${parties.length} parties (${kinds.join(", ")}), ${verdict.calls} calls, ` +
        `${verdict.denials.length} denied, ${verdict.unused.length} unused grants, ${verdict.probes} probes, ${verdict.leaks.length} leaks`,
    );
    for (const [what, items] of [["denied", verdict.denials], ["unused", verdict.unused], ["leak", verdict.leaks]] as const) {
      if (items.length > 0) console.info(items.map((item) => `${what}: ${item}`).join("\n"));
    }
    expect(verdict.denials).toEqual([]);
    expect(verdict.unused).toEqual([]);
    expect(verdict.leaks).toEqual([]);
    expect(verdict.calls).toBeGreaterThan(0);
  }, 120_000);
});

test("the specs exercise every kind of party the call model knows", () => {
  expect([...kindsSeen].sort()).toEqual(Object.keys(KINDS).sort());
});

test("each kind's calls are its default and the modes it declares supported, and every declared mode is modelled", () => {
  const report = Object.entries(KINDS).map(([name, { model }]) => {
    const seen = [...(modesSeen.get(name) ?? [])].sort();
    return { name, seen, declared: ["default", ...model.supported].sort() };
  });
  for (const { name, seen, declared } of report) expect(`${name}: ${seen.join(", ")}`).toBe(`${name}: ${declared.join(", ")}`);
  console.info(
    Object.entries(KINDS)
      .map(([name, { model }]) => `${name}: ${model.client}; also: ${model.supported.join("; ") || "—"}; not granted: ${model.unsupported.join("; ") || "—"}`)
      .join("\n"),
  );
});
