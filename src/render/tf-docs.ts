/**
 * The Requirements / Providers / Resources / Inputs / Outputs tables of a module README, in
 * terraform-docs' markdown-table layout between its BEGIN_TF_DOCS markers, so teams that run
 * terraform-docs on their modules see the same sections they are used to.
 */
import { REQUIRED_TERRAFORM_VERSION, requiredAwsProviderVersion } from "../constructs/provider-requirements";
import type { TerraformJson } from "./from-terraform-json";
import { codeSpan, inlineText, tableCell } from "./markdown";
import { literalText } from "./terraform-template";

const REGISTRY = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs";

export function terraformDocs(json: TerraformJson): string {
  const aws = requiredAwsProviderVersion(json);
  const escape = (name: string) => name.replace(/_/g, "\\_");
  const anchor = (kind: string, name: string) => `<a name="${kind}_${name}"></a> [${name}](#${kind}\\_${escape(name)})`;
  const resources = [
    ...Object.entries(json.resource ?? {}).flatMap(([type, named]) =>
      Object.keys(named).map((name) => [`${type}.${name}`, `[${type}.${name}](${REGISTRY}/resources/${type.replace(/^aws_/, "")}) | resource`]),
    ),
    ...Object.entries(json.data ?? {}).flatMap(([type, named]) =>
      Object.keys(named).map((name) => [`${type}.${name}`, `[${type}.${name}](${REGISTRY}/data-sources/${type.replace(/^aws_/, "")}) | data source`]),
    ),
  ]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => `| ${row} |`);
  const inputs = Object.entries(json.variable ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, body]) => `| ${anchor("input", name)} | ${description(body, name)} | ${tableCell(codeSpan(String(body.type)))} | n/a | yes |`);
  const outputs = Object.entries(json.output ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, body]) => `| ${anchor("output", name)} | ${description(body, name)} |`);
  return [
    "<!-- BEGIN_TF_DOCS -->",
    "## Requirements",
    "",
    "| Name | Version |",
    "|------|---------|",
    `| ${anchor("requirement", "terraform")} | ${REQUIRED_TERRAFORM_VERSION} |`,
    `| ${anchor("requirement", "aws")} | ${aws} |`,
    "",
    "## Providers",
    "",
    "| Name | Version |",
    "|------|---------|",
    `| ${anchor("provider", "aws")} | ${aws} |`,
    "",
    "## Modules",
    "",
    "No modules.",
    "",
    "## Resources",
    "",
    "| Name | Type |",
    "|------|------|",
    ...resources,
    "",
    "## Inputs",
    "",
    ...(inputs.length === 0
      ? ["No inputs."]
      : ["| Name | Description | Type | Default | Required |", "|------|-------------|------|---------|:--------:|", ...inputs]),
    "",
    "## Outputs",
    "",
    ...(outputs.length === 0 ? ["No outputs."] : ["| Name | Description |", "|------|-------------|", ...outputs]),
    "<!-- END_TF_DOCS -->",
  ].join("\n");
}

/** A description from the stack's JSON (a Terraform template of literal text), as a table cell. */
function description(body: Record<string, unknown>, name: string): string {
  return tableCell(inlineText(literalText(String(body.description), `${name} description`)));
}
