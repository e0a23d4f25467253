// @ts-check
/**
 * A CDKTF app built on kgen's KinesisAccess construct, run by `npx cdktf synth` through the
 * cdktf.json at the top of the repository: the bundled stock-trades example as a stack of your
 * own, with an AWS provider for the spec's account and region. Another spec: KGEN_SPEC=path.
 * See docs/library.md for the construct and its handles.
 */
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { App, TerraformOutput, TerraformStack } = require("cdktf");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { KinesisAccess, formatDiagnostic, validateSpec } = require("kgen");

const file = process.env.KGEN_SPEC ?? join(__dirname, "..", "stock-trades.yaml");
const { spec, diagnostics } = validateSpec(file, readFileSync(file, "utf8"));
for (const diagnostic of diagnostics) console.error(formatDiagnostic(diagnostic));
if (spec === undefined || diagnostics.some((d) => d.severity === "error")) process.exit(1);

const app = new App();
const stack = new TerraformStack(app, spec.name);
// The provider kgen's modules leave to their caller: the spec's account and region only.
new AwsProvider(stack, "aws", { region: spec.owner.region, allowedAccountIds: [spec.owner.account] });
const access = new KinesisAccess(stack, "access", { spec });
new TerraformOutput(stack, "stream_arns", { value: access.streamArns, description: "ARN of each data stream, by name." });
new TerraformOutput(stack, "key_arns", { value: access.keyArns, description: "ARN of each KMS key, by name." });
new TerraformOutput(stack, "role_arns", { value: access.roleArns, description: "ARN of each role kgen creates, by producer or consumer." });
app.synth();
