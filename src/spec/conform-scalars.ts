/**
 * Scalar checks of the schema walk (conform.ts): strings, account ids and integers, plus the
 * walk's shared state and the wording of type mismatches.
 */
import { isMap, isScalar, isSeq } from "yaml";
import {
  createDiagnostic,
  type Diagnostic,
  type Finding,
  type Position,
  type SpecPath,
} from "./diagnostics";
import { didYouMean } from "./did-you-mean";
import type { BooleanNode, IntegerNode, StringNode } from "./schema-dsl";
import { describeCharacter, textProblem, type TextProblem } from "./spec-text";
import type { SpecSource, ValueNode } from "./yaml-source";

/** State of one walk over a document. */
export interface Walk {
  readonly source: SpecSource;
  readonly file: string;
  readonly diagnostics: Diagnostic[];
  visitsLeft: number;
}

export function report(walk: Walk, at: Position, finding: Finding): undefined {
  walk.diagnostics.push(createDiagnostic(walk.file, at, finding));
  return undefined;
}

export function wrongType(
  walk: Walk,
  node: ValueNode | null,
  expected: string,
  path: SpecPath,
  at: Position,
  hint: string,
): undefined {
  const found = describe(node);
  const written = isScalar(node) && node.value !== null ? String(node.source ?? node.value) : undefined;
  // YAML turns `4711` and `true` into a number and a boolean; quoting keeps them text.
  const quote = written !== undefined && expected === "a string" ? `quote it: "${written}"` : undefined;
  const empty = found === "an empty value" ? "give it a value or remove the line" : undefined;
  return report(walk, at, {
    code: "KG1011",
    path,
    message: `expected ${expected}, found ${found}`,
    hint: quote ?? empty ?? hint,
  });
}

export function describe(node: ValueNode | null): string {
  if (isMap(node)) return "a map";
  if (isSeq(node)) return "a list";
  if (!isScalar(node) || node.value === null || node.value === undefined) return "an empty value";
  if (typeof node.value === "number") return `the number ${node.source ?? node.value}`;
  if (typeof node.value === "boolean") return `the boolean ${node.value}`;
  if (typeof node.value === "string") return `the string "${node.value}"`;
  return "an unsupported value";
}

/** How messages name a value: the node's label, else the field it sits in. */
export function labelOf(schema: { label?: string }, path: SpecPath): string {
  const last = [...path].reverse().find((part): part is string => typeof part === "string");
  return schema.label ?? last ?? "value";
}

/** A checked string, or undefined (reported) when the node is not one or breaks a rule. */
export function conformString(
  walk: Walk,
  node: ValueNode | null,
  schema: StringNode,
  path: SpecPath,
  at: Position,
): string | undefined {
  const written = stringValue(walk, node, schema, path, at);
  return written === undefined ? undefined : checkString(walk, written, schema, path, at);
}

export function checkString(
  walk: Walk,
  written: string,
  schema: StringNode,
  path: SpecPath,
  at: Position,
): string | undefined {
  const label = labelOf(schema, path);
  // Characters no text may hold come first; a text only not in NFC is reported after the
  // field's own rules, which JSON Schema can say too (NFC it cannot).
  const problem = textProblem(written, schema.multiline === true);
  if (problem !== undefined && problem.kind !== "not-nfc") return report(walk, at, textFinding(problem, label, path));
  if (schema.enum && !schema.enum.includes(written)) {
    return report(walk, at, {
      code: "KG1015",
      path,
      message: `unknown ${label} "${written}"${didYouMean(written, schema.enum)}`,
      hint: schema.hint ?? `use one of: ${schema.enum.join(", ")}`,
    });
  }
  const { minLength, maxLength, pattern } = schema;
  const tooShort = minLength !== undefined && written.length < minLength;
  const tooLong = maxLength !== undefined && written.length > maxLength;
  if (tooShort || tooLong || (pattern && !pattern.test(written))) {
    const length = tooLong ? `at most ${maxLength} characters` : `at least ${minLength} characters`;
    const expected = schema.format ?? length;
    return report(walk, at, {
      code: "KG1014",
      path,
      message: `invalid ${label} "${written}": expected ${expected}`,
      hint: schema.hint ?? `write ${expected}`,
    });
  }
  if (problem !== undefined) return report(walk, at, textFinding(problem, label, path));
  return written;
}

