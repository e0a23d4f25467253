/**
 * The YAML side of loading: parse with source ranges, refuse hostile input before it costs
 * anything, turn `yaml`'s errors into diagnostics, and answer "where is this spec path?".
 */
import {
  CST,
  Lexer,
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Pair,
  type Scalar,
  type YAMLError,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { createDiagnostic, type Diagnostic, type Finding, type Position, type SpecPath } from "./diagnostics";

export const MAX_SPEC_BYTES = 1024 * 1024;
export const MAX_DEPTH = 64;

/** A resolved YAML node: what a value in the spec can be once aliases are followed. */
export type ValueNode = Scalar | YAMLMap | YAMLSeq;

export interface SpecSource {
  readonly document: Document.Parsed;
  /** Follows an alias to its anchored node; a plain node comes back unchanged. */
  resolve(node: unknown): ValueNode | null;
  /** 1-based start of a node, or undefined for a node without a source range. */
  positionOf(node: unknown): Position | undefined;
}

export interface ParsedSource {
  /** Absent when the text could not be parsed into a usable document. */
  source?: SpecSource;
  diagnostics: Diagnostic[];
}

const START: Position = { line: 1, column: 1 };
const TOO_DEEP: Finding = {
  code: "KG1004",
  path: [],
  message: `the YAML nests deeper than ${MAX_DEPTH} levels`,
  hint: "a kgen spec needs fewer than 10 levels; look for unclosed brackets or runaway indentation",
};

/** KG1003, also given by the CLI from a spec file's size alone, before reading it. */
export function oversizedSpec(file: string, bytes: number): Diagnostic {
  const message = `the spec is ${bytes} bytes; kgen reads at most ${MAX_SPEC_BYTES}`;
  return createDiagnostic(file, START, { code: "KG1003", path: [], message, hint: "split it into several specs" });
}

export function parseSpecSource(file: string, text: string): ParsedSource {
  const refuse = (finding: Finding, at: Position): ParsedSource => ({
    diagnostics: [createDiagnostic(file, at, finding)],
  });
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_SPEC_BYTES) return { diagnostics: [oversizedSpec(file, bytes)] };
  // `yaml` composes nodes recursively; checking nesting on the token stream first keeps a
  // pathological `[[[[...` from costing seconds before it is refused.
  const deepAt = tokenNestingBeyondLimit(text);
  if (deepAt) return refuse(TOO_DEEP, deepAt);

  const lineCounter = new LineCounter();
  // Not `uniqueKeys`: `yaml` compares every key of a mapping with every other, so 50,000 keys
  // take a minute. conform.ts finds repeated names in one pass over each mapping it checks.
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const positionAt = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const index = indexNodes(document.contents);
  const source: SpecSource = {
    document,
    resolve: (node) => {
      const target = isAlias(node) ? index.aliasTargets.get(node) : node;
      return isScalar(target) || isMap(target) || isSeq(target) ? target : null;
    },
    positionOf: (node) => (hasRange(node) ? positionAt(node.range[0]) : undefined),
  };

  const diagnostics = [
    ...document.errors.map((error) => yamlDiagnostic(file, source, error, "error", positionAt)),
    ...document.warnings.map((warning) => yamlDiagnostic(file, source, warning, "warning", positionAt)),
  ];
  if (index.tooDeep) diagnostics.push(createDiagnostic(file, source.positionOf(index.tooDeep) ?? START, TOO_DEEP));
  // After a YAML error the shape checks would report consequences of the damage rather than the
  // user's mistakes.
  const usable = !index.tooDeep && document.errors.length === 0;
  return usable ? { source, diagnostics } : { diagnostics };
}

/** The text of a mapping key, or undefined for a key that is not a plain value. */
export function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  if (typeof key.value === "string") return key.value;
  // A stream named 2024 is a number to YAML; the name is what the user wrote.
  if (typeof key.value === "number" || typeof key.value === "boolean") return key.source ?? String(key.value);
  return undefined;
}

/**
 * The position of a spec path: for an entry holding a collection, its key (`MyStream:`); for a
 * scalar, its value; for a path that does not exist, its nearest existing ancestor.
 */
export function locator(source: SpecSource | undefined): (path: SpecPath) => Position {
  // Each mapping's pairs by name, built on first use: rules locate one path per diagnostic, and a
  // scan per step would make 40,000 warnings in one mapping cost 40,000 scans of it.
  const byName = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairNamed = (map: YAMLMap, name: string): Pair | undefined => {
    let pairs = byName.get(map);
    if (!pairs) {
      pairs = new Map();
      for (const item of map.items) {
        const text = keyText(item.key);
        // The first of repeated keys, as a scan would find it.
        if (text !== undefined && !pairs.has(text)) pairs.set(text, item);
      }
      byName.set(map, pairs);
    }
    return pairs.get(name);
  };
  return (path) => {
    if (!source) return START;
    let node = source.resolve(source.document.contents);
    let position = source.positionOf(node) ?? START;
    for (const part of path) {
      if (typeof part === "string" && isMap(node)) {
        const pair = pairNamed(node, part);
        if (!pair) break;
        const value = source.resolve(pair.value);
        const keyPosition = source.positionOf(pair.key) ?? position;
        const scalarWritten = isScalar(value) && hasRange(value) && value.range[0] < value.range[1];
        position = scalarWritten ? (source.positionOf(pair.value) ?? keyPosition) : keyPosition;
        node = value;
      } else if (typeof part === "number" && isSeq(node) && part < node.items.length) {
        const item = node.items[part];
        position = source.positionOf(item) ?? position;
        node = source.resolve(item);
      } else {
        break;
      }
    }
    return position;
  };
}

