/**
 * The policy bundle of one spec, as files: every generated policy as a JSON document, the
 * reference policy of every kind, the deny lists, a manifest tying each policy to its Terraform
 * address and its checks, the script that runs the checks with the AWS CLI, and a README. Same
 * model in, byte-identical files out.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { counted } from "../english";
import type { Model } from "../model/types";
import { CHECK_ACTIONS } from "./access-analyzer";
import { accessArguments, denyLists, type DenyList, type DenyListName } from "./deny-lists";
import { exportedPolicies, type ExportedPolicy } from "./documents";
import { referencePolicies, type PolicyKind, type ReferencePolicy } from "./references";

/** The manifest's format: check.sh refuses a manifest of another. */
export const MANIFEST_FORMAT = 1;
export const MANIFEST_FILE_NAME = "manifest.json";
export const CHECK_SCRIPT_NAME = "check.sh";

const TEMPLATES_DIR = join(__dirname, "..", "..", "templates");

/** File names kgen writes into a bundle folder, and no other: the CLI tells a bundle from a module by them. */
export function isBundleFileName(name: string): boolean {
  return [MANIFEST_FILE_NAME, CHECK_SCRIPT_NAME, "README.md"].includes(name) || /^(policy|reference|deny)\.[A-Za-z0-9_.-]+\.json$/.test(name);
}

export interface PolicyBundle {
  /** The folder name: the spec's name, as for its owner module. */
  name: string;
  files: ReadonlyMap<string, string>;
  policies: number;
  references: number;
  denyLists: number;
}

export function policyBundle(model: Model): PolicyBundle {
  const { policies, placeholders } = exportedPolicies(model);
  const references = referencePolicies(model.owner);
  const lists = denyLists().map((list) => ({ list, files: denyListFiles(list) }));
  const files = new Map<string, string>();
  const referenceFile = (kind: PolicyKind): string => `reference.${kind}.json`;
  const denyFiles = new Map(lists.map(({ list, files: named }) => [list.name, [...named.keys()]]));
  const byKind = new Map(references.map((reference) => [reference.kind, reference]));

  const entries = policies.map((policy) => {
    const reference = byKind.get(policy.kind);
    if (reference === undefined) throw new Error(`internal: no reference policy for kind ${policy.kind}`);
    const file = policyFileName(policy.module, policy.address);
    if (files.has(file)) throw new Error(`internal: two policies would be written to ${file}`);
    files.set(file, json(policy.document));
    return manifestEntry(policy, file, referenceFile(policy.kind), reference.denyList === undefined ? [] : (denyFiles.get(reference.denyList) ?? []));
  });
  for (const reference of references) files.set(referenceFile(reference.kind), json(reference.document));
  for (const { files: named } of lists) for (const [name, content] of named) files.set(name, content);
  files.set(
    MANIFEST_FILE_NAME,
    json({
      format: MANIFEST_FORMAT,
      spec: model.name,
      owner: { partition: model.owner.partition, region: model.owner.region, account: model.owner.account },
      placeholders,
      policies: entries,
      references: references.map((reference) => ({ file: referenceFile(reference.kind), kind: reference.kind, policyType: reference.policyType, ceilingOf: reference.ceilingOf })),
      denyLists: lists.map(({ list, files: named }) => ({
        name: list.name,
        holders: list.holders,
        files: [...named.keys()],
        actions: list.actions.map((action) => ({ action, why: list.why[action] })),
      })),
    }),
  );
  files.set(CHECK_SCRIPT_NAME, readFileSync(join(TEMPLATES_DIR, "access-analyzer-check.sh"), "utf8"));
  const used = new Set(policies.map((policy) => byKind.get(policy.kind)?.denyList));
  const usedLists = lists.map(({ list }) => list.name).filter((name) => used.has(name));
  files.set("README.md", readme(model, entries, references, usedLists));
  return { name: model.name, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))), policies: policies.length, references: references.length, denyLists: lists.length };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `deny.writer.json`, or `deny.writer.1.json`, `deny.writer.2.json` for a list that takes several calls. */
