/**
 * The HCL kgen prints says exactly what the CDKTF stack synthesized: every generated `.tf`
 * parses with the HCL v2 parser (@cdktf/hcl2json), and the parsed blocks have the same
 * resources, data sources and outputs with the same attribute values.
 */
import { buildModuleStack } from "../../src/constructs/module";
import { resolveModel } from "../../src/model/resolve";
import { buildCompanionStack } from "../../src/constructs/companion";
import type { ModuleStack } from "../../src/constructs/module-stack";
import { readStack } from "../../src/constructs/synthesized";
import { renderCompanionModule, renderOwnerModule, type ModuleFiles } from "../../src/render/module";
import { companionModuleResources, ownerModuleResources } from "../../src/state/addresses";
import { validateSpec } from "../../src/spec/rules";
import { evaluateAttribute } from "../support/hcl-expression";
import { exampleFiles, readExample } from "../support/examples";
import { parseModule } from "../support/parsed-module";

/** Terraform JSON allows one nested block as an object; the HCL parser always gives a list. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "//")
        .map(([key, v]) => [key, v !== null && typeof v === "object" && !Array.isArray(v) && key !== "tags" ? [normalize(v)] : normalize(v)]),
    );
  }
  return value;
}

/** hcl2json writes the references of `depends_on` as interpolations; Terraform JSON as bare addresses. */
function bareDependsOn(body: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(body.depends_on)) return body;
  return { ...body, depends_on: body.depends_on.map((ref: string) => ref.replace(/^\$\{(.*)\}$/, "$1")) };
}

/** `"${aws_kms_key.trades.arn}"` in the synthesized JSON stays a reference when evaluating HCL. */
const keepReference = (reference: string): string => `\${${reference}}`;

/** Policy strings in the synthesized JSON are compared as the documents they encode. */
function decodePolicies(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) =>
      ["policy", "assume_role_policy"].includes(key) && typeof value === "string" ? [key, JSON.parse(value)] : [key, value],
    ),
  );
}

/** Every module of a spec: the owner module, then one companion module per external account. */
async function modulesOf(file: string): Promise<Array<[ModuleStack, ModuleFiles]>> {
  const { spec } = validateSpec(file, readExample(file));
  if (spec === undefined) throw new Error("example does not validate");
  const model = resolveModel(spec);
  const owner = buildModuleStack(model);
  const modules: Array<[ModuleStack, ModuleFiles]> = [[owner, renderOwnerModule(model, readStack(owner), ownerModuleResources(model))]];
  for (const external of model.externalAccounts) {
    const stack = buildCompanionStack(model, external);
    modules.push([stack, renderCompanionModule(model, external, readStack(stack), companionModuleResources(model, external))]);
  }
  return modules;
}

describe.each(exampleFiles())("%s", (file) => {
  test("every module parses back to what its stack synthesized", async () => {
    for (const [stack, files] of await modulesOf(file)) await expectRoundTrip(stack, files);
  });
});

async function expectRoundTrip(stack: ModuleStack, files: ModuleFiles): Promise<void> {
  const synthesized = stack.toTerraform() as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
  const parsed = await parseModule(files);

  const expectedAddresses: string[] = [];
  for (const [type, named] of Object.entries(synthesized.resource ?? {})) {
    for (const [name, body] of Object.entries(named)) {
      expectedAddresses.push(`${type}.${name}`);
      const printed = bareDependsOn(parsed.blocks.get(`${type}.${name}`) ?? {});
      const evaluated = decodePolicies(evaluateAttribute(printed, keepReference) as Record<string, unknown>);
      expect(normalize(evaluated)).toEqual(normalize(decodePolicies(evaluateAttribute(body, keepReference) as Record<string, unknown>)));
    }
  }
  for (const [type, named] of Object.entries(synthesized.data ?? {})) {
    for (const [name, body] of Object.entries(named)) {
      expectedAddresses.push(`data.${type}.${name}`);
      expect(normalize(parsed.blocks.get(`data.${type}.${name}`))).toEqual(normalize(body));
    }
  }
  expect([...parsed.blocks.keys()].sort()).toEqual(expectedAddresses.sort());

  const outputs = (synthesized as unknown as { output: Record<string, Record<string, unknown>> }).output;
  expect([...parsed.outputs.keys()].sort()).toEqual(Object.keys(outputs).sort());
  for (const [name, body] of Object.entries(outputs)) expect(evaluateAttribute(parsed.outputs.get(name), keepReference)).toEqual(body);

  const variables = (synthesized as unknown as { variable?: Record<string, Record<string, unknown>> }).variable ?? {};
  expect([...parsed.variables.keys()].sort()).toEqual(Object.keys(variables).sort());
  for (const [name, body] of Object.entries(variables)) {
    // hcl2json writes a type constraint as the expression `${string}`.
    const printed = { ...parsed.variables.get(name), type: String(parsed.variables.get(name)?.type).replace(/^\$\{(.*)\}$/, "$1") };
    expect(normalize(printed)).toEqual(normalize(body));
  }
}