interface NodeIndex {
  /** Each alias's target: the last node anchored with its name before it (YAML 1.2, 3.2.2.2). */
  aliasTargets: Map<unknown, unknown>;
  /** The first collection found deeper than MAX_DEPTH, if any. */
  tooDeep?: unknown;
}

/** One pass over the document: alias targets without `Alias.resolve`'s per-call scan, and depth. */
function indexNodes(root: unknown): NodeIndex {
  const index: NodeIndex = { aliasTargets: new Map() };
  const anchors = new Map<string, unknown>();
  const visit = (node: unknown, depth: number): void => {
    if (index.tooDeep) return;
    if (isAlias(node)) {
      index.aliasTargets.set(node, anchors.get(node.source));
      return;
    }
    if (isScalar(node) || isMap(node) || isSeq(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
    }
    if (isMap(node) || isSeq(node)) {
      if (depth > MAX_DEPTH) {
        index.tooDeep = node;
        return;
      }
      for (const item of node.items) {
        if (isPair(item)) {
          visit(item.key, depth + 1);
          visit(item.value, depth + 1);
        } else {
          visit(item, depth + 1);
        }
      }
    }
  };
  visit(root, 1);
  return index;
}

/** Flow nesting counted exactly, block nesting by indicators on one line; both bound the depth. */
function tokenNestingBeyondLimit(text: string): Position | undefined {
  let line = 1;
  let column = 1;
  let flowDepth = 0;
  let blockIndicatorsOnLine = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === "flow-seq-start" || type === "flow-map-start") flowDepth++;
    else if (type === "flow-seq-end" || type === "flow-map-end") flowDepth = Math.max(0, flowDepth - 1);
    else if (flowDepth === 0 && (type === "seq-item-ind" || type === "explicit-key-ind" || type === "map-value-ind")) {
      blockIndicatorsOnLine++;
    }
    if (flowDepth > MAX_DEPTH || blockIndicatorsOnLine > MAX_DEPTH) return { line, column };
    // The lexer marks token kinds with control characters that are not part of the source.
    if (token.length === 1 && token < " " && token !== "\n" && token !== "\t" && token !== "\r") continue;
    const lastNewline = token.lastIndexOf("\n");
    if (lastNewline === -1) {
      column += token.length;
    } else {
      line += token.split("\n").length - 1;
      column = token.length - lastNewline;
      blockIndicatorsOnLine = 0;
    }
  }
  return undefined;
}

function yamlDiagnostic(
  file: string,
  source: SpecSource,
  error: YAMLError,
  severity: "error" | "warning",
  positionAt: (offset: number) => Position,
): Diagnostic {
  const offset = error.pos[0];
  const path = pathAtOffset(source, offset);
  const tag = error.code === "TAG_RESOLVE_FAILED";
  return createDiagnostic(file, positionAt(offset), {
    code: severity === "error" ? "KG1001" : "KG1009",
    severity,
    path,
    message: firstSentence(error.message),
    hint: tag ? "kgen specs use no YAML tags; remove it" : "fix the YAML at this position",
  });
}

/** The spec path of the mapping key or item at a source offset, as far as it can be found. */
function pathAtOffset(source: SpecSource, offset: number): (string | number)[] {
  const path: (string | number)[] = [];
  let node: unknown = source.document.contents;
  for (let depth = 0; depth < MAX_DEPTH && (isMap(node) || isSeq(node)); depth++) {
    const items: readonly unknown[] = node.items;
    const index = items.findIndex((item) =>
      isPair(item) ? contains(item.key, item.value, offset) : contains(item, undefined, offset),
    );
    if (index === -1) break;
    const item = items[index];
    if (isPair(item)) {
      path.push(keyText(item.key) ?? "?");
      node = item.value;
    } else {
      path.push(index);
      node = item;
    }
  }
  return path;
}

function contains(first: unknown, last: unknown, offset: number): boolean {
  const start = hasRange(first) ? first.range[0] : undefined;
  const end = hasRange(last) ? last.range[2] : hasRange(first) ? first.range[2] : undefined;
  return start !== undefined && end !== undefined && offset >= start && offset <= end;
}

function hasRange(node: unknown): node is { range: [number, number, number] } {
  return typeof node === "object" && node !== null && Array.isArray((node as { range?: unknown }).range);
}

function firstSentence(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}
