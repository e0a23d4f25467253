import { createHash } from "node:crypto";

/**
 * How spec names become Terraform identifiers and AWS names. Resource addresses derived from
 * spec names are part of the user's contract: renaming one is a destroy/create in
 * `terraform plan`, so this mapping must never change without a major version.
 *
 * Rule: split camelCase words and runs of non-alphanumerics, join with `_`, lower-case;
 * an identifier that would start with a digit is prefixed with `_`.
 * `StockTradeStream` -> `stock_trade_stream`, `trade-ingest` -> `trade_ingest`,
 * `HTTPLogs.v2` -> `http_logs_v2`, `2024-events` -> `_2024_events`.
 */
export function terraformIdentifier(name: string): string {
  const words = name
    // lowerUpper boundary: "tradeStream" -> "trade Stream"
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    // acronym boundary: "HTTPLogs" -> "HTTP Logs"
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "");
  const identifier = words.join("_").toLowerCase();
  if (identifier === "") return "_";
  return /^[0-9]/.test(identifier) ? `_${identifier}` : identifier;
}

/** IAM role names kgen creates: `<module name>-<party name>` (spec-v1.md, "Names"). */
export function roleName(moduleName: string, partyName: string): string {
  return `${moduleName}-${partyName}`;
}

/** IAM role names are at most 64 characters (IAM quotas, "IAM name requirements"). */
export const ROLE_NAME_MAX_LENGTH = 64;

/**
 * The identifier of something that belongs to two named things (the consumer a party registers on
 * a stream): their identifiers joined by `__`. terraformIdentifier never produces `__` nor ends in
 * `_`, so a compound identifier can never equal a plain one or another compound one.
 */
export function compoundIdentifier(...identifiers: string[]): string {
  return identifiers.join("__");
}

/**
 * One identifier per item, each distinct: an item takes the first of its candidate identifiers
 * (most readable first) that is none of any other item's candidates. The last candidate of every
 * item is unique to it (a digest of what the item is), so every item ends up distinct.
 * Used where a name alone may not tell items apart: `role/a-b` and `role/a_b` are two roles with
 * one identifier `a_b`.
 */
export function distinctIdentifiers<T>(items: readonly T[], candidates: (item: T) => readonly string[]): Map<T, string> {
  const levels = items.map((item) => candidates(item));
  const chosen = new Map<T, string>();
  items.forEach((item, index) => {
    const own = levels[index];
    const free = own.find((candidate) => levels.every((other, j) => j === index || !other.includes(candidate)));
    chosen.set(item, free ?? own[own.length - 1]);
  });
  const taken = new Set<string>();
  for (const identifier of chosen.values()) {
    if (taken.has(identifier)) throw new Error(`internal: identifier ${identifier} derived twice`);
    taken.add(identifier);
  }
  return chosen;
}

/** A short, stable digest of a text, for identifiers that names alone cannot keep apart. */
export function identifierDigest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

/** The end of an existing key's hand-over output name: its value is a policy document (printed as jsonencode). */
export const KEY_POLICY_STATEMENTS_OUTPUT_SUFFIX = "_key_policy_statements";

/** Where the module folder holds an existing key's hand-over, as JSON: the same document as its output. */
export function keyPolicyStatementsFile(key: { name: string }): string {
  return `key-policy-statements/${key.name}.json`;
}

/** Names of the owner module's outputs derived from spec names (outputs.ts writes them). */
export const outputNames = {
  keyArn: (keyId: string): string => `${keyId}_key_arn`,
  keyAliasArn: (keyId: string): string => `${keyId}_key_alias_arn`,
  /** An existing key's hand-over: the key-policy statements its owner must add (a JSON document). */
  keyPolicyStatements: (keyId: string): string => `${keyId}${KEY_POLICY_STATEMENTS_OUTPUT_SUFFIX}`,
  streamArn: (streamId: string): string => `${streamId}_stream_arn`,
  videoStreamArn: (streamId: string): string => `${streamId}_video_stream_arn`,
  consumerArn: (consumerId: string): string => `${consumerId}_consumer_arn`,
  roleArn: (partyId: string): string => `${partyId}_role_arn`,
  roleName: (partyId: string): string => `${partyId}_role_name`,
  instanceProfileName: (partyId: string): string => `${partyId}_instance_profile_name`,
  instanceProfileArn: (partyId: string): string => `${partyId}_instance_profile_arn`,
  policyArn: (adminId: string): string => `${adminId}_policy_arn`,
  sharedWith: (accountLabel: string): string => `shared_with_${terraformIdentifier(accountLabel).replace(/^_/, "")}`,
};

/** The owner-module output, and companion input, that carries a key's ARN: `<key id>_key_arn`. */
export function keyArnOutputName(key: { id: string }): string {
  return outputNames.keyArn(key.id);
}
