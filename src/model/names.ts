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

/** The owner-module output, and companion input, that carries a key's ARN: `<key id>_key_arn`. */
export function keyArnOutputName(key: { id: string }): string {
  return `${key.id}_key_arn`;
}
