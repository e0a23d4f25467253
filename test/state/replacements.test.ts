/**
 * The replacement report: what applying a new module over the previous one replaces or
 * destroys, read from the two modules' text through the force-new table.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileSpec } from "../../src/compile";
import { compareModules } from "../../src/state/replacements";
import { EXAMPLES_DIR, readExample } from "../support/examples";

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

test("a video stream's key or retention changing replaces it, naming what it loses", async () => {
  const before = await owner(cameras);
  const keyChanged = await owner(cameras.replace("retention_hours: 72\n    encryption: media", "retention_hours: 72\n    encryption: aws-managed"));
  expect(compareModules(before, keyChanged)).toEqual([
    {
      action: "replace",
      address: "aws_kinesis_video_stream.lobby_camera",
      changes: [{ argument: "kms_key_id", from: "aws_kms_key.media.arn", to: "(unset)" }],
      loses: "all media stored in the stream",
    },
  ]);
  const retention = await owner(cameras.replace("retention_hours: 72", "retention_hours: 48"));
  expect(compareModules(before, retention).map((c) => [c.address, c.changes.map((x) => `${x.argument}: ${x.from} -> ${x.to}`)])).toEqual([
    ["aws_kinesis_video_stream.lobby_camera", ["data_retention_in_hours: 72 -> 48"]],
  ]);
});
