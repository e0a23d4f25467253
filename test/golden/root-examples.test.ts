/**
 * examples/root/ holds, for every bundled example, the root module users copy to apply what kgen
 * generates (src/render/root-example.ts): committed byte for byte, one per example and no other.
 * A new example needs `npm run synth:examples`. The Terraform tier validates them.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { resolveModel } from "../../src/model/resolve";
import { renderRootExample } from "../../src/render/root-example";
import { validateSpec } from "../../src/spec/rules";
import { EXAMPLES_DIR, exampleFiles, readExample, ROOT } from "../support/examples";
import { formatHcl } from "../support/hclwrite-format";

const ROOTS = join(EXAMPLES_DIR, "root");

function modelOf(file: string) {
  const { spec } = validateSpec(relative(ROOT, file), readExample(file));
  if (spec === undefined) throw new Error(`${file} does not validate`);
  return resolveModel(spec);
}

test.each(exampleFiles().map((file) => [basename(file), file]))("examples/root has the root module of %s, as generated and formatted", async (_name, file) => {
  const model = modelOf(file);
  const committed = join(ROOTS, model.name, "main.tf");
  expect(existsSync(committed) ? "" : `${relative(ROOT, committed)} is missing: run npm run synth:examples`).toBe("");
  const text = readFileSync(committed, "utf8");
  expect(text).toBe(renderRootExample(model, relative(ROOT, file), "../../../modules"));
  expect(await formatHcl(text)).toBe(text);
});

test("examples/root holds a root module for the examples and nothing else", () => {
  expect(readdirSync(ROOTS).sort()).toEqual(exampleFiles().map((file) => modelOf(file).name).sort());
  for (const name of readdirSync(ROOTS)) expect(readdirSync(join(ROOTS, name))).toEqual(["main.tf"]);
});
