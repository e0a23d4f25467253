/**
 * The explain formats at the sizes a large spec reaches: `--format json` is the JSON a tool parses,
 * byte for byte what JSON.stringify writes, and no format fails on hundreds of thousands of rows.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatMatrix, formatMatrixChunks } from "../../src/explain/format";
import { accessMatrix, filterRows, type AccessRow } from "../../src/explain/matrix";
import { resolveModel } from "../../src/model/resolve";
import { validateSpec } from "../../src/spec/rules";
import { EXAMPLES_DIR } from "../support/examples";

const { spec } = validateSpec("stock-trades.yaml", readFileSync(join(EXAMPLES_DIR, "stock-trades.yaml"), "utf8"));
if (spec === undefined) throw new Error("example does not validate");
const model = resolveModel(spec);
const rows = filterRows(accessMatrix(model), {});
const options = { name: model.name, owner: model.owner, denied: true };

test("json, printed row by row, is JSON.stringify's text of the whole matrix", () => {
  expect(rows.some((row) => row.through !== undefined && row.via.length > 1)).toBe(true);
  expect(formatMatrix("json", rows, options)).toBe(`${JSON.stringify({ name: model.name, rows }, null, 2)}\n`);
  expect(formatMatrix("json", [], options)).toBe(`${JSON.stringify({ name: model.name, rows: [] }, null, 2)}\n`);
});

test.each(["table", "markdown", "json"] as const)("%s comes in newline-ended pieces that make the whole text", (format) => {
  const chunks = [...formatMatrixChunks(format, rows, options)];
  expect(chunks.length).toBeGreaterThan(rows.length / 2);
  expect(chunks.every((chunk) => chunk.endsWith("\n"))).toBe(true);
  expect(chunks.join("")).toBe(formatMatrix(format, rows, options));
});

test.each(["table", "markdown"] as const)("%s lays out 200,000 rows without running out of stack", (format) => {
  const many: AccessRow[] = Array.from({ length: 200_000 }, (_, i) => ({ ...rows[i % rows.length], action: `kinesis:Action${i}` }));
  const lines = formatMatrix(format, many, options).split("\n");
  expect(lines.filter((line) => line.includes("kinesis:Action199999"))).toHaveLength(1);
});
