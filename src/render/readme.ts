/** The generated modules' README.md files, rendered from the Handlebars templates in templates/ (precompiled by the build). */
import Handlebars from "handlebars/runtime";
import { keyArnOutputName } from "../constructs/companion";
import { REQUIRED_TERRAFORM_VERSION, awsProviderFloor, requiredAwsProviderVersion } from "../constructs/provider-requirements";
import { requestingPrincipal } from "../model/arns";
import { keyPolicyStatementsFile, outputNames, terraformIdentifier } from "../model/names";
import type { ExternalAccount, Key, Model, Share } from "../model/types";
import { KEY_USE_ACTION, KEY_USE_WHY, shareProfile } from "../permissions/catalogue";
import { METRICS_SID, TARGET_SIDS, keyScopesOf, sharePolicy } from "../permissions/policies";
import type { Condition, PolicyDocument } from "../permissions/policy-document";
import { keyPolicyHandOver } from "../permissions/resource-policies";
import { importTargets } from "../state/imports";
import { accessSummary } from "./access-summary";
import { printFile, quote, type Block } from "./hcl";
import { codeSpan, inlineText, tableCell } from "./markdown";
import { mermaidDiagram } from "./diagram";
import type { TerraformJson } from "./from-terraform-json";
import { templates } from "./readme-templates";
import { terraformDocs } from "./tf-docs";

/**
 * The templates' only way to a value: one helper per Markdown context (markdown.ts), plus HCL
 * for the usage example. `markdown` passes through what readme.ts rendered with those same
 * functions (the diagram, the terraform-docs tables); test/render/readme-text.test.ts checks
 * that no template prints a value any other way.
 */
const handlebars = Handlebars.create();
const helpers: Record<string, (value: unknown) => string> = {
  text: (value) => inlineText(String(value)),
  code: (value) => codeSpan(String(value)),
  cell: (markdown) => tableCell(String(markdown)),
  cellText: (value) => tableCell(inlineText(String(value))),
  cellCode: (value) => tableCell(codeSpan(String(value))),
  markdown: (markdown) => String(markdown),
  hcl: (value) => quote(String(value)),
  hclName: (value) => {
    // Module, output and account names: kgen validated them to these characters.
    if (!/^[A-Za-z0-9_.-]+$/.test(String(value))) throw new Error(`internal: ${JSON.stringify(value)} is not a plain name`);
    return String(value);
  },
};
for (const [name, helper] of Object.entries(helpers)) handlebars.registerHelper(name, helper);

const loaded = new Map<string, HandlebarsTemplateDelegate>();

/** A template of templates/, as the build precompiled it (readme-templates.d.ts). */
function template(name: string): HandlebarsTemplateDelegate {
  let found = loaded.get(name);
  if (found === undefined) {
    const precompiled = templates[name];
    if (precompiled === undefined) throw new Error(`internal: template ${name} was not precompiled; run npm run build`);
    found = handlebars.template(precompiled);
    loaded.set(name, found);
  }
  return found;
}

export function renderOwnerReadme(model: Model, json: TerraformJson): string {
  const groupMembers = [...new Set(model.parties.filter((party) => party.role.kind === "group").map((party) => requestingPrincipal(party.role)))];
  return template("module-readme.md.hbs")({
    diagram: mermaidDiagram(model),
    requirements: requirements(json),
    tfDocs: terraformDocs(json),
    name: model.name,
    moduleIdentifier: terraformIdentifier(model.name),
    source: `./modules/${model.name}`,
    owner: model.owner,
    keys: model.keys.filter((key) => key.existing === undefined),
    existingKeys: existingKeysOf(model),
    // renamedInAws: a stream renamed in the spec keeps its AWS name, and the tables say which.
    streams: model.streams.map((stream) => ({ ...stream, renamedInAws: stream.awsName !== stream.name, encryption: describeEncryption(stream.encryption) })),
    videoStreams: model.videoStreams.map((stream) => ({
      ...stream,
      renamedInAws: stream.awsName !== stream.name,
      encryption: describeEncryption(stream.encryption, "video"),
    })),
    unencrypted: model.streams.filter((s) => s.encryption.kind === "none").map((s) => s.name),
    parties: model.parties.map((party) => ({
      name: party.name,
      kind: party.kind === "producer" ? party.profile : `consumer (${party.profile})`,
      streams: party.streams,
      role: party.role.kind === "created" ? party.role.name : party.role.arn,
      roleKind: party.role.kind,
    })),
    policyNames: `${model.name}-PARTY`,
    groups: groupMembers,
    groupsOne: groupMembers.length === 1,
    access: accessSummary(model),
    importBlocks: importBlocks(model),
    externalAccounts: model.externalAccounts.map((external) => ({
      ...external,
      shares: model.shares.filter((share) => external.shares.includes(share.name)),
    })),
  });
}