function stringValue(
  walk: Walk,
  node: ValueNode | null,
  schema: StringNode,
  path: SpecPath,
  at: Position,
): string | undefined {
  if (isScalar(node) && typeof node.value === "string") return node.value;
  if (schema.acceptsUnquotedAccountId && isScalar(node) && typeof node.value === "number") {
    const digits = node.source ?? "";
    if (/^[1-9][0-9]{11}$/.test(digits)) return digits;
    if (/^0[0-9]{11}$/.test(digits)) {
      return report(walk, at, {
        code: "KG1021",
        path,
        message: `account id ${digits} is unquoted, so YAML reads the number ${node.value}: the leading zero is lost`,
        hint: `quote it: "${digits}"`,
      });
    }
  }
  return wrongType(walk, node, "a string", path, at, schema.hint ?? "write text");
}

export function conformInteger(
  walk: Walk,
  node: ValueNode | null,
  schema: IntegerNode,
  path: SpecPath,
  at: Position,
): number | undefined {
  if (!isScalar(node) || typeof node.value !== "number" || !Number.isInteger(node.value)) {
    const quoted = isScalar(node) && typeof node.value === "string";
    const hint = quoted ? "write the number without quotes or units" : (schema.hint ?? "write a whole number");
    return wrongType(walk, node, "an integer", path, at, hint);
  }
  const value = node.value;
  const label = labelOf(schema, path);
  const { values, min, max } = schema;
  if (values && !values.includes(value)) {
    const allowed = values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(", ")}`;
    return report(walk, at, {
      code: "KG1015",
      path,
      message: `${label} ${allowed}, found ${value}`,
      hint: schema.hint ?? `use one of: ${values.join(", ")}`,
    });
  }
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const range = `${min ?? "-∞"}..${max ?? "∞"}`;
    return report(walk, at, {
      code: "KG1013",
      path,
      message: `${label} ${value} is out of range ${range}`,
      hint: schema.hint ?? `use a value in ${range}`,
    });
  }
  return value;
}

/** `true` or `false`; YAML 1.2 reads only those two words as booleans (not `yes` or `on`). */
export function conformBoolean(walk: Walk, node: ValueNode | null, schema: BooleanNode, path: SpecPath, at: Position): boolean | undefined {
  if (isScalar(node) && typeof node.value === "boolean") return node.value;
  return wrongType(walk, node, "true or false", path, at, schema.hint ?? "write true or false, without quotes");
}

/** Refused text is named by position and code point: the message never holds the character. */
function textFinding(problem: TextProblem, label: string, path: SpecPath): Finding {
  if (problem.kind === "not-nfc") {
    return {
      code: "KG1026",
      path,
      message: `${label} is not in Unicode normalization form NFC from character ${problem.index + 1}: Terraform would store it normalized, not as written`,
      hint: "write composed characters (é as one character, not e and a combining accent)",
    };
  }
  if (problem.kind === "cdktf-token") {
    return {
      code: "KG1025",
      path,
      message: `${label} holds "{TfToken[" at character ${problem.index + 1}, the token syntax of the CDKTF library kgen writes modules with`,
      hint: "reword it: CDKTF would read it as a reference to one of its own values",
    };
  }
  return {
    code: "KG1024",
    path,
    message: `${label} holds the control or formatting character ${describeCharacter(problem.character)} at character ${problem.index + 1}`,
    hint: "remove it: spec text reaches HCL, READMEs, terminals and CI logs, where such characters hide or forge text",
  };
}
