/**
 * Kinesis Video Streams sets a stream's KMS key only at creation, so a new key in the spec makes
 * Terraform replace the stream and lose its media. kgen compares the committed module it wrote
 * with the new one and says so before anyone runs `terraform plan`.
 */
import { dirname, join } from "node:path";
import type { ModuleFiles } from "../render/module";
import { MAX_MODULE_FILE_BYTES, readRegularFile } from "./read";

export interface VideoKeyChange {
  stream: string;
  /** `aws_kms_key.media.arn`, or "the AWS-managed key". */
  from: string;
  to: string;
}

const AWS_MANAGED = "the AWS-managed key";

export function videoKeyChanges(moduleDir: string, files: ModuleFiles): VideoKeyChange[] {
  // Through the one safe reader: the committed module may hold a link or a FIFO (output/read.ts).
  const previous = readRegularFile(join(moduleDir, "streams.tf"), MAX_MODULE_FILE_BYTES, dirname(moduleDir));
  if (!previous.ok) return [];
  const before = videoStreamKeys(previous.text);
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
