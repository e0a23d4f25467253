/** Free text from the spec reaches AWS exactly as written, even when it looks like a template. */
import { compileSpec } from "../../src/compile";
import { parseModule } from "../support/parsed-module";

const spec = (description: string) => `version: 1
name: text
owner: { account: "123456789012", region: us-west-2 }
keys:
  k:
    description: '${description}'
streams:
  s: { encryption: k }
`;

test.each(["costs ${var.x} and %{if true}x%{endif}", 'quote " and backslash \\\\ and $${already}'])("description %s", async (description) => {
  const { diagnostics, modules } = await compileSpec("text.yaml", spec(description));
  expect(diagnostics).toEqual([]);
  const keys = modules[0].files.get("keys.tf") ?? "";
  const parsed = await parseModule(new Map([["keys.tf", keys]]));
  // hcl2json answers in Terraform JSON, where literal "${" and "%{" are still written "$${", "%%{".
  const value = String(parsed.blocks.get("aws_kms_key.k")?.description).replace(/([$%])\1\{/g, (_m, sigil: string) => `${sigil}{`);
  expect(value).toBe(description);
});
