/**
 * versions.tf states the newest release among what a module uses, and the module's README names
 * the feature that needs it, so a module that needs a newer provider says why. (Whether each
 * release in the table is right is checked against a real provider's schema in test/terraform/.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildModuleStack } from "../../src/constructs/module";
import { awsProviderFloor, requiredAwsProviderVersion } from "../../src/constructs/provider-requirements";
import { resolveModel } from "../../src/model/resolve";
import type { TerraformJson } from "../../src/render/from-terraform-json";
import { renderOwnerReadme } from "../../src/render/readme";
import { validateSpec } from "../../src/spec/rules";
import { EXAMPLES_DIR } from "../support/examples";

function stockTrades() {
  const file = join(EXAMPLES_DIR, "stock-trades.yaml");
  const { spec } = validateSpec(file, readFileSync(file, "utf8"));
  if (spec === undefined) throw new Error("example does not validate");
  const model = resolveModel(spec);
  return { model, json: buildModuleStack(model).toTerraform() as TerraformJson };
}

test("the floor is the newest release among the blocks and arguments a module uses, named by what needs it", () => {
  expect(awsProviderFloor({ data: { aws_caller_identity: { current: {} } } })).toEqual({ version: [2, 7, 0], feature: "for Terraform 0.12 and later" });
  const json: TerraformJson = {
    resource: {
      aws_kinesis_stream: { s: { name: "s", stream_mode_details: { stream_mode: "ON_DEMAND" } } },
      aws_kinesis_resource_policy: { p: { policy: "{}", resource_arn: "x" } },
    },
  };
  expect(awsProviderFloor(json)).toEqual({ version: [5, 32, 0], feature: "with resource `aws_kinesis_resource_policy`" });
  expect(requiredAwsProviderVersion(json)).toBe(">= 5.32.0");
});

test("a module with a 6.x-only argument needs that release, and its README says which argument", () => {
  const { model, json } = stockTrades();
  expect(requiredAwsProviderVersion(json)).toBe(">= 5.49.0");
  const [consumer] = Object.values(json.resource?.aws_kinesis_stream_consumer ?? {});
  consumer.tags = { team: "market-data" };
  expect(requiredAwsProviderVersion(json)).toBe(">= 6.2.0");
  expect(renderOwnerReadme(model, json).replace(/\s+/g, " ")).toContain(
    "and `hashicorp/aws` `>= 6.2.0`, the first release with `tags` of resource `aws_kinesis_stream_consumer`.",
  );
});

test("a block type with no known release fails the build instead of guessing", () => {
  expect(() => awsProviderFloor({ resource: { aws_s3_bucket: { b: {} } } })).toThrow(/no provider version known for resource aws_s3_bucket/);
});
