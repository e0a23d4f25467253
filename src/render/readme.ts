/** The generated modules' README.md files, rendered from the handlebars templates in templates/. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { keyArnOutputName } from "../constructs/companion";
import { REQUIRED_TERRAFORM_VERSION, awsProviderFloor, requiredAwsProviderVersion } from "../constructs/provider-requirements";
import { terraformIdentifier } from "../model/names";
import type { ExternalAccount, Key, Model } from "../model/types";
import { sharePolicy } from "../permissions/policies";
import type { Condition, PolicyDocument } from "../permissions/policy-document";
import { accessSummary } from "./access-summary";
import { mermaidDiagram } from "./diagram";
import type { TerraformJson } from "./from-terraform-json";
import { terraformDocs } from "./tf-docs";

const TEMPLATES_DIR = join(__dirname, "..", "..", "templates");

const compiled = new Map<string, HandlebarsTemplateDelegate>();

function template(name: string): HandlebarsTemplateDelegate {
  let found = compiled.get(name);
  if (found === undefined) {
    found = Handlebars.compile(readFileSync(join(TEMPLATES_DIR, name), "utf8"), { noEscape: true, strict: true });
    compiled.set(name, found);
  }
  return found;
}

export function renderOwnerReadme(model: Model, json: TerraformJson): string {
  return template("module-readme.md.hbs")({
    diagram: mermaidDiagram(model),
    requirements: requirements(json),
    tfDocs: terraformDocs(json),
    name: model.name,
    moduleIdentifier: terraformIdentifier(model.name),
    owner: model.owner,
    keys: model.keys,
    streams: model.streams.map((stream) => ({ ...stream, encryption: describeEncryption(stream.encryption) })),
    videoStreams: model.videoStreams.map((stream) => ({ ...stream, encryption: describeEncryption(stream.encryption, "video") })),
    warnings: model.streams.filter((s) => s.encryption.kind === "none").map((s) => `\`${s.name}\` is not encrypted at rest.`),
    parties: model.parties.map((party) => ({
      name: party.name,
      kind: party.kind === "producer" ? party.profile : `consumer (${party.profile})`,
      streams: party.streams,
      role: party.role.kind === "created" ? `\`${party.role.name}\` (created)` : `\`${party.role.arn}\` (existing)`,
    })),
    access: accessSummary(model),
    externalAccounts: model.externalAccounts.map((external) => ({
      ...external,
      shares: model.shares.filter((share) => external.shares.includes(share.name)),
    })),
  });
}

export function renderCompanionReadme(model: Model, external: ExternalAccount, json: TerraformJson): string {
  const shares = model.shares.filter((share) => external.shares.includes(share.name));
  const keyInput = (key: Key): string => `var.${keyArnOutputName(key)}`;
  const inputs = [...new Set(shares.flatMap((share) => sharePolicy(model, share, keyInput).Statement.flatMap((s) => s.Resource ?? [])))]
    .filter((resource) => resource.startsWith("var."))
    .map((reference) => reference.slice("var.".length))
    .sort();
  return template("companion-readme.md.hbs")({
    owner: model.name,
    ownerIdentifier: terraformIdentifier(model.name),
    ownerAccount: model.owner.account,
    moduleName: external.moduleName,
    moduleIdentifier: terraformIdentifier(external.moduleName),
    account: external.account,
    inputs,
    shares: shares.map((share) => ({ ...share, statements: statementRows(sharePolicy(model, share, keyInput)) })),
    requirements: requirements(json),
    tfDocs: terraformDocs(json),
  });
}

/** The versions the module needs, and what in it needs that provider release. */
function requirements(json: TerraformJson): { terraform: string; aws: string; feature: string } {
  return { terraform: REQUIRED_TERRAFORM_VERSION, aws: requiredAwsProviderVersion(json), feature: awsProviderFloor(json).feature };
}

function describeEncryption(encryption: Model["streams"][number]["encryption"], type: "data" | "video" = "data"): string {
  switch (encryption.kind) {
    case "customer-managed":
      return `KMS key \`${encryption.key}\``;
    case "aws-managed":
      return type === "data" ? "AWS-managed key `alias/aws/kinesis`" : "AWS-managed Kinesis Video key";
    case "none":
      return "**none**";
  }
}

function statementRows(document: PolicyDocument): Array<{ actions: string[]; resources: string[]; condition?: string }> {
  return document.Statement.map((statement) => ({
    actions: statement.Action,
    resources: statement.Resource ?? [],
    condition: statement.Condition === undefined ? undefined : describeCondition(statement.Condition),
  }));
}

function describeCondition(condition: Condition): string {
  return Object.entries(condition)
    .flatMap(([operator, values]) =>
      Object.entries(values).map(([key, value]) => `\`${key}\` ${operator} ${[value].flat().map((v) => `\`${v}\``).join(" or ")}`),
    )
    .join(" and ");
}
