/**
 * Kinesis Video Streams sets a stream's KMS key only at creation, so a new key in the spec makes
 * Terraform replace the stream and lose its media. kgen compares the committed module it wrote
 * with the new one and says so before anyone runs `terraform plan`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ModuleFiles } from "../render/module";

export interface VideoKeyChange {
  stream: string;
  /** `aws_kms_key.media.arn`, or "the AWS-managed key". */
  from: string;
  to: string;
}

const AWS_MANAGED = "the AWS-managed key";

export function videoKeyChanges(moduleDir: string, files: ModuleFiles): VideoKeyChange[] {
  let previous: string;
  try {
    previous = readFileSync(join(moduleDir, "streams.tf"), "utf8");
  } catch {
    return [];
  }
  const before = videoStreamKeys(previous);
  const after = videoStreamKeys(files.get("streams.tf") ?? "");
  const changes: VideoKeyChange[] = [];
  for (const [stream, to] of after) {
    const from = before.get(stream);
    if (from !== undefined && from !== to) changes.push({ stream, from, to });
  }
  return changes;
}

/** Stream name -> its `kms_key_id` expression, read from HCL that kgen printed itself. */
function videoStreamKeys(hcl: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const block of hcl.split(/^resource /m).filter((b) => b.startsWith('"aws_kinesis_video_stream"'))) {
    const body = block.slice(0, block.search(/^\}/m));
    const name = /^\s+name\s+=\s+"([^"]+)"/m.exec(body)?.[1];
    if (name !== undefined) keys.set(name, /^\s+kms_key_id\s+=\s+(.+)$/m.exec(body)?.[1]?.trim() ?? AWS_MANAGED);
  }
  return keys;
}