export function renderCompanionReadme(model: Model, external: ExternalAccount, json: TerraformJson): string {
  const shares = model.shares.filter((share) => external.shares.includes(share.name));
  // An existing key is named by its ARN, which the companion writes as it is: no input.
  const keyInput = (key: Key): string => key.existing?.arn ?? `var.${keyArnOutputName(key)}`;
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
    source: `./modules/${external.moduleName}`,
    wiring: inputs.map((input) => `${input} = module.${terraformIdentifier(model.name)}.${input}`).join(", "),
    account: external.account,
    inputs,
    shares: shares.map((share) => ({ ...share, rows: grantRows(share, sharePolicy(model, share, keyInput)) })),
    existingKeys: companionExistingKeys(model, shares),
    requirements: requirements(json),
    tfDocs: terraformDocs(json),
  });
}

/** The versions the module needs, and what in it needs that provider release. */
function requirements(json: TerraformJson): { terraform: string; aws: string; feature: string } {
  return { terraform: REQUIRED_TERRAFORM_VERSION, aws: requiredAwsProviderVersion(json), feature: awsProviderFloor(json).feature };
}

/** The existing keys of the shared streams: the share reads nothing until their owners add the statements. */
function companionExistingKeys(model: Model, shares: readonly Share[]): Array<Record<string, string>> {
  const keys = new Set(keyScopesOf(model, shares.flatMap((share) => share.streams)).map(({ key }) => key));
  return [...keys].flatMap((key) =>
    key.existing === undefined ? [] : [{ name: key.name, arn: key.existing.arn, account: key.existing.account, file: keyPolicyStatementsFile(key) }],
  );
}

/** What the README tells the owner of each existing key: where the statements are, and who they are for. */
function existingKeysOf(model: Model): Array<Record<string, unknown>> {
  return model.keys.flatMap((key) => {
    if (key.existing === undefined) return [];
    const statements = keyPolicyHandOver(model, key).Statement;
    return [
      {
        name: key.name,
        arn: key.existing.arn,
        account: key.existing.account,
        crossAccount: key.existing.account !== model.owner.account,
        file: keyPolicyStatementsFile(key),
        output: outputNames.keyPolicyStatements(key.id),
        statements: statements.map((statement) => ({ sid: statement.Sid, action: statement.Action.join(", "), principals: statement.Principal?.AWS ?? [] })),
      },
    ];
  });
}

function describeEncryption(encryption: Model["streams"][number]["encryption"], type: "data" | "video" = "data"): string {
  switch (encryption.kind) {
    case "customer-managed":
      return `KMS key ${codeSpan(encryption.key)}`;
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
      Object.entries(values).map(([key, value]) => `${codeSpan(key)} ${inlineText(operator)} ${[value].flat().map(codeSpan).join(" or ")}`),
    )
    .join(" and ");
}

/**
 * The `import` blocks that adopt the module's existing streams and keys (state/imports.ts), for
 * the root module that calls it as the README's usage example does; printed by the HCL printer,
 * with the command that finds an ID AWS chose as a comment above its block.
 */
function importBlocks(model: Model): string {
  const blocks = importTargets(model).map(
    (target): Block => ({
      kind: "block",
      type: "import",
      labels: [],
      ...(target.lookup === undefined ? {} : { comment: `${target.placeholder ?? ""}: ${target.lookup}` }),
      body: [
        { kind: "attribute", name: "to", value: { kind: "raw", text: `module.${terraformIdentifier(model.name)}.${target.address}` } },
        { kind: "attribute", name: "id", value: { kind: "literal", value: target.id ?? target.placeholder ?? "" } },
      ],
    }),
  );
  return printFile(blocks).trimEnd();
}
