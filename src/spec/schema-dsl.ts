/**
 * A small typed schema language for the spec's shape. One definition (schema.ts) drives three
 * things that must never disagree: the loader's checks (conform.ts), the draft-07 JSON Schema
 * editors use (json-schema.ts), and — through `Infer` — a compile-time check against types.ts.
 *
 * Nodes are plain data; the builders below only fill them in and keep literal types
 * (`choice(["data", "video"])` infers `"data" | "video"`).
 */

interface Documented {
  /** Shown in editors and in `kgen schema`; every node has one. */
  readonly description: string;
  /** What to do when the value is wrong; becomes the diagnostic's hint. */
  readonly hint?: string;
  /** Names the value in messages: `invalid stream name "a b"`; default: the field's name. */
  readonly label?: string;
}

export interface StringNode<T extends string = string> extends Documented {
  readonly kind: "string";
  readonly enum?: readonly T[];
  /** ECMA-262 syntax without flags, so the JSON Schema can carry it unchanged. */
  readonly pattern?: RegExp;
  /** The pattern in words, for messages: `1-128 letters, digits, "_", "." or "-"`. */
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  /**
   * YAML reads an unquoted 123456789012 as a number; account ids accept that and keep the
   * written digits. An unquoted id with a leading zero has already lost it, so it must be quoted.
   */
  readonly acceptsUnquotedAccountId?: boolean;
  /** Free text that may span lines (tabs and newlines allowed); see spec-text.ts. */
  readonly multiline?: boolean;
}

export interface IntegerNode<T extends number = number> extends Documented {
  readonly kind: "integer";
  readonly values?: readonly T[];
  readonly min?: number;
  readonly max?: number;
}

/** `true` or `false`, as YAML writes them. */
export interface BooleanNode extends Documented {
  readonly kind: "boolean";
}

export interface ListNode<I extends SchemaNode = SchemaNode> extends Documented {
  readonly kind: "list";
  readonly items: I;
  readonly minItems?: number;
  readonly unique?: boolean;
}

/** Entries the user names (`streams: {MyStream: ...}`); keys are checked by `key`. */
export interface MapNode<V extends SchemaNode = SchemaNode> extends Documented {
  readonly kind: "map";
  readonly key: StringNode;
  readonly values: V;
}

/** Fixed fields; anything else is an unknown field. */
export interface ObjectNode<F extends Fields = Fields> extends Documented {
  readonly kind: "object";
  readonly fields: F;
  /** Exactly one of these two fields must be present (a role is created or existing). */
  readonly exactlyOne?: readonly [string, string];
  /**
   * With `exactlyOne`: neither may be written either, where the rules decide what that means (a
   * role that only sets controls for the role kgen creates from a party's default trust).
   */
  readonly orNeither?: true;
  /** At most one of these fields may be written (a party's `role`, `user` and `group`). */
  readonly exclusive?: readonly string[];
}

export type SchemaNode = StringNode | IntegerNode | BooleanNode | ListNode | MapNode | ObjectNode;

/**
 * A condition on a sibling field's value. An absent sibling counts as its default, so
 * `{ field: "type", is: ["data"] }` holds when `type` is omitted and defaults to data.
 * `{ field: "arn", absent: true }` holds when `arn` is not written (an existing key has no alias).
 */
export type SiblingCondition =
  | { readonly field: string; readonly is: readonly string[]; readonly absent?: undefined }
  | { readonly field: string; readonly absent: true; readonly is?: undefined };

export type Presence = "required" | "optional" | "defaulted";

export interface Field<N extends SchemaNode = SchemaNode, P extends Presence = Presence> {
  readonly node: N;
  readonly presence: P;
  /** Set exactly when presence is "defaulted"; the loader fills it in for an absent field. */
  readonly default?: unknown;
  /** The field may be written only when the condition holds (e.g. `shards` needs provisioned). */
  readonly onlyWhen?: SiblingCondition;
  /** The field must be written when the condition holds. */
  readonly requiredWhen?: SiblingCondition;
}

export type Fields = Readonly<Record<string, Field>>;

/** The TypeScript value a node describes, with defaults applied. */
export type Infer<N> =
  N extends StringNode<infer T>
    ? T
    : N extends IntegerNode<infer T>
      ? T
      : N extends BooleanNode
        ? boolean
      : N extends ListNode<infer I>
        ? Infer<I>[]
        : N extends MapNode<infer V>
          ? { [name: string]: Infer<V> }
          : N extends ObjectNode<infer F>
            ? InferFields<F>
            : never;

type OptionalKeys<F> = { [K in keyof F]: F[K] extends { presence: "optional" } ? K : never }[keyof F];
type Flatten<T> = { [K in keyof T]: T[K] };
type InferFields<F extends Fields> = Flatten<
  { -readonly [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]["node"]> } & {
    -readonly [K in OptionalKeys<F>]?: Infer<F[K]["node"]>;
  }
>;

type StringOptions = Omit<StringNode, "kind" | "description" | "enum">;
type IntegerOptions = Omit<IntegerNode, "kind" | "description" | "values">;
type Conditions = Pick<Field, "onlyWhen" | "requiredWhen">;

export function text(description: string, options: StringOptions = {}): StringNode<string> {
  return { kind: "string", description, ...options };
}

export function choice<const T extends string>(
  values: readonly T[],
  description: string,
  options: Omit<StringOptions, "pattern" | "format"> = {},
): StringNode<T> {
  return { kind: "string", description, enum: values, ...options };
}

export function integer(description: string, options: IntegerOptions = {}): IntegerNode<number> {
  return { kind: "integer", description, ...options };
}

export function integerChoice<const T extends number>(
  values: readonly T[],
  description: string,
  options: Omit<IntegerOptions, "min" | "max"> = {},
): IntegerNode<T> {
  return { kind: "integer", description, values, ...options };
}

export function flag(description: string, options: Omit<BooleanNode, "kind" | "description"> = {}): BooleanNode {
  return { kind: "boolean", description, ...options };
}

export function list<I extends SchemaNode>(
  items: I,
  description: string,
  options: Omit<ListNode, "kind" | "description" | "items"> = {},
): ListNode<I> {
  return { kind: "list", items, description, ...options };
}

export function map<V extends SchemaNode>(key: StringNode, values: V, description: string): MapNode<V> {
  return { kind: "map", key, values, description };
}

export function object<F extends Fields>(
  label: string,
  description: string,
  fields: F,
  options: Pick<ObjectNode, "exactlyOne" | "orNeither" | "exclusive" | "hint"> = {},
): ObjectNode<F> {
  return { kind: "object", label, description, fields, ...options };
}

export function required<N extends SchemaNode>(node: N, conditions: Conditions = {}): Field<N, "required"> {
  return { node, presence: "required", ...conditions };
}

export function optional<N extends SchemaNode>(node: N, conditions: Conditions = {}): Field<N, "optional"> {
  return { node, presence: "optional", ...conditions };
}

export function defaulted<N extends SchemaNode>(
  node: N,
  value: Infer<N>,
  conditions: Conditions = {},
): Field<N, "defaulted"> {
  return { node, presence: "defaulted", default: value, ...conditions };
}

/** The value an absent sibling stands for, as the conditions above compare it. */
export function effectiveDefault(fields: Fields, name: string): string | undefined {
  const field = fields[name];
  return typeof field?.default === "string" ? field.default : undefined;
}
