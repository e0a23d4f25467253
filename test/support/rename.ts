/**
 * A spec with every key, stream, producer, consumer and share renamed the way the README says
 * to: a new spec name, the old one in `renamed_from`, and (except keys) the AWS name kept in
 * `aws_name`. References follow the new names. An existing key (`arn`) has nothing in the module
 * to move: it is renamed without `renamed_from`, which kgen refuses next to `arn` (KG1019).
 */
import { parse, stringify } from "yaml";

type Entries = Record<string, Record<string, unknown>>;

export function renameEverything(text: string, suffix = "-renamed"): string {
  const spec = parse(text) as Record<string, unknown>;
  const renamed = (name: string): string => `${name}${suffix}`;
  const renameSection = (section: string, keepAwsName: boolean): void => {
    const entries = (spec[section] ?? {}) as Entries;
    spec[section] = Object.fromEntries(
      Object.entries(entries).map(([name, entry]) => [
        renamed(name),
        {
          ...entry,
          ...(keepAwsName ? { aws_name: entry.aws_name ?? name } : {}),
          ...(section === "keys" && entry.arn !== undefined ? {} : { renamed_from: [...((entry.renamed_from as string[] | undefined) ?? []), name] }),
        },
      ]),
    );
  };
  const keys = new Set(Object.keys((spec.keys ?? {}) as Entries));
  renameSection("keys", false);
  renameSection("streams", true);
  for (const stream of Object.values(spec.streams as Entries)) {
    if (typeof stream.encryption === "string" && keys.has(stream.encryption)) stream.encryption = renamed(stream.encryption);
  }
  for (const section of ["producers", "consumers", "shares"]) {
    renameSection(section, true);
    for (const entry of Object.values((spec[section] ?? {}) as Entries)) entry.streams = (entry.streams as string[]).map(renamed);
  }
  return stringify(spec);
}
