/**
 * A typed HCL tree and its printer: the only place kgen writes HCL text. The printer works on
 * plain resolved values (no CDKTF tokens), writes one attribute per line, policies as
 * multi-line `jsonencode({ ... })` objects and references bare. `terraform fmt` alignment is
 * applied afterwards by format.ts; the printer's indentation already matches it.
 */

export type Expression =
  | { kind: "literal"; value: string | number | boolean | null }
  /** A bare expression written as is: `aws_kms_key.trades.arn`, `self.region == "us-west-2"`. */
  | { kind: "raw"; text: string }
  | { kind: "list"; items: Expression[] }
  | { kind: "object"; entries: Array<[string, Expression]> }
  | { kind: "call"; name: string; args: Expression[] };

export interface Attribute {
  kind: "attribute";
  name: string;
  value: Expression;
}

export interface Block {
  kind: "block";
  type: string;
  labels: string[];
  body: BodyItem[];
  /** A `#` comment printed above the block. */
  comment?: string;
}

export type BodyItem = Attribute | Block;

const INDENT = "  ";

/** Top-level blocks separated by one blank line, file ending in a newline. */
export function printFile(blocks: readonly Block[], header?: string): string {
  const parts = blocks.map((block) => printBlock(block, 0));
  const head = header === undefined ? "" : `${comment(header, 0)}\n\n`;
  return `${head}${parts.join("\n")}`;
}

function printBlock(block: Block, depth: number): string {
  const pad = INDENT.repeat(depth);
  const labels = block.labels.map((label) => ` ${quote(label)}`).join("");
  const lines: string[] = [];
  if (block.comment !== undefined) lines.push(comment(block.comment, depth));
  lines.push(`${pad}${block.type}${labels} {`);
  let previous: BodyItem["kind"] | undefined;
  for (const item of block.body) {
    // terraform fmt style: nested blocks are set apart from the attributes before them.
    if (item.kind === "block" && previous === "attribute") lines.push("");
    if (item.kind === "attribute" && previous === "block") lines.push("");
    lines.push(item.kind === "block" ? printBlock(item, depth + 1).trimEnd() : printAttribute(item, depth + 1));
    previous = item.kind;
  }
  lines.push(`${pad}}`);
  return `${lines.join("\n")}\n`;
}

function printAttribute(attribute: Attribute, depth: number): string {
  return `${INDENT.repeat(depth)}${attribute.name} = ${printExpression(attribute.value, depth)}`;
}

export function printExpression(expression: Expression, depth: number): string {
  switch (expression.kind) {
    case "literal":
      return typeof expression.value === "string" ? quote(expression.value) : String(expression.value);
    case "raw":
      return expression.text;
    case "call":
      return `${expression.name}(${expression.args.map((arg) => printExpression(arg, depth)).join(", ")})`;
    case "list":
      return printList(expression.items, depth);
    case "object":
      return printObject(expression.entries, depth);
  }
}

/** A list of at most one scalar stays on one line; anything else is one item per line. */
function printList(items: readonly Expression[], depth: number): string {
  if (items.length === 0) return "[]";
  if (items.length === 1 && isScalar(items[0])) return `[${printExpression(items[0], depth)}]`;
  const pad = INDENT.repeat(depth + 1);
  const lines = items.map((item) => `${pad}${printExpression(item, depth + 1)},`);
  return `[\n${lines.join("\n")}\n${INDENT.repeat(depth)}]`;
}

function printObject(entries: ReadonlyArray<[string, Expression]>, depth: number): string {
  if (entries.length === 0) return "{}";
  const pad = INDENT.repeat(depth + 1);
  const lines = entries.map(([key, value]) => `${pad}${objectKey(key)} = ${printExpression(value, depth + 1)}`);
  return `{\n${lines.join("\n")}\n${INDENT.repeat(depth)}}`;
}

function isScalar(expression: Expression): boolean {
  return expression.kind === "literal" || expression.kind === "raw";
}

/** Object keys stay bare when they are plain identifiers, else quoted (`"kms:ViaService"`). */
function objectKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : quote(key);
}

/**
 * An HCL quoted string. Backslash, quote and control characters are escaped; `${` and `%{` are
 * kept, because values coming from Terraform JSON are templates with the same syntax.
 */
export function quote(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
  return `"${escaped}"`;
}

function comment(text: string, depth: number): string {
  return text
    .split("\n")
    .map((line) => `${INDENT.repeat(depth)}# ${line}`.trimEnd())
    .join("\n");
}
