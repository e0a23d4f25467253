/**
 * A generated module read back from its text: each resource block's top-level arguments, and the
 * `moved` blocks. Only the layout kgen's printer writes is understood (render/hcl.ts: blocks at
 * column 0 closed by `}` at column 0, one argument per line at two spaces, continuation lines
 * deeper), which is all kgen needs to compare the module it wrote last time with the one it
 * writes now.
 *
 * The text comes from a folder a pull request may have edited, so reading never fails and never
 * backtracks: anything it does not recognise is skipped, in one pass over the lines.
 */

/** An argument's value: a string literal decoded, or any other expression as written. */
export type ArgumentValue = { kind: "string"; value: string } | { kind: "expression"; text: string };

export interface ResourceBlock {
  type: string;
  name: string;
  arguments: Map<string, ArgumentValue>;
}

export interface ModuleText {
  /** By address: `aws_kinesis_stream.trades`. The first block of an address wins. */
  resources: Map<string, ResourceBlock>;
  /** `moved` blocks, in file order. */
  moves: Array<{ from: string; to: string }>;
}

const RESOURCE_HEADER = /^resource "([A-Za-z0-9_-]+)" "([A-Za-z0-9_-]+)" \{$/;
const ARGUMENT = /^ {2}([A-Za-z_][A-Za-z0-9_-]*) *= (.*)$/;
const NESTED_BLOCK = /^ {2}[A-Za-z_][A-Za-z0-9_-]* \{$/;
const CLOSING = /^ {2}[\]})]/;
const ADDRESS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function readModuleText(texts: Iterable<string>): ModuleText {
  const module: ModuleText = { resources: new Map(), moves: [] };
  for (const text of texts) readFile(text.split("\n"), module);
  return module;
}

function readFile(lines: readonly string[], module: ModuleText): void {
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const resource = RESOURCE_HEADER.exec(line);
    if (resource !== null || line === "moved {") {
      const { body, next } = readBody(lines, i + 1);
      i = next;
      if (resource !== null) {
        const address = `${resource[1]}.${resource[2]}`;
        if (!module.resources.has(address)) module.resources.set(address, { type: resource[1], name: resource[2], arguments: body });
      } else {
        const from = expressionText(body.get("from"));
        const to = expressionText(body.get("to"));
        if (from !== undefined && to !== undefined && ADDRESS.test(from) && ADDRESS.test(to)) module.moves.push({ from, to });
      }
      continue;
    }
    i++;
  }
}

/** The arguments of a block whose header is the line before `start`; `next` is the line after its `}`. */
function readBody(lines: readonly string[], start: number): { body: Map<string, ArgumentValue>; next: number } {
  const body = new Map<string, ArgumentValue>();
  let i = start;
  while (i < lines.length && lines[i] !== "}") {
    const argument = ARGUMENT.exec(lines[i]);
    if (argument !== null) {
      const valueLines = [argument[2]];
      i++;
      // A value spanning lines: deeper lines, then its closing bracket back at two spaces.
      while (i < lines.length && (lines[i].startsWith("   ") || CLOSING.test(lines[i]))) valueLines.push(lines[i++].trim());
      if (!body.has(argument[1])) body.set(argument[1], parseValue(valueLines.join("\n")));
      continue;
    }
    if (NESTED_BLOCK.test(lines[i])) {
      i++;
      while (i < lines.length && lines[i] !== "  }" && lines[i] !== "}") i++;
      if (lines[i] === "  }") i++;
      continue;
    }
    i++;
  }
  return { body, next: i + 1 };
}

function expressionText(value: ArgumentValue | undefined): string | undefined {
  return value?.kind === "expression" ? value.text : undefined;
}

/** A quoted literal without interpolation is decoded; anything else is kept as written. */
function parseValue(text: string): ArgumentValue {
  const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
  if (literal !== null) {
    const decoded = decodeLiteral(literal[1]);
    if (decoded !== undefined) return { kind: "string", value: decoded };
  }
  return { kind: "expression", text };
}

/**
 * HCL's quoted-string escapes (hclsyntax spec, "Template Literals"); undefined for a template
 * that interpolates (`${`, `%{` not doubled), whose value the text alone does not give.
 */
function decodeLiteral(body: string): string | undefined {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      const next = body[++i];
      if (next === "n") out += "\n";
      else if (next === "r") out += "\r";
      else if (next === "t") out += "\t";
      else if (next === "u" || next === "U") {
        const width = next === "u" ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + width);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== width) return undefined;
        const codePoint = Number.parseInt(hex, 16);
        if (codePoint > 0x10ffff) return undefined;
        out += String.fromCodePoint(codePoint);
        i += width;
      } else out += next;
    } else if (c === "$" || c === "%") {
      // `$${` and `%%{` are the escaped forms of `${` and `%{`; a lone one interpolates.
      if (body[i + 1] === c && body[i + 2] === "{") {
        out += `${c}{`;
        i += 2;
      } else if (body[i + 1] === "{") return undefined;
      else out += c;
    } else out += c;
  }
  return out;
}