function denyListFiles(list: DenyList): Map<string, string> {
  const calls = accessArguments(list.actions);
  return new Map(calls.map((access, index) => [calls.length === 1 ? `deny.${list.name}.json` : `deny.${list.name}.${index + 1}.json`, json(access)]));
}

/**
 * `policy.<module>.<address>.json`. Addresses come from spec names, up to a few hundred
 * characters: a name longer than most file systems like is cut, and ends in a digest of the whole.
 */
const MAX_FILE_NAME = 150;

export function policyFileName(module: string, address: string): string {
  const name = `policy.${module}.${address}.json`;
  if (name.length <= MAX_FILE_NAME) return name;
  const digest = createHash("sha256").update(`${module} ${address}`).digest("hex").slice(0, 12);
  return `${name.slice(0, MAX_FILE_NAME - digest.length - ".json".length - 1)}-${digest}.json`;
}

interface ManifestEntry {
  file: string;
  module: string;
  address: string;
  attribute: string;
  description: string;
  kind: PolicyKind;
  policyType: string;
  principals: readonly string[] | null;
  resource: string | null;
  publicAccessResourceType: string | null;
  validationResourceType: string | null;
  reference: string;
  denyLists: string[];
}

/** Every key always present (null when it does not apply), in this order. */
function manifestEntry(policy: ExportedPolicy, file: string, reference: string, denyLists: string[]): ManifestEntry {
  return {
    file,
    module: policy.module,
    address: policy.address,
    attribute: policy.attribute,
    description: policy.description,
    kind: policy.kind,
    policyType: policy.policyType,
    principals: policy.principals ?? null,
    resource: policy.resource ?? null,
    publicAccessResourceType: policy.publicAccessResourceType ?? null,
    validationResourceType: policy.validationResourceType ?? null,
    reference,
    denyLists,
  };
}

/** How many calls one run of check.sh makes: ValidatePolicy is free; the custom checks are billed per call. */
function callCounts(entries: readonly ManifestEntry[]): { validate: number; custom: number } {
  const custom = entries.reduce((sum, entry) => sum + 1 + entry.denyLists.length + (entry.publicAccessResourceType === null ? 0 : 1), 0);
  return { validate: entries.length, custom };
}

function readme(model: Model, entries: readonly ManifestEntry[], references: readonly ReferencePolicy[], lists: readonly DenyListName[]): string {
  const calls = callCounts(entries);
  const rows = entries.map((entry) => {
    const checks = ["validate", "no new access", ...(entry.denyLists.length > 0 ? ["access not granted"] : []), ...(entry.publicAccessResourceType === null ? [] : ["no public access"])];
    return `| \`${entry.file}\` | \`${entry.module}\` | \`${entry.address}\` | ${entry.policyType === "IDENTITY_POLICY" ? "identity" : "resource"} | \`${entry.kind}\` | ${checks.join(", ")} |`;
  });
  return [
    `# Policies of ${model.name}, for IAM Access Analyzer`,
    "",
    `Written by \`kgen export-policies\` from the spec of module \`${model.name}\`: edit the spec, not these files.`,
    "",
    `${counted(entries.length, "policy", "policies")} kgen generates in the owner module and its companion modules, each as the JSON`,
    "document Terraform applies (with the placeholders of `manifest.json` where AWS assigns an ARN at",
    `apply time); ${counted(references.length, "reference policy", "reference policies")}, the most each kind of policy may ever allow;`,
    `and the deny lists (${lists.map((list) => `\`${list}\``).join(", ")}) of what each kind must never hold.`,
    "",
    "Run the checks in your account (needs bash, jq and the AWS CLI, with credentials allowed",
    `${CHECK_ACTIONS.map((action) => `\`${action}\``).join(", ")}):`,
    "",
    "```sh",
    "bash check.sh                     # exit 0: every check passed; 1: a check failed; 2: could not check",
    "bash check.sh --trusted ../base   # references and deny lists from your default branch's copy",
    "```",
    "",
    `One run makes ${counted(calls.validate, "ValidatePolicy call")} and ${counted(calls.custom, "custom policy check")}`,
    "(CheckNoNewAccess, CheckAccessNotGranted, CheckNoPublicAccess), which IAM Access Analyzer bills per call.",
    "",
    "| file | module | address | type | kind | checks |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
