/**
 * The policy bundle is complete and true: every policy of every module synth generates appears in
 * it exactly once, equal to the document read back from the module's HCL once the manifest's
 * placeholders stand in for what AWS assigns; the manifest names what Access Analyzer accepts;
 * and the same spec gives the same bytes.
 */
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { resolveModel } from "../../src/model/resolve";
import { isPlainFileName } from "../../src/output/manifest";
import { isBundleFileName, policyBundle, policyFileName } from "../../src/verify/bundle";
import { accessArguments } from "../../src/verify/deny-lists";
import { exampleFiles, readExample, ROOT } from "../support/examples";
import { loadBundleWorld, specOf, type BundleWorld } from "./bundle-world";
import { validateSpec } from "../../src/spec/rules";

const SPECS = [...exampleFiles(), join(ROOT, "test", "runtime", "specs", "every-kind.yaml")];

// IAM Access Analyzer API reference: AccessCheckPolicyType, AccessCheckResourceType (the values
// kgen's resources are) and ValidatePolicyResourceType.
const POLICY_TYPES = ["IDENTITY_POLICY", "RESOURCE_POLICY"];
const PUBLIC_ACCESS_TYPES: Record<string, string> = {
  aws_kms_key_policy: "AWS::KMS::Key",
  aws_iam_role: "AWS::IAM::AssumeRolePolicyDocument",
};

