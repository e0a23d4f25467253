/**
 * Tags where users put them: on every taggable resource kgen writes, the spec-wide tags with the
 * key's, stream's or party's own on top (theirs win), read back from the generated HCL. Registered
 * consumers carry tags only when the spec opts in, and then the module requires hashicorp/aws
 * 6.2.0 (provider CHANGELOG, "aws_kinesis_stream_consumer: Add tags", #43173) and says why.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileSpec } from "../../src/compile";
import { blocksOfType, parseModule } from "../support/parsed-module";

// A spec of the Terraform tier too, which runs its companion module and skips, saying why, the
// owner module where the local provider is older than 6.2.0.
const SPEC = join(__dirname, "..", "terraform", "specs", "tagged.yaml");
// Resource types of the AWS provider that take `tags` (its documentation, "Argument Reference").
const TAGGABLE = ["aws_kms_key", "aws_kinesis_stream", "aws_kinesis_video_stream", "aws_iam_role", "aws_iam_policy", "aws_iam_instance_profile", "aws_kinesis_stream_consumer"];

async function ownerModule(text: string) {
  const { diagnostics, modules } = await compileSpec("tags.yaml", text);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return { module: modules[0], parsed: await parseModule(modules[0].files) };
}

test("every taggable resource carries the spec-wide tags with its own on top", async () => {
  const { parsed } = await ownerModule(readFileSync(SPEC, "utf8"));
  const spec = { team: "streaming", env: "prod" };
  const expected: Record<string, Record<string, string>> = {
    "aws_kms_key.events": { ...spec, "data-class": "confidential" },
    "aws_kinesis_stream.events": { ...spec, stream: "events", env: "prod-eu" },
    "aws_kinesis_video_stream.camera": { ...spec, stream: "camera" },
    "aws_iam_role.writer": { ...spec, owner: "ingest-team" },
    "aws_iam_instance_profile.writer": { ...spec, owner: "ingest-team" },
    "aws_iam_policy.camera": { ...spec, owner: "video-team" },
    "aws_iam_role.dashboard": { ...spec, owner: "bi-team", env: "prod-dash" },
    // A consumer: the spec's, its stream's, then its party's.
    "aws_kinesis_stream_consumer.events__dashboard": { ...spec, stream: "events", env: "prod-dash", owner: "bi-team" },
    // A share's consumer: the spec's and its stream's.
    "aws_kinesis_stream_consumer.events__partner_feed": { ...spec, stream: "events", env: "prod-eu" },
  };
  const found: Record<string, unknown> = {};
  for (const type of TAGGABLE) for (const [label, body] of blocksOfType(parsed, type)) found[`${type}.${label}`] = body.tags;
  expect(found).toEqual(expected);
});

test("registered consumers are untagged unless the spec opts in, and only then need hashicorp/aws 6.2.0", async () => {
  const text = readFileSync(SPEC, "utf8");
  const tagged = await ownerModule(text);
  expect(tagged.module.files.get("versions.tf")).toMatch(/version\s*=\s*">= 6\.2\.0"/);
  expect(tagged.module.files.get("README.md")).toContain("aws_kinesis_stream_consumer");
  const untagged = await ownerModule(text.replace("  tag_registered_consumers: true\n", "  tag_registered_consumers: false\n"));
  for (const [, body] of blocksOfType(untagged.parsed, "aws_kinesis_stream_consumer")) expect(body.tags).toBeUndefined();
  expect(untagged.module.files.get("versions.tf")).not.toMatch(/">= 6\./);
});
