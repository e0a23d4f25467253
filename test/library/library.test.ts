/**
 * The library: the construct in a user's own stack grants exactly what the CLI's module grants,
 * and the example in docs/library.md compiles and runs.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { App, TerraformStack } from "cdktf";
import { spec, synthesize } from "../../docs/examples/library";
import { KinesisAccess, SpecError, explain, synthModule, validateSpec } from "kgen";
import { ROOT } from "../support/examples";
import { parseModule, policyAttribute, blocksOfType } from "../support/parsed-module";

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

test("docs/library.md shows the example the tests run, verbatim", () => {
  const example = readFileSync(join(ROOT, "docs", "examples", "library.ts"), "utf8");
  expect(readFileSync(join(ROOT, "docs", "library.md"), "utf8")).toContain(`\`\`\`ts\n${example}\`\`\``);
});

test("the example synthesizes the user's own resources next to kgen's", () => {
  const json = synthesize(mkdtempSync(join(tmpdir(), "kgen-lib-"))) as Json;
  expect(Object.keys(json.resource).sort()).toEqual(
    ["aws_iam_instance_profile", "aws_iam_role", "aws_iam_role_policy", "aws_kinesis_stream", "aws_kms_alias", "aws_kms_key", "aws_kms_key_policy", "aws_s3_bucket"].sort(),
  );
  expect(Object.keys(json.output).sort()).toEqual(["ingest_role_arn", "trade_stream_arn"]);
  // The key policy waits for the roles it names, whatever CDKTF named them in this stack.
  const [keyPolicy] = Object.values(json.resource.aws_kms_key_policy);
  const roles = Object.keys(json.resource.aws_iam_role).map((name) => `aws_iam_role.${name}`);
  expect(roles).toHaveLength(2);
  for (const role of roles) expect(keyPolicy.depends_on).toContain(role);
});

test("the construct's policies are the CLI module's, document for document", async () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), "kgen-lib-")), skipValidation: true });
  const stack = new TerraformStack(app, "mine");
  new KinesisAccess(stack, "trades", { spec });
  const json = stack.toTerraform() as Json;
  // The only difference allowed is the key's address: CDKTF names it from the construct path.
  const [keyName] = Object.keys(json.resource.aws_kms_key);
  const keyReference = `\${aws_kms_key.${keyName}.arn}`;
  const library = (type: string, attribute: string): unknown[] =>
    Object.values(json.resource[type] ?? {})
      .map((body) => String(body[attribute]).split(keyReference).join("${aws_kms_key.trades.arn}"))
      .map((text) => JSON.parse(text))
      .sort(byJson);

  const { modules } = await synthModule("spec.yaml", stringify(spec));
  const cli = await parseModule(modules[0].files);
  const keep = (reference: string) => `\${${reference}}`;
  const generated = (type: string, attribute: string): unknown[] =>
    blocksOfType(cli, type).map(([, body]) => policyAttribute(body, attribute, keep)).sort(byJson);

  expect(library("aws_iam_role_policy", "policy")).toEqual(generated("aws_iam_role_policy", "policy"));
  expect(library("aws_iam_role", "assume_role_policy")).toEqual(generated("aws_iam_role", "assume_role_policy"));
  expect(library("aws_kms_key_policy", "policy")).toEqual(generated("aws_kms_key_policy", "policy"));
  expect(library("aws_iam_role_policy", "policy").length).toBe(2);
});

test("on keys kgen does not manage: the construct creates no key, gives their ARNs, and the statements their owners must add, as synth writes them", async () => {
  const text = readFileSync(join(ROOT, "examples", "shared-key.yaml"), "utf8");
  const { spec: sharedKey } = validateSpec("shared-key.yaml", text);
  if (sharedKey === undefined) throw new Error("example does not validate");
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), "kgen-lib-")), skipValidation: true });
  const stack = new TerraformStack(app, "mine");
  const access = new KinesisAccess(stack, "payments", { spec: sharedKey });
  const json = stack.toTerraform() as Json;
  expect(json.resource.aws_kms_key).toBeUndefined();

  const arns = Object.fromEntries(Object.entries(sharedKey.keys).map(([name, key]) => [name, (key as { arn?: string }).arn]));
  expect(Object.keys(arns).sort()).toEqual(["cameras", "central-payments"]);
  expect(access.keyArns).toEqual(arns);
  const encryptedWith = Object.values(json.resource.aws_kinesis_stream).map((body) => body.kms_key_id);
  expect(encryptedWith).toEqual([arns["central-payments"]]);

  const { modules } = await synthModule("shared-key.yaml", text);
  const handedOver = Object.fromEntries(Object.keys(arns).map((name) => [name, modules[0].files.get(`key-policy-statements/${name}.json`)?.trimEnd()]));
  expect(access.keyPolicyStatements).toEqual(handedOver);
  expect(JSON.parse(access.keyPolicyStatements["central-payments"]).Statement.length).toBeGreaterThan(0);
});

test("a spec that breaks a rule throws SpecError with located diagnostics", () => {
  const stack = new TerraformStack(new App({ outdir: mkdtempSync(join(tmpdir(), "kgen-lib-")), skipValidation: true }), "bad");
  const broken = { ...spec, streams: { StockTradeStream: { ...spec.streams.StockTradeStream, encryption: "nope" } } };
  let thrown: unknown;
  try {
    new KinesisAccess(stack, "trades", { spec: broken });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(SpecError);
  expect((thrown as SpecError).diagnostics).toContainEqual(expect.objectContaining({ code: "KG2001", path: "streams.StockTradeStream.encryption" }));
});

test("validateSpec returns diagnostics as data", () => {
  const { spec: valid, diagnostics } = validateSpec("x.yaml", "version: 1\nname: Bad\n");
  expect(valid).toBeUndefined();
  expect(diagnostics.length).toBeGreaterThan(0);
  expect(diagnostics[0]).toEqual(expect.objectContaining({ file: "x.yaml", line: expect.any(Number), column: expect.any(Number) }));
});

function byJson(a: unknown, b: unknown): number {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

test("explain returns the access rows as data, filtered like the CLI", () => {
  const text = readFileSync(join(ROOT, "examples", "stock-trades.yaml"), "utf8");
  const { diagnostics, rows } = explain("stock-trades.yaml", text, { who: "alerts" });
  expect(diagnostics).toEqual([]);
  const allowed = rows.filter((row) => row.allowed).map((row) => `${row.action} ${row.resource.split(":").slice(5).join(":")}`);
  expect(allowed).toEqual(expect.arrayContaining(["kinesis:GetRecords stream/StockTradeStream", "kms:Decrypt key/trades", "sts:AssumeRole role/stock-trades-alerts"]));
  expect(allowed).not.toContain("kinesis:PutRecord stream/StockTradeStream");
});

// Terraform JSON reads every string as a template, so the construct writes literal text with
// Terraform's own escapes: a key description `${var.x}` and an administrator ARN holding `%{`
// stay text in the user's stack (hashicorp/hcl JSON syntax: "$${" and "%%{" are the escapes).
test("the construct writes literal text for Terraform JSON: templates in spec text stay text", () => {
  const stack = new TerraformStack(new App({ outdir: mkdtempSync(join(tmpdir(), "kgen-lib-")), skipValidation: true }), "escapes");
  const admin = "arn:aws:iam::123456789012:role/ops%{if!true}-decoy%{endif}/Reader";
  new KinesisAccess(stack, "t", {
    spec: { ...spec, keys: { trades: { ...spec.keys.trades, description: "costs ${var.x}", administrators: [admin] } } },
  });
  const json = stack.toTerraform() as Json;
  const [key] = Object.values(json.resource.aws_kms_key);
  expect(key.description).toBe("costs $${var.x}");
  const [keyPolicy] = Object.values(json.resource.aws_kms_key_policy);
  expect(String(keyPolicy.policy)).toContain(admin.replace(/%\{/g, "%%{"));
  expect(String(keyPolicy.policy)).not.toContain(`"${admin}"`);
});
