/**
 * Terraform itself reads the generated strings back as the spec wrote them. A module generated
 * from hostile text (support/hostile-spec.ts) is planned and applied by `terraform test` against
 * a mock AWS provider, and its assertions compare what Terraform evaluated (the key's
 * description, the principals of the decoded key, trust and stream policies) with the spec's
 * strings, handed over as environment variables (TF_VAR_*: taken literally, never parsed).
 *
 * Needs a terraform CLI and the hashicorp/aws provider (support/terraform.ts): skipped, saying
 * why, where none can be had; run it offline as
 *   ../shared/tools/terraform-offline/with-mirror npx jest test/render/terraform-evaluates
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { compileSpec } from "../../src/compile";
import { hostileSpec, hostileValues, type HostileValues } from "../support/hostile-spec";
import { init, mockResources, terraform, terraformTier, type Tier } from "../support/terraform";

const found = terraformTier();
const tier = found.available ? describe : describe.skip;

/** Mock values the provider's own validation accepts for the attributes it computes. */
const TEST_FILE = `mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_region" {
    defaults = { endpoint = "ec2.us-west-2.amazonaws.com" }
  }
${mockResources({ region: "us-west-2", account: "123456789012", streamName: "S", consumerName: "sh" })}}

run "strings_read_back_as_written" {
  command = apply
  assert {
    condition     = aws_kms_key.k.description == var.expected_description
    error_message = "the key's description"
  }
  assert {
    condition     = alltrue([for p in jsondecode(var.expected_key_principals) : contains(flatten([for s in jsondecode(aws_kms_key_policy.k.policy).Statement : try(s.Principal.AWS, [])]), p)])
    error_message = "the key policy's principals"
  }
  assert {
    condition     = contains(flatten([for s in jsondecode(aws_iam_role.p.assume_role_policy).Statement : try(s.Principal.AWS, [])]), var.expected_trusted)
    error_message = "the trust policy's principal"
  }
  assert {
    condition     = alltrue([for p in jsondecode(var.expected_share_principals) : contains(flatten([for s in jsondecode(aws_kinesis_resource_policy.s.policy).Statement : try(s.Principal.AWS, [])]), p)])
    error_message = "the stream policy's principals"
  }
}
`;

/** Declares the variables the assertions compare with; not part of what kgen generates. */
const EXPECTED_VARIABLES = ["expected_description", "expected_key_principals", "expected_trusted", "expected_share_principals"]
  .map((name) => `variable "${name}" {\n  type = string\n}\n`)
  .join("\n");

const DECOY: HostileValues = {
  description: 'x ${uuid()} %{ if true }y%{ endif } $${z} "q" \\ é\n::error::forged',
  keyAdministrators: ["arn:aws:iam::123456789012:role/ops%{if!true}-decoy%{endif}/Reader"],
  streamAdministrators: ["arn:aws:iam::999999999999:role/a%{x}|`<b>\"\\/Admin"],
  trusted: "arn:aws:iam::444455556666:role/%%{/T",
  existingRole: "arn:aws:iam::123456789012:role/c%{endif}$/R",
  sharePrincipals: ["arn:aws:iam::111122223333:role/q%{endfor}%%{/R"],
};

tier("terraform evaluates the generated strings to exactly the spec's", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "kgen-tf-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const cases = [DECOY, ...fc.sample(hostileValues, { seed: 20_261_205, numRuns: 2 })];
  test.each(cases.map((values, index) => [index, values] as const))("hostile spec %i", async (_index, values) => {
    const { diagnostics, modules } = await compileSpec("hostile.yaml", hostileSpec(values));
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const module = join(work, "module");
    for (const file of readdirSync(work).includes("module") ? readdirSync(module) : []) if (file.endsWith(".tf")) rmSync(join(module, file));
    mkdirSync(join(module, "tests"), { recursive: true });
    // The whole module, its own generated test included: that test compares every policy with
    // literals kgen printed, so it reads the hostile strings back too.
    for (const [name, text] of modules[0].files) writeFileSync(join(module, name), text);
    writeFileSync(join(module, "expected.tf"), EXPECTED_VARIABLES);
    writeFileSync(join(module, "tests", "strings.tftest.hcl"), TEST_FILE);
    const variables = {
      TF_VAR_expected_description: values.description,
      TF_VAR_expected_key_principals: JSON.stringify([...values.keyAdministrators, ...values.streamAdministrators, values.existingRole, ...values.sharePrincipals]),
      TF_VAR_expected_trusted: values.trusted,
      TF_VAR_expected_share_principals: JSON.stringify(values.sharePrincipals),
    };
    const available = found as Tier & { available: true };
    const initialized = await init(available, module);
    expect(initialized.code === 0 ? "" : initialized.output).toBe("");
    const result = await terraform(available, module, ["test", "-no-color"], variables);
    expect(result).toEqual({ code: 0, output: expect.stringMatching(/Success! \d+ passed, 0 failed/) });
  }, 300_000);
});
