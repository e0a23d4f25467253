/**
 * Terraform JSON (what the CDKTF stack synthesizes) -> HCL blocks. Terraform JSON cannot tell a
 * nested block from an object attribute, so the few of each kgen emits are listed here; any other
 * object is a bug and fails loudly rather than printing something plausible.
 */
import type { BlockPlacement } from "../constructs/module-stack";
import { KEY_POLICY_STATEMENTS_OUTPUT_SUFFIX } from "../model/names";
import type { Block, BodyItem, Expression } from "./hcl";
import { literalText, parseTemplate } from "./terraform-template";

/** Outputs whose value is a JSON policy document, printed as `jsonencode({ ... })` too. */
export const POLICY_OUTPUT = "output (policy document)";

/** Attributes whose string value is a JSON policy document, printed as `jsonencode({ ... })`. */
export const POLICY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role: ["assume_role_policy"],
  aws_iam_role_policy: ["policy"],
  aws_iam_policy: ["policy"],
  aws_kms_key_policy: ["policy"],
  aws_kinesis_resource_policy: ["policy"],
  [POLICY_OUTPUT]: ["value"],
};

/** Nested blocks by block kind; `lifecycle` is allowed everywhere. */
const NESTED_BLOCKS: Readonly<Record<string, readonly string[]>> = {
  aws_kinesis_stream: ["stream_mode_details"],
  lifecycle: ["precondition", "postcondition"],
  variable: ["validation"],
};

/** Attributes whose value is a map of strings. */
const MAP_ATTRIBUTES = new Set(["tags"]);

export interface TerraformJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, Record<string, unknown>>;
  variable?: Record<string, Record<string, unknown>>;
}

/** The block at `placement.address` in the synthesized JSON, as HCL. */
export function blockAt(json: TerraformJson, placement: BlockPlacement): Block {
  const parts = placement.address.split(".");
  if (parts[0] === "output" || parts[0] === "variable") {
    const body = must(json[parts[0]]?.[parts[1]], placement.address);
    const kind = parts[0] === "output" && parts[1].endsWith(KEY_POLICY_STATEMENTS_OUTPUT_SUFFIX) ? POLICY_OUTPUT : parts[0];
    return withComment(block(parts[0], [parts[1]], body, kind), placement.comment);
  }
  if (parts[0] === "data") {
    const body = must(json.data?.[parts[1]]?.[parts[2]], placement.address);
    return withComment(block("data", [parts[1], parts[2]], body, parts[1]), placement.comment);
  }
  const body = must(json.resource?.[parts[0]]?.[parts[1]], placement.address);
  return withComment(block("resource", [parts[0], parts[1]], body, parts[0]), placement.comment);
}

/**
 * Order inside a block, as a reviewer expects: name and description, the other one-line
 * arguments, multi-line policy documents, tags, nested blocks, then the meta-arguments.
 */
function attributeRank(kind: string, name: string): number {
  if (name === "name") return 0;
  if (name === "description") return 1;
  if ((POLICY_ATTRIBUTES[kind] ?? []).includes(name)) return 3;
  if (name === "tags") return 4;
  if ((NESTED_BLOCKS[kind] ?? []).includes(name)) return 5;
  if (name === "depends_on") return 6;
  if (name === "lifecycle") return 7;
  return 2;
}

function block(type: string, labels: string[], body: Record<string, unknown>, kind: string): Block {
  const names = Object.keys(body)
    .filter((name) => name !== "//")
    .sort((a, b) => attributeRank(kind, a) - attributeRank(kind, b) || (a < b ? -1 : a > b ? 1 : 0));
  const items: BodyItem[] = [];
  for (const name of names) items.push(...bodyItems(kind, name, body[name]));
  return { kind: "block", type, labels, body: items };
}

