/**
 * Validation of the large specs of large-specs.ts against parsing the same text, in one process
 * on the same machine (kgen's compiled spec/ from the frozen copy's dist/). A case is within
 * bounds when validation takes at most 4 × parsing + 1 s, or its absolute limit: what
 * test/spec/large-specs.test.ts asserted with a clock before issue #17 moved timing here.
 */
import { join } from "node:path";
import type * as Rules from "../dist/spec/rules";
import type * as YamlSource from "../dist/spec/yaml-source";
import { LARGE_SPECS } from "./large-specs";

function milliseconds(run: () => unknown): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const middle = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function largeSpecTimes(root: string, rounds: number): string {
  const { validateSpec } = require(join(root, "dist/spec/rules.js")) as typeof Rules;
  const { parseSpecSource } = require(join(root, "dist/spec/yaml-source.js")) as typeof YamlSource;
  const lines = ["| large spec | KB | parse ms | validate ms | bound ms | |", "|---|---:|---:|---:|---:|---|"];
  for (const spec of Object.values(LARGE_SPECS)) {
    const parse: number[] = [];
    const validate: number[] = [];
    for (let round = 0; round < rounds; round++) {
      parse.push(milliseconds(() => parseSpecSource("spec.yaml", spec.text)));
      validate.push(milliseconds(() => validateSpec("spec.yaml", spec.text)));
    }
    const [parsing, validating] = [middle(parse), middle(validate)];
    const bound = "limitMs" in spec ? spec.limitMs : 4 * parsing + 1000;
    const kb = Buffer.byteLength(spec.text) / 1024;
    lines.push(`| ${spec.name} | ${kb.toFixed(0)} | ${parsing.toFixed(0)} | ${validating.toFixed(0)} | ${bound.toFixed(0)} | ${validating <= bound ? "met" : "MISSED"} |`);
  }
  lines.push("", `Rounds: ${rounds}, medians; in one process, so later cases run on warmed-up code.`);
  return lines.join("\n");
}
