/**
 * Each module's tests/kgen.tftest.hcl, read back with the HCL v2 parser: it asserts every policy
 * document of the module, and each expected document is what the module's own expression
 * evaluates to with the test's mock values (evaluated here by the tests' own HCL evaluator, not
 * kgen's code). Mock ARNs are well-formed and distinct; the guard runs point at another account
 * and region. Real Terraform runs these files in test/terraform/.
 */
import { parse } from "@cdktf/hcl2json";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { compileSpec } from "../../src/compile";
import { POLICY_ATTRIBUTES } from "../../src/render/from-terraform-json";
import { MODULE_TEST_FILE } from "../../src/render/module-tests";
import { formatHcl } from "../support/hclwrite-format";
import { evaluateAttribute, type Value } from "../support/hcl-expression";
import { exampleFiles, readExample, ROOT } from "../support/examples";
import { parseModule, type Body } from "../support/parsed-module";

interface TestFile {
  mock_provider: Array<{ aws: Array<{ mock_data: Record<string, Array<{ defaults: Record<string, string> }>> }> }> | { aws: Array<{ mock_data: Record<string, Array<{ defaults: Record<string, string> }>> }> };
  override_resource?: Array<{ target: string; values: Record<string, string> }>;
  variables?: Array<Record<string, string>>;
  run: Record<string, Array<{ command?: string; assert?: Array<{ condition: string }>; override_data?: Array<{ target: string; values: Record<string, string> }>; expect_failures?: string[] }>>;
}

/** `${a == b}` -> [a, b], split at the top-level `==`. */
function sides(condition: string): [string, string] {
  const inner = /^\$\{([\s\S]*)\}$/.exec(condition)?.[1] ?? "";
  const at = inner.indexOf(" == ");
  return [inner.slice(0, at), inner.slice(at + 4)];
}

describe.each(exampleFiles().map((file) => [relative(ROOT, file), file]))("%s", (_name, file) => {
  test("each module's test asserts every policy document, as the module evaluates it with the test's mocks", async () => {
    const { modules } = await compileSpec(file, readExample(file));
    for (const module of modules) {
      const text = module.files.get(MODULE_TEST_FILE) ?? "";
      expect(await formatHcl(text)).toBe(text);
      const tests = (await parse(MODULE_TEST_FILE, text)) as TestFile;
      const parsed = await parseModule(module.files);

      const overrides = new Map((tests.override_resource ?? []).map((o) => [o.target.replace(/^\$\{(.*)\}$/, "$1"), o.values]));
      const variables: Record<string, string> = Object.assign({}, ...(tests.variables ?? []));
      const resolve = (reference: string): Value => {
        if (reference.startsWith("var.")) return variables[reference.slice(4)] ?? fail(`no test value for ${reference}`);
        const [type, name, attribute] = reference.split(".");
        const override = overrides.get(`${type}.${name}`)?.[attribute];
        if (override !== undefined) return override;
        const body = parsed.blocks.get(`${type}.${name}`);
        if (body === undefined || !(attribute in body)) return fail(`no value for ${reference}`);
        return evaluateAttribute(body[attribute], resolve);
      };

      const asserts = Object.values(tests.run)
        .flat()
        .flatMap((run) => run.assert ?? [])
        .map(({ condition }) => sides(condition));
      const policies = [...parsed.blocks].flatMap(([address, body]: [string, Body]) =>
        (POLICY_ATTRIBUTES[address.split(".")[0]] ?? []).filter((attribute) => attribute in body).map((attribute) => ({ address, attribute, body })),
      );
      expect(policies.length).toBeGreaterThan(0);
      for (const { address, attribute, body } of policies) {
        const matching = asserts.filter(([left]) => left === `jsondecode(${address}.${attribute})`);
        expect([address, matching.length]).toEqual([address, 1]);
        const expected = evaluateAttribute(`\${${matching[0][1]}}`, () => fail("a literal document holds no reference"));
        expect([address, expected]).toEqual([address, JSON.parse(String(evaluateAttribute(body[attribute], resolve)))]);
      }

      // Well-formed and distinct: the provider validates ARNs, and a policy naming another
      // resource than kgen chose must evaluate to something else.
      const arns = [...overrides.values()].flatMap((values) => Object.entries(values).filter(([key]) => key === "arn").map(([, arn]) => arn));
      for (const arn of arns) expect(arn).toMatch(/^arn:aws(-cn|-us-gov)?:(iam|kms|kinesis|kinesisvideo):[a-z0-9-]*:\d{12}:[a-z-]+\/\S+$/);
      expect(new Set(arns).size).toBe(arns.length);
    }
  }, 60_000);

  test("each module's guard runs point the mocked provider at another account, and the owner's at another region", async () => {
    const { modules } = await compileSpec(file, readExample(file));
    const spec = readFileSync(file, "utf8");
    for (const module of modules) {
      const tests = (await parse(MODULE_TEST_FILE, module.files.get(MODULE_TEST_FILE) ?? "")) as TestFile;
      const provider = [tests.mock_provider].flat()[0].aws[0].mock_data;
      const account = provider.aws_caller_identity[0].defaults.account_id;
      expect(spec).toContain(account);
      const guards = Object.entries(tests.run)
        .filter(([name]) => name.startsWith("guard_"))
        .map(([name, [run]]) => [name, run.command, run.expect_failures, run.override_data?.[0].values] as const);
      const isOwner = module.name === module.spec;
      expect(guards.map(([name]) => name)).toEqual(isOwner ? ["guard_stops_another_account", "guard_stops_another_region"] : ["guard_stops_another_account"]);
      const [, command, failures, values] = guards[0];
      expect([command, failures]).toEqual(["${plan}", ["${data.aws_caller_identity.current}"]]);
      expect(values?.account_id).toMatch(/^\d{12}$/);
      expect(values?.account_id).not.toBe(account);
      if (isOwner) {
        const endpoint = provider.aws_region[0].defaults.endpoint;
        const other = guards[1][3]?.endpoint;
        expect(endpoint).toMatch(/^ec2\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/);
        expect(other?.replace(/^ec2\.[a-z0-9-]+\./, "")).toBe(endpoint.replace(/^ec2\.[a-z0-9-]+\./, ""));
        expect(other).not.toBe(endpoint);
      }
    }
  }, 60_000);
});

function fail(message: string): never {
  throw new Error(message);
}
