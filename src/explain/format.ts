/**
 * The access matrix as text: an aligned table for terminals, a Markdown table for READMEs, and
 * JSON for tools. Rows arrive sorted (matrix.ts); formats only lay them out, so all three list the
 * same rows in the same order.
 */
import type { Location } from "../model/arns";
import type { MatchedStatement } from "./evaluate";
import type { AccessRow } from "./matrix";

export type ExplainFormat = "table" | "markdown" | "json";
export const EXPLAIN_FORMATS: readonly ExplainFormat[] = ["table", "markdown", "json"];

export interface FormatOptions {
  /** The module name and owner, for the table's heading. */
  name: string;
  owner: Location;
  /** Table and Markdown list denied rows too (JSON always does). */
  denied: boolean;
}

export function formatMatrix(format: ExplainFormat, rows: readonly AccessRow[], options: FormatOptions): string {
  return [...formatMatrixChunks(format, rows, options)].join("");
}

/**
 * The same text in pieces, each ending in a newline, for printing as it is made: the JSON of a
 * large matrix is hundreds of megabytes, more than fits in one string (V8 caps a string at 512 MB).
 */
export function* formatMatrixChunks(format: ExplainFormat, rows: readonly AccessRow[], options: FormatOptions): Generator<string> {
  switch (format) {
    case "table":
      yield* formatTable(rows.filter((row) => options.denied || row.allowed), options);
      return;
    case "markdown":
      yield* formatMarkdown(rows.filter((row) => options.denied || row.allowed), options);
      return;
    case "json":
      yield* formatJson(rows, options);
  }
}

/** `JSON.stringify({ name, rows }, null, 2)`, byte for byte, one row at a time. */
function* formatJson(rows: readonly AccessRow[], options: FormatOptions): Generator<string> {
  if (rows.length === 0) {
    yield `${JSON.stringify({ name: options.name, rows: [] }, null, 2)}\n`;
    return;
  }
  yield `{\n  "name": ${JSON.stringify(options.name)},\n  "rows": [\n`;
  for (const [index, row] of rows.entries()) {
    const text = JSON.stringify(row, null, 2).replace(/\n/g, "\n    ");
    yield `    ${text}${index < rows.length - 1 ? "," : ""}\n`;
  }
  yield "  ]\n}\n";
}

/**
 * One block per party, one sub-block per principal, one line per action on a resource:
 * `  kms:Decrypt   key/trades for StockTradeStream   identity:DecryptWithTradesKey, key:...`.
 */
function* formatTable(rows: readonly AccessRow[], options: FormatOptions): Generator<string> {
  const { partition, region, account } = options.owner;
  yield `${options.name}: what the generated policies allow${options.denied ? " and deny" : ""}\n`;
  yield `Resources are arn:${partition}:<service>:${region}:${account}:<resource>. Key ids, creation times and index names, assigned by AWS,\n`;
  yield "show as key/<key name in the spec> (an existing key: its own id), <created> and <index>; a resource of another account as <account>:<resource>.\n";
  if (rows.length === 0) {
    yield "\n(no rows match)\n";
    return;
  }
  const cells = rows.map((row) => [...(options.denied ? [row.allowed ? "allow" : "DENY"] : []), row.action, resourceLabel(row, options.owner.account), viaLabel(row.via)]);
  // A loop, not Math.max(...lengths): spreading hundreds of thousands of arguments overflows the stack.
  const widths = cells[0].map(() => 0);
  for (const cell of cells) cell.forEach((text, column) => (widths[column] = Math.max(widths[column], text.length)));
  let party: string | undefined;
  let principal: string | undefined;
  for (const [index, row] of rows.entries()) {
    let heading = "";
    if (row.party !== party) {
      heading += `\n${row.party}\n`;
      party = row.party;
      principal = undefined;
    }
    if (row.principal !== principal) {
      heading += `  ${row.principal}\n`;
      principal = row.principal;
    }
    yield `${heading}${`    ${cells[index].map((cell, column) => cell.padEnd(widths[column])).join("  ")}`.trimEnd()}\n`;
  }
}

/** A GitHub-flavoured table; party and principal are written once per group, as a reader scans them. */
function* formatMarkdown(rows: readonly AccessRow[], options: FormatOptions): Generator<string> {
  const header = ["Party", "Principal", "Action", "Resource", ...(options.denied ? ["Allowed"] : []), "Via"];
  yield `| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|\n`;
  let previous: AccessRow | undefined;
  for (const row of rows) {
    const sameParty = previous?.party === row.party;
    const samePrincipal = sameParty && previous?.principal === row.principal;
    const cells = [
      sameParty ? "" : escape(row.party),
      samePrincipal ? "" : code(row.principal),
      code(row.action),
      code(resourceLabel(row, options.owner.account)),
      ...(options.denied ? [row.allowed ? "yes" : "**no**"] : []),
      row.via.map((m) => `${m.policy} ${code(m.sid)}${m.handOver === undefined ? "" : ` ${handOverNote(m.handOver, code)}`}`).join(", "),
    ];
    yield `| ${cells.join(" | ")} |\n`;
    previous = row;
  }
}

/**
 * The resource part of an ARN (`stream/StockTradeStream`, `key/trades`): resources are in the
 * owner's account and region, so the prefix only adds width — except a KCL share's own tables,
 * in the account shared with, which keep it (`111122223333:table/App`).
 */
export function resourceLabel(row: AccessRow, owner: string): string {
  const [, , , , account] = row.resource.split(":");
  const local = row.resource.split(":").slice(5).join(":");
  const resource = row.resource === "*" ? "*" : account === owner ? local : `${account}:${local}`;
  return row.through === undefined ? resource : `${resource} for ${row.through}`;
}

function viaLabel(via: readonly MatchedStatement[]): string {
  return via.map((m) => `${m.policy}:${m.sid}${m.handOver === undefined ? "" : ` ${handOverNote(m.handOver, (text) => text)}`}`).join(", ");
}

/**
 * An existing key's statement is kgen's proposal, not the key's policy: the access rests on it
 * only once the key's owner adds it.
 */
export function handOverNote(file: string, quote: (text: string) => string): string {
  return `(allowed if the key owner adds the statements in ${quote(file)})`;
}

function code(text: string): string {
  return `\`${text}\``;
}

function escape(text: string): string {
  return text.replace(/\|/g, "\\|");
}
