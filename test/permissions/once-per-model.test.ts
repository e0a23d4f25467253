/**
 * Key and stream resource policies are built once per model and shared by the limit checks, the
 * constructs and the README's access summary (issue #17): the same model gives the same document,
 * and a model resolved from another spec never sees a document built for an earlier one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { resolveModel } from "../../src/model/resolve";
import type { Model } from "../../src/model/types";
import { keyPolicy } from "../../src/permissions/resource-policies";
import { validateSpec } from "../../src/spec/rules";

const EXAMPLE = readFileSync(join(__dirname, "..", "..", "examples", "stock-trades.yaml"), "utf8");

function modelOf(text: string): Model {
  const { spec, diagnostics } = validateSpec("spec.yaml", text);
  if (spec === undefined) throw new Error(JSON.stringify(diagnostics));
  return resolveModel(spec);
}

const principalsOf = (model: Model): string[] => keyPolicy(model, model.keys[0]).Statement.flatMap((s) => s.Principal?.AWS ?? []);

test("one model's key policy is one document, whoever asks for it", () => {
  const model = modelOf(EXAMPLE);
  expect(keyPolicy(model, model.keys[0])).toBe(keyPolicy(model, model.keys[0]));
});

test("a model of a changed spec gets its own key policy, not the one built for the first", () => {
  const before = modelOf(EXAMPLE);
  expect(principalsOf(before)).toContain("arn:aws:iam::123456789012:role/KeyAdmin");
  const document = parse(EXAMPLE) as { keys: { trades: { administrators: string[] } } };
  document.keys.trades.administrators = ["arn:aws:iam::123456789012:role/OtherKeyAdmin"];
  const after = modelOf(stringify(document));
  expect(principalsOf(after)).toContain("arn:aws:iam::123456789012:role/OtherKeyAdmin");
  expect(principalsOf(after)).not.toContain("arn:aws:iam::123456789012:role/KeyAdmin");
  expect(principalsOf(before)).toContain("arn:aws:iam::123456789012:role/KeyAdmin");
});
