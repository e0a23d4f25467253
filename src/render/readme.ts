/** The generated module's README.md, rendered from templates/module-readme.md.hbs. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import type { Model } from "../model/types";
import { terraformIdentifier } from "../model/names";
import type { PolicyDocument } from "../permissions/policy-document";

const TEMPLATE_FILE = join(__dirname, "..", "..", "templates", "module-readme.md.hbs");

export interface PartyAccess {
  party: string;
  document: PolicyDocument;
}

export interface OutputSummary {
  name: string;
  description: string;
}

let compiled: HandlebarsTemplateDelegate | undefined;

export function renderReadme(model: Model, access: readonly PartyAccess[], outputs: readonly OutputSummary[]): string {
  compiled ??= Handlebars.compile(readFileSync(TEMPLATE_FILE, "utf8"), { noEscape: true, strict: true });
  return compiled({
    name: model.name,
    moduleIdentifier: terraformIdentifier(model.name),
    owner: model.owner,
    keys: model.keys,
    streams: model.streams.map((stream) => ({
      ...stream,
      encryption:
        stream.encryption.kind === "customer-managed"
          ? `KMS key \`${stream.encryption.key}\``
          : stream.encryption.kind === "aws-managed"
            ? "AWS-managed key `alias/aws/kinesis`"
            : "**none**",
    })),
    warnings: model.streams
      .filter((stream) => stream.encryption.kind === "none")
      .map((stream) => `\`${stream.name}\` is not encrypted at rest.`),
    parties: model.parties.map((party) => ({
      name: party.name,
      kind: party.kind === "producer" ? "producer" : `consumer (${party.profile})`,
      streams: party.streams,
      role: party.role.kind === "created" ? `\`${party.role.name}\` (created)` : `\`${party.role.arn}\` (existing)`,
    })),
    access: access.map(({ party, document }) => ({
      party,
      statements: document.Statement.map((statement) => ({
        actions: statement.Action,
        resources: statement.Resource ?? [],
        condition: statement.Condition === undefined ? undefined : describeCondition(statement.Condition),
      })),
    })),
    outputs,
  });
}

function describeCondition(condition: NonNullable<PolicyDocument["Statement"][number]["Condition"]>): string {
  return Object.entries(condition)
    .flatMap(([operator, values]) =>
      Object.entries(values).map(([key, value]) => `\`${key}\` ${operator} ${[value].flat().map((v) => `\`${v}\``).join(" or ")}`),
    )
    .join(" and ");
}
