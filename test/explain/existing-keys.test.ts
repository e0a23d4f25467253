/**
 * kgen explain on keys kgen does not manage: every access through such a key rests on the
 * statements handed over to its owner, and says so; access through kgen's own keys does not.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatMatrix } from "../../src/explain/format";
import { accessMatrix, filterRows } from "../../src/explain/matrix";
import { resolveModel } from "../../src/model/resolve";
import { validateSpec } from "../../src/spec/rules";

function matrixOf(file: string) {
  const { spec } = validateSpec(file, readFileSync(file, "utf8"));
  if (spec === undefined) throw new Error(`${file} does not validate`);
  const model = resolveModel(spec);
  return { model, matrix: accessMatrix(model) };
}

test("every allowed row on an existing key rests on its handed-over statements, named with their file", () => {
  const { model, matrix } = matrixOf(join(__dirname, "..", "..", "examples", "shared-key.yaml"));
  const files = new Map(model.keys.map((key) => [key.existing?.arn ?? "", `key-policy-statements/${key.name}.json`]));
  const onKeys = filterRows(matrix, {}).filter((row) => row.allowed && files.has(row.resource));
  expect(onKeys.length).toBeGreaterThan(0);
  for (const row of onKeys) {
    const fromKey = row.via.filter((m) => m.policy === "key");
    expect(fromKey.length).toBeGreaterThan(0);
    expect(new Set(fromKey.map((m) => m.handOver))).toEqual(new Set([files.get(row.resource)]));
  }
  const table = formatMatrix("table", onKeys, { name: model.name, owner: model.owner, denied: false });
  expect(table).toContain("(allowed if the key owner adds the statements in key-policy-statements/central-payments.json)");
  expect(table).toContain("(allowed if the key owner adds the statements in key-policy-statements/cameras.json)");
});

test("access through a key of the module is not conditional", () => {
  const { matrix } = matrixOf(join(__dirname, "..", "..", "examples", "stock-trades.yaml"));
  expect(filterRows(matrix, {}).flatMap((row) => row.via).filter((m) => m.handOver !== undefined)).toEqual([]);
});
