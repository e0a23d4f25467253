/**
 * Tags an entry carries: the spec-wide `tags` and its own (its own win on a shared key), and
 * for a registered consumer its stream's and its party's too. KMS, Kinesis and IAM each allow at
 * most 50 user tags per resource (KMS guide "tagging-keys", KDS API AddTagsToStream, IAM quotas
 * "Tags per IAM role"): more is an error here rather than at apply.
 */
import type { Report, SpecPath } from "./diagnostics";
import type { Spec, Tags } from "./types";

export const MAX_TAGS_PER_RESOURCE = 50;

/** Later maps win: `mergeTags(spec.tags, stream.tags)`. */
export function mergeTags(...maps: ReadonlyArray<Tags | undefined>): Tags {
  const merged: Tags = {};
  for (const tags of maps) {
    for (const [key, value] of Object.entries(tags ?? {})) Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

export function checkTags(spec: Spec, report: Report): void {
  const check = (tags: Tags, path: SpecPath, what: string): void => {
    const count = Object.keys(tags).length;
    if (count <= MAX_TAGS_PER_RESOURCE) return;
    report({
      code: "KG2045",
      path,
      message: `${what} would carry ${count} tags, the spec-wide ones included; AWS allows ${MAX_TAGS_PER_RESOURCE}`,
      hint: "drop some tags here or spec-wide",
    });
  };
  // Too many spec-wide tags are reported once, there, not on every resource.
  if (Object.keys(spec.tags).length > MAX_TAGS_PER_RESOURCE) return check(spec.tags, ["tags"], "every resource");
  for (const [name, key] of Object.entries(spec.keys)) {
    if (key.tags !== undefined) check(mergeTags(spec.tags, key.tags), ["keys", name, "tags"], `key "${name}"`);
  }
  for (const [name, stream] of Object.entries(spec.streams)) {
    if (stream.tags !== undefined) check(mergeTags(spec.tags, stream.tags), ["streams", name, "tags"], `stream "${name}"`);
  }
  for (const section of ["producers", "consumers"] as const) {
    for (const [name, party] of Object.entries(spec[section])) {
      if (party.tags !== undefined) check(mergeTags(spec.tags, party.tags), [section, name, "tags"], `the role of "${name}"`);
    }
  }
  if (spec.defaults?.tag_registered_consumers !== true) return;
  // Only the consumers kgen registers for `fan-out` parties carry a party's tags (shares have none).
  for (const [name, consumer] of Object.entries(spec.consumers)) {
    if (consumer.via !== "fan-out") continue;
    for (const stream of consumer.streams.filter((s) => Object.hasOwn(spec.streams, s))) {
      const tags = spec.streams[stream].tags;
      if (tags === undefined || consumer.tags === undefined) continue;
      check(mergeTags(spec.tags, tags, consumer.tags), ["consumers", name, "tags"], `the consumer "${name}" registers on "${stream}"`);
    }
  }
}