describe.each(SPECS)("%s", (file) => {
  let world: BundleWorld;
  beforeAll(async () => {
    world = await loadBundleWorld(file);
  });

  test("every generated policy appears exactly once, equal to its module's document", () => {
    expect(world.generated.length).toBeGreaterThan(0);
    const key = (p: { module: string; address: string; attribute: string }) => `${p.module} ${p.address} ${p.attribute}`;
    const listed = world.manifest.policies.map(key);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(world.generated.map(key).sort());
    for (const generated of world.generated) {
      const entry = world.manifest.policies.find((p) => key(p) === key(generated));
      expect({ at: key(generated), document: world.read(entry?.file ?? "") }).toEqual({ at: key(generated), document: generated.document });
    }
  });

  test("each placeholder is a well-formed ARN that stands for an expression of its module", () => {
    const { partition, region, account } = world.spec.owner;
    const values = world.manifest.placeholders.map((p) => p.value);
    expect(new Set(values).size).toBe(values.length);
    for (const placeholder of world.manifest.placeholders) {
      expect(placeholder.value).toMatch(
        new RegExp(`^arn:${partition}:(kms:${region}:${account}:key/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|kinesis:${region}:${account}:stream/[^/]+/consumer/[^:/]+:\\d{10})$`),
      );
      for (const { module, expression } of placeholder.standsFor) {
        // `aws_kms_key.k.arn` names the block `aws_kms_key.k`; `var.k_key_arn` the variable.
        const named = expression.startsWith("var.") ? expression : expression.split(".").slice(0, 2).join(".");
        expect(`${module}: ${[...(world.expressions.get(module) ?? [])].includes(named) ? named : "missing"}`).toBe(`${module}: ${named}`);
      }
    }
  });

  test("the manifest gives every policy a type, resource type, reference and deny lists Access Analyzer accepts", () => {
    const files = new Set(world.bundle.files.keys());
    for (const policy of world.manifest.policies) {
      expect(POLICY_TYPES).toContain(policy.policyType);
      const resourceType = policy.address.split(".")[0];
      const identity = ["aws_iam_role_policy", "aws_iam_policy"].includes(resourceType);
      expect(`${policy.address}: ${policy.policyType}`).toBe(`${policy.address}: ${identity ? "IDENTITY_POLICY" : "RESOURCE_POLICY"}`);
      expect(policy.principals !== null).toBe(identity);
      expect(policy.resource !== null).toBe(!identity);
      if (resourceType === "aws_kinesis_resource_policy") {
        // A stream's policy is on its ARN, a registered consumer's on the consumer's.
        expect(policy.publicAccessResourceType).toBe(policy.resource?.includes("/consumer/") === true ? "AWS::Kinesis::StreamConsumer" : "AWS::Kinesis::Stream");
      } else {
        expect(policy.publicAccessResourceType).toBe(PUBLIC_ACCESS_TYPES[resourceType] ?? null);
      }
      expect(policy.validationResourceType).toBe(resourceType === "aws_iam_role" ? "AWS::IAM::AssumeRolePolicyDocument" : null);
      expect(files.has(policy.reference)).toBe(true);
      const reference = world.manifest.references.find((r) => r.file === policy.reference);
      expect(reference?.policyType).toBe(policy.policyType);
      for (const list of policy.denyLists) expect(files.has(list)).toBe(true);
      // A key policy keeps kms:* for the account root, and a trust policy names no actions to deny.
      expect(policy.denyLists.length > 0).toBe(!["aws_kms_key_policy", "aws_iam_role"].includes(resourceType));
    }
  });

  test("every file is listed by the manifest, named plainly, and the deny lists are single access objects", () => {
    const listed = new Set([
      "manifest.json",
      "check.sh",
      "README.md",
      ...world.manifest.policies.map((p) => p.file),
      ...world.manifest.references.map((r) => r.file),
      ...world.manifest.denyLists.flatMap((d) => d.files),
    ]);
    expect([...world.bundle.files.keys()].sort()).toEqual([...listed].sort());
    for (const name of world.bundle.files.keys()) {
      expect(isPlainFileName(name) && isBundleFileName(name) && name.length <= 150).toBe(true);
    }
    for (const list of world.manifest.denyLists) {
      const actions = list.files.flatMap((f) => {
        const access = world.read(f) as Array<{ actions: string[] }>;
        expect(access).toHaveLength(1);
        expect(access[0].actions.length).toBeLessThanOrEqual(100);
        return access[0].actions;
      });
      expect(actions).toEqual(list.actions.map((a) => a.action));
    }
  });

  test("the README lists every policy with its checks and counts the calls check.sh makes", () => {
    const readme = world.bundle.files.get("README.md") ?? "";
    for (const policy of world.manifest.policies) expect(readme).toContain(`| \`${policy.file}\` | \`${policy.module}\` | \`${policy.address}\` |`);
    const custom = world.manifest.policies.reduce((sum, p) => sum + 1 + p.denyLists.length + (p.publicAccessResourceType === null ? 0 : 1), 0);
    const policies = world.manifest.policies.length;
    expect(readme).toContain(`One run makes ${policies} ValidatePolicy call${policies === 1 ? "" : "s"} and ${custom} custom policy checks`);
  });

  test("the same spec gives the same bytes, whatever the order of its YAML mappings", () => {
    const again = policyBundle(resolveModel(specOf(file)));
    expect([...again.files]).toEqual([...world.bundle.files]);
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : typeof value === "object" && value !== null
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]))
          : value;
    const text = stringify(reversed(parse(readExample(file))));
    const { spec } = validateSpec(file, text);
    if (spec === undefined) throw new Error("the reordered spec does not validate");
    expect([...policyBundle(resolveModel(spec)).files]).toEqual([...world.bundle.files]);
  });
});

test("a deny list of more than 100 actions takes one call per 100, each with one access object", () => {
  const actions = Array.from({ length: 250 }, (_, i) => `kinesis:Action${i}`);
  const calls = accessArguments(actions);
  expect(calls.map((call) => [call.length, call[0].actions.length])).toEqual([[1, 100], [1, 100], [1, 50]]);
  expect(calls.flatMap((call) => call[0].actions)).toEqual(actions);
});

test("a policy file name too long for a file system is cut and keeps a digest of the whole", () => {
  const address = `aws_kinesis_resource_policy.${"a".repeat(200)}__${"b".repeat(64)}`;
  const name = policyFileName("module", address);
  expect(name.length).toBeLessThanOrEqual(150);
  expect(name).toMatch(/^policy\.module\.aws_kinesis_resource_policy\.a+-[0-9a-f]{12}\.json$/);
  expect(policyFileName("module", `${address}x`)).not.toBe(name);
  expect(policyFileName("module", "aws_iam_role.x")).toBe("policy.module.aws_iam_role.x.json");
});
