/**
 * Diagnostics are values, not exceptions (style.md, habit 4): every stage returns the problems it
 * found, and only the CLI prints them. Codes are stable so users can search for them and CI can
 * match on them: KG1xxx = YAML and shape of the spec, KG2xxx = meaning (references, rules),
 * KG3xxx = AWS limits of the generated documents, KG4xxx = what a change does to deployed resources.
 */

import { counted } from "../english";

export type Severity = "error" | "warning";

/** 1-based line and column, as editors show them. */
export interface Position {
  line: number;
  column: number;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  /** The spec file as the user named it. */
  file: string;
  line: number;
  column: number;
  /** Dotted path of the offending node in the spec, e.g. `streams.StockTradeStream.encryption`. */
  path: string;
  message: string;
  /** What to do about it; every diagnostic has one. */
  hint: string;
}

export type SpecPath = ReadonlyArray<string | number>;

/**
 * Every code kgen emits, with the one-line meaning users can search for. Codes are never reused
 * or renumbered; a retired code stays here, marked as such.
 */
export const CODES = {
  KG1001: "The file is not valid YAML.",
  KG1002: "A mapping has the same key twice.",
  KG1003: "The spec file is larger than 1 MiB.",
  KG1004: "The YAML nests deeper than 64 levels.",
  KG1005: "YAML anchors and aliases expand to too many nodes (an alias bomb or a self-reference).",
  KG1006: "The spec file is empty.",
  KG1007: "More problems than kgen reports for one spec; the first 1,000 are shown.",
  KG1009: "YAML warning, e.g. an unknown tag such as !Ref (warning).",
  KG1010: "A field the spec does not define (with a did-you-mean).",
  KG1011: "A value of the wrong type, e.g. a list where a string belongs.",
  KG1012: "A required field is missing.",
  KG1013: "A number is outside its allowed range.",
  KG1014: "A name or value does not have the required format (pattern or length).",
  KG1015: "A value is not one of the allowed values (with a did-you-mean).",
  KG1016: "A list needs at least one item.",
  KG1017: "A list names the same item twice.",
  KG1018: "A role sets both `assumed_by` and `arn`.",
  KG1019: "A field that does not apply here, e.g. `shards` without provisioned capacity.",
  KG1020: "A field that another field's value makes required, e.g. `shards` for provisioned capacity.",
  KG1021: "An unquoted account id with a leading zero; YAML has already dropped the zero.",
  KG1023: "The region does not belong to the owner's partition.",
  KG1024: "Spec text holds a control, line-separator or bidirectional-format character (or a lone surrogate).",
  KG1025: "Spec text holds `{TfToken[`, the token syntax of CDKTF, which kgen builds modules with.",
  KG1026: "Spec text is not in Unicode normalization form NFC, which Terraform would store it in.",
  KG1027: "Fields that exclude each other are both written, e.g. a party's `role` and `user`.",
  KG2001: "`encryption` names a key that `keys` does not define.",
  KG2002: "A stream reference names a stream that `streams` does not define.",
  KG2003: "A share names an account alias that `accounts` does not define.",
  KG2004: "Two names map to the same Terraform identifier.",
  KG2005: "The same name is both a producer and a consumer; their IAM roles would collide.",
  KG2006: "A key is named `aws-managed` or `none`, which `encryption` reserves.",
  KG2007: "A data stream's retention is outside 24..8760 hours.",
  KG2008: "A data stream name is longer than 128 characters.",
  KG2009: "A video stream with `encryption: none`; Kinesis Video Streams always encrypts.",
  KG2010: "A data stream with `encryption: none` (warning).",
  KG2011: "A producer or consumer uses both data and video streams.",
  KG2012: "A consumer's `via` does not fit the type of its streams.",
  KG2013: "A party has no `role`, `user` or `group` (or a role with neither `assumed_by` nor `arn`) and no default trust to create a role from.",
  KG2014: "`role.arn` is not an IAM role ARN.",
  KG2015: "`role.arn` belongs to another account or partition than the owner.",
  KG2016: "A `role.assumed_by` entry is not a service principal, IAM principal ARN or account id.",
  KG2017: "An IAM role name kgen creates would be longer than 64 characters.",
  KG2018: "An administrator is not an IAM role, user or root ARN.",
  KG2019: "A principal ARN is in another partition than the owner.",
  KG2020: "A share names a video stream; video streams have no resource policies.",
  KG2021: "A share names a stream not encrypted with a key from `keys`.",
  KG2022: "A share principal is a wildcard, service, federated, canonical-user or malformed principal.",
  KG2023: "A share principal belongs to another account than the share's.",
  KG2024: "A share grants access to the owner account itself.",
  KG2025: "Two keys have the same alias.",
  KG2026: "A KCL consumer's or share's default application name (its own name) is not a valid application name.",
  KG2027: "Two registered consumers of one stream, or two KCL applications of one account, share a name.",
  KG2028: "Two account aliases name the same account id.",
  KG2029: "A key that no stream uses (warning).",
  KG2031: "`library` is set on a producer of video streams; it applies to data streams only.",
  KG2032: "A share's `via` does not fit its `access`.",
  KG2033: "A principal ARN holds `${`, which IAM policies read as a policy variable.",
  KG2034: "A principal ARN has an IAM path longer than 512 characters.",
  KG2035: "`user` is not an IAM user ARN, or `group` is not an IAM group ARN.",
  KG2036: "`user` or `group` belongs to another account or partition than the owner.",
  KG2037: "A party a service runs as its role (`lambda`, `firehose`, `flink`) names a user or group.",
  KG2038: "A permissions boundary or managed policy belongs to another account or partition (neither the owner's nor AWS's).",
  KG2039: "Two IAM roles the spec creates or names have the same name (IAM role names are unique per account, ignoring case).",
  // Renames (rules-renames.ts):
  KG2040: "`renamed_from` names an entry the spec still has, or a name with that entry's Terraform identifier.",
  KG2041: "Two earlier names in `renamed_from` have one Terraform identifier: their resources cannot move to two places.",
  KG2042: "A renamed stream, producer, consumer or share without `aws_name`: its AWS names would change, replacing its resources.",
  KG2043: "Two entries would have the same AWS name (streams of one type, parties' roles, shares' policies).",
  // IAM quotas of roles and tags (rules-identities.ts, rules-tags.ts):
  KG2044: "A role would have more managed policies than IAM allows: over the default quota of 10 (warning), or over 20.",
  KG2045: "A resource would carry more than 50 tags, spec-wide and its own together.",
  KG2046: "An existing key's `arn` is not a KMS key ARN (an alias ARN, a key id, another kind of ARN).",
  KG2047: "An existing key is in another partition or Region than the streams.",
  KG2048: "Two keys name the same existing key ARN.",
  // Emitted after validation, by `kgen synth` across the specs of a run:
  KG2030: "Two specs of one run would write the same module folder.",
  // Emitted by compile.ts:
  KG3001: "A generated policy document is over its AWS size limit.",
  KG3002: "A generated IAM role or policy description is over 1,000 characters.",
  // Emitted by `kgen synth`, comparing the module it wrote last time with the new one (state/):
  KG4001: "A spec change makes Terraform replace or destroy a stream, key or registered consumer: data is lost (warning).",
  KG4002: "A spec change makes Terraform replace another resource: deleted and created again (warning).",
  KG4003: "A spec change Terraform will not apply: the provider keeps a computed argument the spec stops setting, e.g. a video stream's key (warning).",
} as const;

