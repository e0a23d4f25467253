/**
 * The replacement report: what applying a new module over the previous one replaces or
 * destroys, read from the two modules' text through the force-new table.
 */
import { join } from "node:path";
import { compileSpec } from "../../src/compile";
import { compareModules } from "../../src/state/replacements";
import { EXAMPLES_DIR, exampleFiles, readExample } from "../support/examples";

async function owner(text: string): Promise<string[]> {
  const { modules, diagnostics } = await compileSpec("spec.yaml", text);
  if (modules.length === 0) throw new Error(JSON.stringify(diagnostics));
  return [...modules[0].files.values()];
}

const cameras = readExample(join(EXAMPLES_DIR, "store-cameras.yaml"));

test("a module compared with itself changes nothing", async () => {
  const files = await owner(cameras);
  expect(compareModules(files, files)).toEqual([]);
});

test("a video stream's retention or key changing replaces it, naming what it loses", async () => {
  const before = await owner(cameras);
  const retention = await owner(cameras.replace("retention_hours: 72", "retention_hours: 48"));
  expect(compareModules(before, retention)).toEqual([
    {
      action: "replace",
      address: "aws_kinesis_video_stream.lobby_camera",
      changes: [{ argument: "data_retention_in_hours", from: "72", to: "48" }],
      loses: "all media stored in the stream",
    },
  ]);
  const newKey = await owner(cameras.replace("  DockCamera:\n    type: video\n    retention_hours: 0\n    encryption: aws-managed", "  DockCamera:\n    type: video\n    retention_hours: 0\n    encryption: media"));
  expect(compareModules(before, newKey).map((c) => [c.action, c.address, c.changes.map((x) => `${x.argument}: ${x.from} -> ${x.to}`)])).toEqual([
    ["replace", "aws_kinesis_video_stream.dock_camera", ["kms_key_id: (unset) -> aws_kms_key.media.arn"]],
  ]);
});

test("a video stream moved to the AWS-managed key keeps its key: Terraform leaves a computed argument the config stops setting", async () => {
  const before = await owner(cameras);
  const unset = await owner(cameras.replace("retention_hours: 72\n    encryption: media", "retention_hours: 72\n    encryption: aws-managed"));
  expect(compareModules(before, unset)).toEqual([
    {
      action: "keep",
      address: "aws_kinesis_video_stream.lobby_camera",
      changes: [{ argument: "kms_key_id", from: "aws_kms_key.media.arn", to: "(unset)" }],
      loses: "all media stored in the stream",
    },
  ]);
  // Replaced for another reason, the stream is created without the key: nothing is kept.
  const both = await owner(cameras.replace("retention_hours: 72\n    encryption: media", "retention_hours: 48\n    encryption: aws-managed"));
  expect(compareModules(before, both).map((c) => c.action)).toEqual(["replace"]);
});

test("every resource type kgen writes has its force-new arguments in the table", async () => {
  const { REPLACEMENT_RULES } = await import("../../src/state/force-new");
  const types = new Set<string>();
  for (const file of exampleFiles()) {
    for (const module of (await compileSpec("spec.yaml", readExample(file))).modules) {
      for (const text of module.files.values()) for (const match of text.matchAll(/^resource "([a-z0-9_]+)"/gm)) types.add(match[1]);
    }
  }
  expect([...types].filter((type) => !Object.hasOwn(REPLACEMENT_RULES, type))).toEqual([]);
  expect(types.size).toBeGreaterThanOrEqual(10);
});

test("a previous module that is not kgen's text is read without failing, and judged only where it is", async () => {
  const next = await owner(cameras);
  const hostile = [
    "resource \"aws_s3_bucket\" \"x\" {\n  bucket = \"y\"\n}\n",
    "resource \"aws_kinesis_video_stream\" \"lobby_camera\" {\n  name = \"LobbyCamera\"\n  data_retention_in_hours = \"${uuid()}\"\n",
    "moved {\n  from = a.b\n  to = a.b\n}\n}\n}}}\n\"\\u{\n",
    "\u0000".repeat(1000),
  ];
  const changes = compareModules(hostile, next);
  expect(changes.map((c) => [c.action, c.address])).toEqual([["replace", "aws_kinesis_video_stream.lobby_camera"]]);
});
