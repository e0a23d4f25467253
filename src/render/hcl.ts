/**
 * A typed HCL tree and its printer: the only place kgen writes HCL text. The printer works on
 * plain resolved values (no CDKTF tokens), writes one attribute per line, policies as
 * multi-line `jsonencode({ ... })` objects and references bare, and lays it out exactly as
 * `terraform fmt` (hclwrite's Format) would: the tests prove every generated file is a fixed
 * point of hclwrite's Format. Doing the layout here rather than calling the formatter keeps a
 * 1,000-stream synth from spending most of its time in hclwrite's WebAssembly build.
 */

export type Expression =
  | { kind: "literal"; value: string | number | boolean | null }
  /** A bare expression written as is: `aws_kms_key.trades.arn`, `self.region == "us-west-2"`. */
  | { kind: "raw"; text: string }
  | { kind: "list"; items: Expression[] }
  | { kind: "object"; entries: Array<[string, Expression]> }
  | { kind: "call"; name: string; args: Expression[] }
  /** `left == right`: the conditions of generated tests. */
  | { kind: "binary"; left: Expression; operator: "=="; right: Expression };

export interface Attribute {
  kind: "attribute";
  name: string;
  value: Expression;
}

export interface Block {
  kind: "block";
  type: string;
  labels: string[];
  /**
   * Printed in order, once. An iterable lets a long body (a generated test's thousands of
   * asserts) be made item by item as it is printed, so no tree of the whole body is ever held.
   */
  body: Iterable<BodyItem>;
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
  let attributes: Array<[string, Expression]> = [];
  const flush = (): void => {
    if (attributes.length > 0) for (const line of printAssignments(attributes, (name) => name, depth + 1)) lines.push(line);
    attributes = [];
  };
  for (const item of block.body) {
    if (item.kind === "attribute") {
      // terraform fmt style: nested blocks are set apart from the attributes around them.
      if (previous === "block") lines.push("");
      attributes.push([item.name, item.value]);
    } else {
      flush();
      if (previous === "attribute") lines.push("");
      lines.push(printBlock(item, depth + 1).trimEnd());
    }
    previous = item.kind;
  }
  flush();
  lines.push(`${pad}}`);
  return `${lines.join("\n")}\n`;
}

/**
 * `key = value` lines, aligned as hclwrite's Format aligns them: a run of consecutive one-line
 * assignments pads its keys so the `=` line up; an assignment whose value spans several lines
 * is not aligned and ends the run (hclwrite format.go, formatCells).
 */
function printAssignments(entries: ReadonlyArray<[string, Expression]>, keyText: (key: string) => string, depth: number): string[] {
  const pad = INDENT.repeat(depth);
  const printed = entries.map(([key, value]) => ({ key: keyText(key), value: printExpression(value, depth) }));
  const lines: string[] = [];
  let run: typeof printed = [];
  const flush = (): void => {
    // A loop, not Math.max(...): a map of tens of thousands of entries would overflow the stack.
    const width = run.reduce((widest, entry) => Math.max(widest, entry.key.length), 0);
    for (const entry of run) lines.push(`${pad}${entry.key.padEnd(width)} = ${entry.value}`);
    run = [];
  };
  for (const entry of printed) {
    if (!entry.value.includes("\n")) {
      run.push(entry);
      continue;
    }
    if (run.length > 0) flush();
    lines.push(`${pad}${entry.key} = ${entry.value}`);
  }
  if (run.length > 0) flush();
  return lines;
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
    case "binary":
      return `${printExpression(expression.left, depth)} ${expression.operator} ${printExpression(expression.right, depth)}`;
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
  return `{\n${printAssignments(entries, objectKey, depth + 1).join("\n")}\n${INDENT.repeat(depth)}}`;
}

function isScalar(expression: Expression): boolean {
  return expression.kind === "literal" || expression.kind === "raw";
}

/** Object keys stay bare when they are plain identifiers, else quoted (`"kms:ViaService"`). */
function objectKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : quote(key);
}

/**
 * An HCL quoted string whose value is exactly `value`: the one escaping function every string
 * literal the printer writes goes through (attribute values, object keys, block labels), as
 * hclwrite's TokensForValue does (hclwrite generate.go, escapeQuotedStringLit): backslash, quote,
 * `\n`, `\r`, `\t`; `${` and `%{` doubled to `$${` and `%%{` so Terraform reads no template in
 * them; every character that is not printable (Go's unicode.IsPrint: letters, marks, numbers,
 * punctuation, symbols and the ASCII space) as `\uNNNN` or `\UNNNNNNNN`.
 */
export function quote(value: string): string {
  // Most strings are plain printable ASCII with nothing to escape.
  if (PLAIN.test(value)) return `"${value}"`;
  // Policy documents (jsonencode text, many KB each) are ASCII with quotes and line breaks: the
  // same escapes as below, without walking them character by character (issue #17).
  if (ASCII.test(value)) return `"${value.replace(ASCII_ESCAPED, (found) => ASCII_ESCAPES[found] ?? `${found}${found}`)}"`;
  let escaped = "";
  const characters = [...value];
  characters.forEach((character, index) => {
    const next = characters[index + 1];
    if (character === "\\") escaped += "\\\\";
    else if (character === '"') escaped += '\\"';
    else if (character === "\n") escaped += "\\n";
    else if (character === "\r") escaped += "\\r";
    else if (character === "\t") escaped += "\\t";
    else if ((character === "$" || character === "%") && next === "{") escaped += character + character;
    else if (PRINTABLE.test(character)) escaped += character;
    else escaped += unicodeEscape(character);
  });
  return `"${escaped}"`;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const PLAIN = /^(?:[ !#&-[\]-~]|[$%](?!\{))*$/;
/** Printable ASCII, tabs and line breaks; what among them is escaped, and how (`${`, `%{` double their sign). */
const ASCII = /^[ -~\t\n\r]*$/;
const ASCII_ESCAPED = /[\\"\n\r\t]|[$%](?=\{)/g;
const ASCII_ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `\u202e`, `\U000e0001`: lower-case hex, as hclwrite writes it. */
function unicodeEscape(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x10000 ? `\\u${code.toString(16).padStart(4, "0")}` : `\\U${code.toString(16).padStart(8, "0")}`;
}

/** A `#` comment per line; a character that is not printable is written as its escape, never raw. */
function comment(text: string, depth: number): string {
  return text
    .split("\n")
    .map((line) => [...line].map((character) => (PRINTABLE.test(character) ? character : unicodeEscape(character))).join(""))
    .map((line) => `${INDENT.repeat(depth)}# ${line}`.trimEnd())
    .join("\n");
}
