/** Short constructors for the HCL tree of hcl.ts, for the files kgen composes block by block. */
import type { Block, BodyItem, Expression } from "./hcl";

export function block(type: string, labels: string[], body: Iterable<BodyItem>, comment?: string): Block {
  return comment === undefined ? { kind: "block", type, labels, body } : { kind: "block", type, labels, body, comment };
}

export function attribute(name: string, value: Expression): BodyItem {
  return { kind: "attribute", name, value };
}

export function literal(value: string | number | boolean | null): Expression {
  return { kind: "literal", value };
}

/** A bare expression: `aws_kms_key.trades.arn`, `plan`. */
export function raw(text: string): Expression {
  return { kind: "raw", text };
}

/** An object of literal strings: `{ account_id = "123456789012" }`. */
export function stringObject(entries: Iterable<[string, string]>): Expression {
  return { kind: "object", entries: [...entries].map(([key, value]): [string, Expression] => [key, literal(value)]) };
}