function bodyItems(kind: string, name: string, value: unknown): BodyItem[] {
  if (name === "lifecycle" || (NESTED_BLOCKS[kind] ?? []).includes(name)) {
    const bodies = Array.isArray(value) ? value : [value];
    return bodies.map((body) => block(name, [], asRecord(body, `${kind}.${name}`), name));
  }
  if (kind === "variable" && name === "type") {
    // A type constraint is an expression (`string`), not a string literal.
    return [{ kind: "attribute", name, value: raw(asString(value, "variable type")) }];
  }
  if (kind === "output" && name === "value") {
    return [{ kind: "attribute", name, value: outputValue(value) }];
  }
  if (name === "depends_on") {
    return [{ kind: "attribute", name, value: { kind: "list", items: asStrings(value, name).map(raw) } }];
  }
  if ((POLICY_ATTRIBUTES[kind] ?? []).includes(name)) {
    return [{ kind: "attribute", name, value: { kind: "call", name: "jsonencode", args: [policyDocument(asString(value, `${kind}.${name}`))] } }];
  }
  if (MAP_ATTRIBUTES.has(name)) {
    const entries = Object.entries(asRecord(value, name)).map(([k, v]): [string, Expression] => [literalText(k, `${name} key`), scalar(v, name)]);
    return [{ kind: "attribute", name, value: { kind: "object", entries } }];
  }
  return [{ kind: "attribute", name, value: scalar(value, `${kind}.${name}`) }];
}

/**
 * A policy attribute: a template whose value is a JSON document. Terraform evaluates the template
 * first, so it is read first: each interpolation stands in the JSON text as a string no literal
 * text can hold (spec text holds no control character, so no `\u0000`), and becomes the bare
 * reference again where the parsed document has exactly that string.
 */
function policyDocument(template: string): Expression {
  const references: string[] = [];
  let json = "";
  for (const part of parseTemplate(template)) {
    if (part.kind === "text") {
      if (/\\u0000/i.test(part.text)) throw new Error(`internal: a policy holds \\u0000: ${template}`);
      json += part.text;
    } else {
      json += `\\u0000${references.length}\\u0000`;
      references.push(part.expression);
    }
  }
  return jsonValue(JSON.parse(json), references);
}

/** Any JSON value (a policy document, an output's value); `references` stand in as `\0N\0`. */
function jsonValue(value: unknown, references: readonly string[]): Expression {
  if (Array.isArray(value)) return { kind: "list", items: value.map((item) => jsonValue(item, references)) };
  if (value !== null && typeof value === "object") {
    return { kind: "object", entries: Object.entries(value).map(([k, v]): [string, Expression] => [k, jsonValue(v, references)]) };
  }
  if (typeof value === "string" && value.includes("\u0000")) {
    const reference = /^\u0000(\d+)\u0000$/.exec(value);
    if (reference === null) throw new Error(`internal: a reference inside literal text: ${JSON.stringify(value)}`);
    return raw(references[Number(reference[1])]);
  }
  return typeof value === "string" ? { kind: "literal", value } : scalar(value, "policy document");
}

/**
 * A value of Terraform JSON: a string is a template, which kgen writes either as literal text
 * or as exactly one interpolation (a reference); anything mixing the two is a bug, not a guess.
 */
function scalar(value: unknown, where: string): Expression {
  if (typeof value === "string") {
    const parts = parseTemplate(value);
    if (parts.length === 1 && parts[0].kind === "interpolation") return raw(parts[0].expression);
    return { kind: "literal", value: literalText(value, where) };
  }
  if (typeof value === "number" || typeof value === "boolean") return { kind: "literal", value };
  if (value === null) return { kind: "literal", value: null };
  throw new Error(`internal: unexpected ${Array.isArray(value) ? "list" : typeof value} at ${where}; teach render/from-terraform-json.ts about it`);
}

function raw(text: string): Expression {
  return { kind: "raw", text };
}

/** An output's value: a reference, or an object of literal text (a share summary); keys are templates too. */
function outputValue(value: unknown): Expression {
  if (Array.isArray(value)) return { kind: "list", items: value.map(outputValue) };
  if (value !== null && typeof value === "object") {
    return { kind: "object", entries: Object.entries(value).map(([k, v]): [string, Expression] => [literalText(k, "output key"), outputValue(v)]) };
  }
  return scalar(value, "output value");
}

function withComment(block: Block, comment: string | undefined): Block {
  return comment === undefined ? block : { ...block, comment };
}

function must<T>(value: T | undefined, address: string): T {
  if (value === undefined) throw new Error(`internal: ${address} is not in the synthesized stack`);
  return value;
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`internal: expected an object at ${where}`);
  return value as Record<string, unknown>;
}

function asString(value: unknown, where: string): string {
  if (typeof value !== "string") throw new Error(`internal: expected a string at ${where}`);
  return value;
}

function asStrings(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string")) {
    throw new Error(`internal: expected a list of strings at ${where}`);
  }
  return value;
}
