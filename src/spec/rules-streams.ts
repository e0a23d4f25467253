/** Rules about keys and streams themselves (spec-v1.md, "Encryption" and "What is an error"). */
import type { Report } from "./diagnostics";
import { didYouMean, listNames } from "./did-you-mean";
import { checkExistingKey } from "./rules-existing-keys";
import { checkAdministrator } from "./rules-principals";
import { AWS_MANAGED, NO_ENCRYPTION, type Spec, type StreamSpec } from "./types";

// Kinesis Data Streams: retention 24..8760 hours and names of at most 128 characters
// (IncreaseStreamRetentionPeriod; CreateStream StreamName). Video streams allow 0..87600 and 256,
// which the schema already enforces for every stream.
const DATA_RETENTION_HOURS = { min: 24, max: 8760 };
const DATA_STREAM_NAME_MAX_LENGTH = 128;

export function checkKeys(spec: Spec, report: Report): void {
  const used = new Set(Object.values(spec.streams).map((stream) => stream.encryption));
  const aliases = new Map<string, string>();
  const arns = new Map<string, string>();
  for (const [name, key] of Object.entries(spec.keys)) {
    if (key.arn !== undefined) checkExistingKey(spec, name, key.arn, report, arns);
    if (name === AWS_MANAGED || name === NO_ENCRYPTION) {
      report({
        code: "KG2006",
        path: ["keys", name],
        message: `a key cannot be named "${name}": encryption: ${name} already means something else`,
        hint: "rename the key",
      });
    }
    if (key.alias !== undefined) {
      const other = aliases.get(key.alias);
      if (other !== undefined) {
        report({
          code: "KG2025",
          path: ["keys", name, "alias"],
          message: `alias "${key.alias}" is already used by key "${other}"`,
          hint: "KMS alias names are unique per account and Region; choose another",
        });
      } else {
        aliases.set(key.alias, name);
      }
    }
    key.administrators.forEach((admin, index) =>
      checkAdministrator(admin, spec.owner, ["keys", name, "administrators", index], report),
    );
    if (!used.has(name)) {
      report({
        code: "KG2029",
        severity: "warning",
        path: ["keys", name],
        message: `key "${name}" is not used by any stream`,
        hint: "set a stream's encryption to it, or remove it",
      });
    }
  }
}

export function checkStreams(spec: Spec, report: Report): void {
  for (const [name, stream] of Object.entries(spec.streams)) {
    checkEncryption(spec, name, stream, report);
    stream.administrators.forEach((admin, index) =>
      checkAdministrator(admin, spec.owner, ["streams", name, "administrators", index], report),
    );
    if (stream.type !== "data") continue;
    // The name Kinesis gets is aws_name when set; the spec name is then only the Terraform identity.
    const awsName = stream.aws_name ?? name;
    if (awsName.length > DATA_STREAM_NAME_MAX_LENGTH) {
      report({
        code: "KG2008",
        path: stream.aws_name === undefined ? ["streams", name] : ["streams", name, "aws_name"],
        message: `data stream name is ${awsName.length} characters; Kinesis allows ${DATA_STREAM_NAME_MAX_LENGTH}`,
        hint: "shorten the name",
      });
    }
    const { min, max } = DATA_RETENTION_HOURS;
    if (stream.retention_hours < min || stream.retention_hours > max) {
      report({
        code: "KG2007",
        path: ["streams", name, "retention_hours"],
        message: `retention_hours ${stream.retention_hours} is out of range ${min}..${max} for a data stream`,
        hint: "data streams keep records 24 hours to 365 days",
      });
    }
  }
}

function checkEncryption(spec: Spec, name: string, stream: StreamSpec, report: Report): void {
  const path = ["streams", name, "encryption"];
  if (stream.encryption === NO_ENCRYPTION) {
    if (stream.type === "video") {
      report({
        code: "KG2009",
        path,
        message: "a video stream cannot be unencrypted; Kinesis Video Streams always encrypts",
        hint: `use ${AWS_MANAGED} or a key from keys`,
      });
    } else {
      report({
        code: "KG2010",
        severity: "warning",
        path,
        message: `data stream "${name}" is not encrypted at rest`,
        hint: `use ${AWS_MANAGED} (no cost) or a key from keys`,
      });
    }
    return;
  }
  if (stream.encryption === AWS_MANAGED || Object.hasOwn(spec.keys, stream.encryption)) return;
  const choices = [...new Set([...Object.keys(spec.keys), AWS_MANAGED, NO_ENCRYPTION])];
  report({
    code: "KG2001",
    path,
    message: `key "${stream.encryption}" is not defined${didYouMean(stream.encryption, choices)}`,
    hint: `define it under keys, or use one of: ${listNames(choices)}`,
  });
}
