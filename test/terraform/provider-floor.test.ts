/**
 * The provider's own schema as the witness of the version table kgen states floors from
 * (src/constructs/provider-requirements.ts): everything the table dates no later than the
 * provider at hand is in that provider's schema, not deprecated; everything it dates later is
 * absent. With the 5.100.0 provider this confirms, for example, that consumer tags (6.2.0) are
 * newer and that the attributes the guard reads exist without a deprecation.
 */
import { compareVersions, formatVersion, providerRequirementTable } from "../../src/constructs/provider-requirements";
import { terraform, terraformTier, type Tier } from "../support/terraform";

const tier = terraformTier();
const describeTier = tier.available ? describe : describe.skip;

interface BlockSchema {
  attributes?: Record<string, { deprecated?: boolean }>;
  block_types?: Record<string, { block: BlockSchema }>;
  deprecated?: boolean;
}

type Schemas = Record<string, { block: BlockSchema }>;

describeTier("the provider version table", () => {
  const available = tier as Tier & { available: true };
  let resources: Schemas;
  let dataSources: Schemas;

  beforeAll(async () => {
    const run = await terraform(available, available.probeDir, ["providers", "schema", "-json"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.output.slice(run.output.indexOf("{"))) as {
      provider_schemas: Record<string, { resource_schemas: Schemas; data_source_schemas: Schemas }>;
    };
    ({ resource_schemas: resources, data_source_schemas: dataSources } = json.provider_schemas["registry.terraform.io/hashicorp/aws"]);
  }, 300_000);

  test("agrees with the provider at hand: what it dates no later is there, not deprecated; what it dates later is not", () => {
    const disagreements = providerRequirementTable().flatMap(({ kind, type, argument, since }) => {
      const schema = (kind === "resource" ? resources : dataSources)[type]?.block;
      const present = schema !== undefined && (argument === undefined || argument in (schema.attributes ?? {}) || argument in (schema.block_types ?? {}));
      const deprecated = schema?.deprecated === true || (argument !== undefined && schema?.attributes?.[argument]?.deprecated === true);
      const expected = compareVersions(since, available.providerVersion) <= 0;
      const what = `${kind} ${type}${argument === undefined ? "" : ` argument ${argument}`} (table: ${formatVersion(since)})`;
      if (present !== expected) return [`${what}: ${present ? "present" : "absent"} in ${formatVersion(available.providerVersion)}`];
      return present && deprecated ? [`${what}: deprecated in ${formatVersion(available.providerVersion)}`] : [];
    });
    expect(disagreements).toEqual([]);
  });

  test("the guard reads attributes the provider has, without a deprecation", () => {
    const guard = [
      ["aws_caller_identity", "account_id"],
      ["aws_region", "endpoint"],
    ].map(([type, attribute]) => [type, attribute, dataSources[type]?.block.attributes?.[attribute]]);
    expect(guard.map(([type, attribute, schema]) => [type, attribute, schema !== undefined && (schema as { deprecated?: boolean }).deprecated !== true])).toEqual([
      ["aws_caller_identity", "account_id", true],
      ["aws_region", "endpoint", true],
    ]);
  });
});
