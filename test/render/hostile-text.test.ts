/**
 * The generated HCL says exactly what the spec says, whatever the text: specs with hostile text
 * in every free-text and ARN field (support/hostile-spec.ts) are generated, every `.tf` file is
 * parsed back with the HCL v2 parser (@cdktf/hcl2json), and the strings it reads are exactly the
 * spec's strings. Before the printer escaped `${` and `%{`, an ARN such as
 * `role/ops%{if!true}-decoy%{endif}/Reader` read back as `role/ops/Reader`.
 */
import fc from "fast-check";
import { compileSpec } from "../../src/compile";
import { hostileSpec, hostileValues, principalsOf } from "../support/hostile-spec";
import { evaluateAttribute, type Value } from "../support/hcl-expression";
import { parseModule } from "../support/parsed-module";

/** Every string in a module, as Terraform would read it; policies decoded; references as `<ref>`. */
async function stringsOf(files: ReadonlyMap<string, string>): Promise<{ strings: Set<string>; descriptions: Map<string, unknown> }> {
  const parsed = await parseModule(files);
  const strings = new Set<string>();
  const collect = (value: Value): void => {
    if (typeof value === "string") {
      strings.add(value);
      // A policy is a jsonencode() string: its own strings count too.
      if (value.startsWith("{")) collect(JSON.parse(value) as Value);
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(collect);
  };
  const descriptions = new Map<string, unknown>();
  for (const [address, body] of [...parsed.blocks, ...[...parsed.outputs].map(([name, b]) => [`output.${name}`, b] as const)]) {
    // Conditions (`self.region == ...`) and depends_on hold no spec text; everything else is read.
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      if (name === "lifecycle" || name === "depends_on" || name === "validation") continue;
      const evaluated = evaluateAttribute(value, () => "<ref>");
      collect(evaluated);
      if (name === "description") descriptions.set(address, evaluated);
    }
  }
  return { strings, descriptions };
}

test("every hostile string reads back from the HCL exactly as the spec wrote it", async () => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(hostileValues, async (values) => {
      const { diagnostics, modules } = await compileSpec("hostile.yaml", hostileSpec(values));
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const owner = await stringsOf(modules[0].files);
      expect(owner.descriptions.get("aws_kms_key.k")).toBe(values.description);
      const companion = await stringsOf(modules[1].files);
      const everywhere = new Set([...owner.strings, ...companion.strings]);
      const missing = principalsOf(values).filter((arn) => !everywhere.has(arn));
      expect(missing).toEqual([]);
      runs++;
    }),
    { seed: 20_261_205, numRuns: 60 },
  );
  expect(runs).toBe(60);
}, 300_000);

test("the issue's decoy: an ARN that was a Terraform template reads back whole", async () => {
  const decoy = "arn:aws:iam::123456789012:role/ops%{if!true}-decoy%{endif}/Reader";
  const values = { description: "${uuid()}", keyAdministrators: [decoy], streamAdministrators: [decoy], trusted: decoy, existingRole: decoy, sharePrincipals: [`arn:aws:iam::111122223333:role/x%{endif}/R`] };
  const { modules } = await compileSpec("hostile.yaml", hostileSpec(values));
  const owner = await stringsOf(modules[0].files);
  expect(owner.strings.has(decoy)).toBe(true);
  expect(owner.strings.has("arn:aws:iam::123456789012:role/ops/Reader")).toBe(false);
  expect(owner.descriptions.get("aws_kms_key.k")).toBe("${uuid()}");
});
