/** The generated modules' README.md files, rendered from the handlebars templates in templates/. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { keyArnOutputName } from "../constructs/companion";
import { terraformIdentifier } from "../model/names";
import type { ExternalAccount, Key, Model, Share } from "../model/types";
import { KEY_USE_ACTION, KEY_USE_WHY, shareProfile } from "../permissions/catalogue";
import { METRICS_SID, TARGET_SIDS, sharePolicy } from "../permissions/policies";
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
    shares: shares.map((share) => ({ ...share, rows: grantRows(share, sharePolicy(model, share, keyInput)) })),
    tfDocs: terraformDocs(json),
  });
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

/**
 * A share's companion policy, one row per action with the client call it serves (the catalogue's
 * `why`); the statement's resources and condition on its first row.
 */
function grantRows(share: Share, document: PolicyDocument): Array<{ action: string; why: string; resources?: string[]; condition?: string }> {
  const { grants, keyUse } = shareProfile(share.profile);
  return document.Statement.flatMap((statement) =>
    statement.Action.map((action, index) => {
      const grant = grants.find((g) => (statement.Sid === METRICS_SID ? g.namespace !== undefined : TARGET_SIDS[g.on] === statement.Sid) && Object.hasOwn(g.why, action));
      const why = grant?.why[action] ?? (KEY_USE_ACTION[keyUse] === action ? KEY_USE_WHY[keyUse] : undefined);
      if (why === undefined) throw new Error(`internal: no reason for ${action} in share ${share.name}`);
      if (index > 0) return { action, why };
      return {
        action,
        why,
        resources: statement.Resource ?? [],
        condition: statement.Condition === undefined ? undefined : describeCondition(statement.Condition),
      };
    }),
  );
}

function describeCondition(condition: Condition): string {
  return Object.entries(condition)
    .flatMap(([operator, values]) =>
      Object.entries(values).map(([key, value]) => `\`${key}\` ${operator} ${[value].flat().map((v) => `\`${v}\``).join(" or ")}`),
    )
    .join(" and ");
}
