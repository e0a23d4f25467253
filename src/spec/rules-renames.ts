/**
 * Rules for renaming entries (`renamed_from`) and for the names AWS knows them by (`aws_name`).
 * kgen turns each earlier name into `moved` blocks from the addresses it gave; Terraform rejects a
 * move from an address the configuration still declares, and two moves from one address, so every
 * earlier name must map to an identifier no current entry has and no other entry claims. A rename
 * that changed an AWS name would replace the resource anyway (Kinesis cannot rename a stream, IAM
 * cannot rename a role), so a renamed entry states the AWS name it keeps.
 */
import { terraformIdentifier } from "../model/names";
import type { Report, SpecPath } from "./diagnostics";
import type { Spec } from "./types";

type Section = "keys" | "streams" | "producers" | "consumers" | "shares";

interface Renamed {
  section: Section;
  name: string;
  renamedFrom?: readonly string[];
  awsName?: string;
}

export function checkRenames(spec: Spec, report: Report): void {
  const entries = (section: Section): Renamed[] =>
    Object.entries(spec[section]).map(([name, entry]) => ({
      section,
      name,
      renamedFrom: entry.renamed_from,
      awsName: "aws_name" in entry ? entry.aws_name : undefined,
    }));
  // The namespaces of Terraform identifiers (rules-names.ts): parties and shares share one.
  checkEarlierNames(entries("keys"), report);
  checkEarlierNames(entries("streams"), report);
  checkEarlierNames([...entries("producers"), ...entries("consumers"), ...entries("shares")], report);
  for (const section of ["streams", "producers", "consumers", "shares"] as const) {
    for (const entry of entries(section).filter((e) => e.renamedFrom !== undefined && e.awsName === undefined)) {
      report({
        code: "KG2042",
        path: [section, entry.name, "renamed_from"],
        message: `renaming ${what(section)} "${entry.name}" would change the AWS names made from its name, and Terraform would replace ${section === "streams" ? "the stream and lose its records" : "its resources"}`,
        hint: `add aws_name with the name it had in AWS (its earlier spec name, "${entry.renamedFrom?.[entry.renamedFrom.length - 1] ?? ""}", unless it had an aws_name)`,
      });
    }
  }
  checkAwsNames(spec, report);
}

/** Each earlier name: not a current entry's identifier, and claimed by one entry only. */
function checkEarlierNames(entries: readonly Renamed[], report: Report): void {
  const current = new Map<string, Renamed>();
  for (const entry of entries) if (!current.has(terraformIdentifier(entry.name))) current.set(terraformIdentifier(entry.name), entry);
  const claimed = new Map<string, { entry: Renamed; earlier: string }>();
  for (const entry of entries) {
    (entry.renamedFrom ?? []).forEach((earlier, index) => {
      const path: SpecPath = [entry.section, entry.name, "renamed_from", index];
      const identifier = terraformIdentifier(earlier);
      const existing = current.get(identifier);
      if (existing !== undefined) {
        const same = existing.name === earlier ? `"${earlier}"` : `"${existing.name}", which has the same Terraform identifier "${identifier}",`;
        report({
          code: "KG2040",
          path,
          message:
            existing === entry
              ? `"${earlier}" has the Terraform identifier of "${entry.name}" itself ("${identifier}"): nothing moves`
              : `${what(existing.section)} ${same} is still in the spec; renamed_from lists names the spec no longer has`,
          hint: existing === entry ? "remove it from renamed_from" : `list only earlier names of "${entry.name}", or rename "${existing.name}"`,
        });
        return;
      }
      const other = claimed.get(identifier);
      if (other !== undefined) {
        report({
          code: "KG2041",
          path,
          message:
            other.entry === entry
              ? `"${earlier}" and "${other.earlier}" have one Terraform identifier ("${identifier}")`
              : `${what(other.entry.section)} "${other.entry.name}" already lists "${other.earlier}" (identifier "${identifier}") in renamed_from`,
          hint: "an earlier name's resources can move to one entry only; keep it in one renamed_from list, once",
        });
        return;
      }
      claimed.set(identifier, { entry, earlier });
    });
  }
}

interface AwsNamed {
  section: Section;
  name: string;
  awsName?: string;
  /** Names need only be unique within a group: a stream type, a share's account. */
  group: string;
}

/** Two entries whose AWS resources would have one name: streams of a type, party roles, share policies. */
function checkAwsNames(spec: Spec, report: Report): void {
  const check = (entries: readonly AwsNamed[], why: string): void => {
    const first = new Map<string, string>();
    // Entries without aws_name claim their own names first: a clash is reported at an aws_name.
    const ordered = [...entries.filter((e) => e.awsName === undefined), ...entries.filter((e) => e.awsName !== undefined)];
    for (const { section, name, awsName, group } of ordered) {
      const key = `${group}\u0000${awsName ?? name}`;
      const other = first.get(key);
      if (other === undefined) {
        first.set(key, name);
        continue;
      }
      report({
        code: "KG2043",
        path: awsName === undefined ? [section, name] : [section, name, "aws_name"],
        message: `${what(section)} "${name}" would have the AWS name "${awsName ?? name}" of "${other}": ${why}`,
        hint: "give each entry its own aws_name",
      });
    }
  };
  check(
    Object.entries(spec.streams).map(([name, s]) => ({ section: "streams", name, awsName: s.aws_name, group: s.type })),
    "Kinesis names each stream once per account and Region",
  );
  // Parties name IAM roles and policies MODULE-NAME; one spec name in both sections is KG2005.
  check(
    [
      ...Object.entries(spec.producers).map(([name, p]): AwsNamed => ({ section: "producers", name, awsName: p.aws_name, group: "" })),
      ...Object.entries(spec.consumers)
        .filter(([name]) => !Object.hasOwn(spec.producers, name))
        .map(([name, c]): AwsNamed => ({ section: "consumers", name, awsName: c.aws_name, group: "" })),
    ],
    "both would have one IAM role and policy name",
  );
  check(
    Object.entries(spec.shares).map(([name, s]) => ({ section: "shares", name, awsName: s.aws_name, group: spec.accounts[s.account] ?? s.account })),
    "both would have one IAM policy name in the companion module",
  );
}

function what(section: Section): string {
  return { keys: "key", streams: "stream", producers: "producer", consumers: "consumer", shares: "share" }[section];
}