export type DiagnosticCode = keyof typeof CODES;

/** A diagnostic before its position is known: what a check found and where in the spec. */
export interface Finding {
  code: DiagnosticCode;
  path: SpecPath;
  message: string;
  /** What to do about it: never left out, a diagnostic without a way forward is half a message. */
  hint: string;
  /** Defaults to "error". */
  severity?: Severity;
}

export function createDiagnostic(file: string, position: Position, finding: Finding): Diagnostic {
  return {
    code: finding.code,
    severity: finding.severity ?? "error",
    file,
    line: position.line,
    column: position.column,
    path: formatPath(finding.path),
    message: finding.message,
    hint: finding.hint,
  };
}

/** `["streams", "A", "shards"]` -> `streams.A.shards`; list indexes print as `[0]`. */
export function formatPath(path: SpecPath): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? part : `.${part}`;
  }
  return text;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * `file:line:col path: message (hint)` — the one-line form printed by the CLI. Every part that
 * can hold what a user wrote (the file name, a YAML key in the path or the message, a
 * did-you-mean) goes through displayText, so a diagnostic is always exactly one line starting
 * with its file.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${displayFile(d.file)}:${d.line}:${d.column}`;
  const subject = d.path === "" ? "" : ` ${displayText(d.path)}:`;
  const hint = d.hint === "" ? "" : ` (${displayText(d.hint)})`;
  return `${where} ${d.severity} ${d.code}${subject} ${displayText(d.message)}${hint}`;
}

/**
 * Text for a terminal or a CI log: every character that could end the line, move the cursor,
 * start an escape sequence (ESC, or a C1 control such as CSI U+009B) or reorder what is shown
 * (bidirectional controls) is written as `\uXXXX` instead. A lone surrogate likewise.
 */
export function displayText(text: string): string {
  return text.replace(UNDISPLAYABLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const UNDISPLAYABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A file name at the start of a line: a runner reads a log line starting with `::` as a GitHub
 * Actions workflow command (`::error`, `::add-mask::`, `::stop-commands::`), and `##[` as an
 * Azure Pipelines one; `./` in front names the same file.
 */
export function displayFile(file: string): string {
  const shown = displayText(file);
  return /^\s*(::|##)/.test(shown) ? `./${shown}` : shown;
}

/** Sorted by file, position, then code, so a run's output never depends on rule order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
}

/**
 * At most this many diagnostics per spec. A small spec can still have a great many problems (one
 * alias of a list of 1,000 misspelt streams, used 90 times), and their printout must stay in
 * proportion to what a person can read; like clang's -ferror-limit, the rest is counted.
 */
export const MAX_DIAGNOSTICS = 1000;

/** Sorted diagnostics, cut to MAX_DIAGNOSTICS: the last one (KG1007) counts the rest. */
export function limitDiagnostics(sorted: readonly Diagnostic[]): Diagnostic[] {
  if (sorted.length <= MAX_DIAGNOSTICS) return [...sorted];
  const shown = sorted.slice(0, MAX_DIAGNOSTICS - 1);
  const omitted = sorted.slice(MAX_DIAGNOSTICS - 1);
  const errors = omitted.filter((d) => d.severity === "error").length;
  const first = omitted[0];
  const count = `${counted(omitted.length, "more problem")} (${counted(errors, "error")}, ${counted(omitted.length - errors, "warning")})`;
  shown.push({
    code: "KG1007",
    severity: errors > 0 ? "error" : "warning",
    file: first.file,
    line: first.line,
    column: first.column,
    path: first.path,
    message: `${count} from here on are not shown; kgen reports at most ${MAX_DIAGNOSTICS} per spec`,
    hint: "fix the problems above and run kgen again",
  });
  return shown;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How a check hands over what it found; the caller attaches file and position. */
export type Report = (finding: Finding) => void;
