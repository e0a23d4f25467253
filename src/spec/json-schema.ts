/**
 * Prints a schema-dsl definition as draft-07 JSON Schema. Derived, never hand-kept: whatever the
 * loader enforces structurally, editors (yaml-language-server) see too.
 */
import {
  effectiveDefault,
  type Field,
  type Fields,
  type ObjectNode,
  type SchemaNode,
  type SiblingCondition,
} from "./schema-dsl";
import { MULTI_LINE_TEXT, SINGLE_LINE_TEXT } from "./spec-text";

export type JsonSchema = { [keyword: string]: unknown };

// YAML reads an unquoted 12-digit account id as an integer; editors must accept it as well.
const SMALLEST_ACCOUNT_ID = 100000000000;
const LARGEST_ACCOUNT_ID = 999999999999;

export function toDraft07(root: ObjectNode, title: string): JsonSchema {
  return { $schema: "http://json-schema.org/draft-07/schema#", title, ...nodeSchema(root) };
}

function nodeSchema(node: SchemaNode): JsonSchema {
  switch (node.kind) {
    case "string":
      return stringSchema(node);
    case "integer":
      return compact({
        description: node.description,
        type: "integer",
        enum: node.values,
        minimum: node.min,
        maximum: node.max,
      });
    case "boolean":
      return { description: node.description, type: "boolean" };
    case "list":
      return compact({
        description: node.description,
        type: "array",
        items: nodeSchema(node.items),
        minItems: node.minItems,
        uniqueItems: node.unique,
      });
    case "map":
      return {
        description: node.description,
        type: "object",
        propertyNames: stringSchema(node.key),
        additionalProperties: nodeSchema(node.values),
      };
    case "object":
      return objectSchema(node);
  }
}

function stringSchema(node: Extract<SchemaNode, { kind: "string" }>): JsonSchema {
  const asString = compact({
    type: "string",
    enum: node.enum,
    // Every string refuses control characters (spec-text.ts); a field's own pattern refuses them already.
    pattern: node.pattern?.source ?? (node.enum === undefined ? (node.multiline === true ? MULTI_LINE_TEXT : SINGLE_LINE_TEXT).source : undefined),
    minLength: node.minLength,
    maxLength: node.maxLength,
  });
  if (!node.acceptsUnquotedAccountId) return { description: node.description, ...asString };
  return {
    description: node.description,
    anyOf: [asString, { type: "integer", minimum: SMALLEST_ACCOUNT_ID, maximum: LARGEST_ACCOUNT_ID }],
  };
}

function objectSchema(node: ObjectNode): JsonSchema {
  const properties: JsonSchema = {};
  for (const [name, field] of Object.entries(node.fields)) {
    properties[name] = compact({ ...nodeSchema(field.node), default: field.default });
  }
  const requiredFields = Object.entries(node.fields)
    .filter(([, field]) => field.presence === "required")
    .map(([name]) => name);
  const conditions = Object.entries(node.fields).flatMap(([name, field]) => fieldConditions(node.fields, name, field));
  return compact({
    description: node.description,
    type: "object",
    properties,
    required: requiredFields.length > 0 ? requiredFields : undefined,
    additionalProperties: false,
    oneOf: node.exactlyOne && node.orNeither !== true ? node.exactlyOne.map((name) => ({ required: [name] })) : undefined,
    allOf: [...conditions, ...exclusions(node)].length > 0 ? [...conditions, ...exclusions(node)] : undefined,
  });
}

/** `exactlyOne` with `orNeither`, and `exclusive`: no two of the fields together. */
function exclusions(node: ObjectNode): JsonSchema[] {
  const groups = [...(node.exactlyOne && node.orNeither === true ? [node.exactlyOne] : []), ...(node.exclusive ? [node.exclusive] : [])];
  return groups.flatMap((names) => names.flatMap((a, i) => names.slice(i + 1).map((b) => ({ not: { required: [a, b] } }))));
}

function fieldConditions(fields: Fields, name: string, field: Field): JsonSchema[] {
  const conditions: JsonSchema[] = [];
  if (field.onlyWhen) {
    conditions.push({ if: holds(fields, field.onlyWhen), else: { not: { required: [name] } } });
  }
  if (field.requiredWhen) {
    conditions.push({ if: holds(fields, field.requiredWhen), then: { required: [name] } });
  }
  return conditions;
}

/** `if` clause for a sibling condition; an absent sibling counts as its default. */
function holds(fields: Fields, condition: SiblingCondition): JsonSchema {
  if (condition.absent === true) return { not: { required: [condition.field] } };
  const siblingDefault = effectiveDefault(fields, condition.field);
  const absentHolds = siblingDefault !== undefined && condition.is.includes(siblingDefault);
  return compact({
    properties: { [condition.field]: { enum: condition.is } },
    required: absentHolds ? undefined : [condition.field],
  });
}

/** Drops undefined keywords so the printed schema carries only what a node sets. */
function compact(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([, value]) => value !== undefined));
}
