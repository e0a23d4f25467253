/** The HCL printer: references bare, policies as readable objects, output a fixed point of fmt. */
import { formatHcl } from "../support/hclwrite-format";
import { blockAt } from "../../src/render/from-terraform-json";
import { parseTemplate } from "../../src/render/terraform-template";
import { printFile, quote } from "../../src/render/hcl";
import { exampleFiles } from "../support/examples";
import { compileSpec } from "../../src/compile";
import { readFileSync } from "node:fs";

test("Terraform JSON strings are read as Terraform templates: interpolations, escapes, text", () => {
  expect(parseTemplate("${aws_kms_key.trades.arn}")).toEqual([{ kind: "interpolation", expression: "aws_kms_key.trades.arn" }]);
  expect(parseTemplate('${self.region == "us-west-2"}')).toEqual([{ kind: "interpolation", expression: 'self.region == "us-west-2"' }]);
  expect(parseTemplate('${a == "}"}')).toEqual([{ kind: "interpolation", expression: 'a == "}"' }]);
  expect(parseTemplate("${a.b}-${c.d}")).toEqual([
    { kind: "interpolation", expression: "a.b" },
    { kind: "text", text: "-" },
    { kind: "interpolation", expression: "c.d" },
  ]);
  // The escaped forms are text: what a spec string `${aws_kms_key.k.arn}` becomes in the JSON.
  expect(parseTemplate("$${aws_kms_key.k.arn} %%{ if x }")).toEqual([{ kind: "text", text: "${aws_kms_key.k.arn} %{ if x }" }]);
  expect(parseTemplate("$$${x}")).toEqual([{ kind: "text", text: "$${x}" }]);
  expect(parseTemplate("")).toEqual([{ kind: "text", text: "" }]);
  expect(() => parseTemplate("%{ if x }y%{ endif }")).toThrow(/directive/);
});

test("strings are escaped for HCL", () => {
  expect(quote('say "hi"\\n')).toBe('"say \\"hi\\"\\\\n"');
  expect(quote("two\nlines")).toBe('"two\\nlines"');
});

test("a policy prints as jsonencode with bare references, one action per line, laid out as terraform fmt would", async () => {
  const json = {
    resource: {
      aws_iam_role_policy: {
        reader: {
          name: "reader",
          role: "${aws_iam_role.reader.name}",
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "Read", Effect: "Allow", Action: ["kinesis:GetRecords", "kinesis:ListShards"], Resource: ["${aws_kms_key.k.arn}"] }],
          }),
        },
      },
    },
  };
  const text = printFile([blockAt(json, { address: "aws_iam_role_policy.reader", file: "iam.tf" })]);
  expect(await formatHcl(text)).toBe(text);
  expect(text).toBe(`resource "aws_iam_role_policy" "reader" {
  name = "reader"
  role = aws_iam_role.reader.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "Read"
        Effect = "Allow"
        Action = [
          "kinesis:GetRecords",
          "kinesis:ListShards",
        ]
        Resource = [aws_kms_key.k.arn]
      },
    ]
  })
}
`);
});

test("an unexpected nested value fails loudly instead of printing something plausible", () => {
  const json = { resource: { aws_kinesis_stream: { s: { name: "s", unknown_block: { a: 1 } } } } };
  expect(() => blockAt(json, { address: "aws_kinesis_stream.s", file: "streams.tf" })).toThrow(/internal: unexpected object/);
});

describe.each(exampleFiles())("%s", (file) => {
  test("every generated .tf file is already formatted (a fixed point of terraform fmt)", async () => {
    const { modules } = await compileSpec(file, readFileSync(file, "utf8"));
    for (const [name, content] of modules[0].files) {
      if (!name.endsWith(".tf")) continue;
      expect(await formatHcl(content)).toBe(content);
      expect(content).not.toMatch(/"\$\{[a-z_]+\.[a-z_]+\.[a-z_]+\}"/);
      expect(content.endsWith("\n")).toBe(true);
    }
  });
});

test("a block of 200,000 one-line attributes prints, aligned, without running out of stack", () => {
  const names = Array.from({ length: 200_000 }, (_, i) => `s${i}`);
  const text = printFile([{ kind: "block", type: "locals", labels: [], body: names.map((name) => ({ kind: "attribute", name, value: { kind: "literal", value: name } })) }]);
  const lines = text.split("\n");
  expect(lines[1]).toBe('  s0      = "s0"');
  expect(lines[200_000]).toBe('  s199999 = "s199999"');
});
