/**
 * A validated spec as a user would have written it. Validation fills in every default, also for
 * fields that do not apply: an existing key's rotation_days, deletion_window_days and
 * administrators, a video stream's capacity (types.ts: "filled in and ignored"). Written back as
 * YAML, those would break the rule that such fields may not be written (KG1019), so a spec from
 * `validateSpec` given to KinesisAccess, which checks its spec as YAML, failed. Here they are
 * taken out again, when they still hold their default; everything else is kept as it is.
 */
import { specSchema } from "./schema";
import { effectiveDefault, type SchemaNode, type SiblingCondition } from "./schema-dsl";
import { recordFromEntries } from "./records";

export function asWritten(value: unknown, node: SchemaNode = specSchema): unknown {
  if (node.kind === "list") return Array.isArray(value) ? value.map((item) => asWritten(item, node.items)) : value;
  if (!isObject(value)) return value;
  if (node.kind === "map") return recordFromEntries(Object.entries(value).map(([name, entry]) => [name, asWritten(entry, node.values)]));
  if (node.kind !== "object") return value;
  const holds = (condition: SiblingCondition): boolean => {
    if (condition.absent === true) return value[condition.field] === undefined;
    const sibling = value[condition.field] ?? effectiveDefault(node.fields, condition.field);
    return typeof sibling === "string" && condition.is.includes(sibling);
  };
  return recordFromEntries(
    Object.entries(value).flatMap(([name, entry]): Array<[string, unknown]> => {
      const field = node.fields[name];
      if (field === undefined) return [[name, entry]];
      const filledIn = field.presence === "defaulted" && field.onlyWhen !== undefined && !holds(field.onlyWhen) && sameData(entry, field.default);
      return filledIn ? [] : [[name, asWritten(entry, field.node)]];
    }),
  );
}

/** Spec values are plain data (text, numbers, lists, maps); compared as such, whatever made them. */
function sameData(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
