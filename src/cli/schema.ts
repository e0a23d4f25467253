/**
 * `kgen schema`: the spec's JSON Schema (draft-07) on stdout, for editors and other tools. It is
 * printed from the same definition the validator checks against (spec/schema.ts); the package
 * ships it as kgen.schema.json, which a test keeps equal to this output.
 */
import { toJsonSchema } from "../spec/schema";
import type { Command } from "./command";
import { EXIT } from "./exit-codes";
import type { Console } from "./report";

export const schemaCommand: Command = {
  command: "schema",
  describe: "print the spec's JSON Schema (what kgen.schema.json holds)",
  options: {},
  run: async (_args, { io }) => printSchema(io),
};

export function printSchema(io: Console): number {
  io.out(schemaText());
  return EXIT.ok;
}

/** The schema as kgen.schema.json holds it: two-space indented, without the final line break. */
export function schemaText(): string {
  return JSON.stringify(toJsonSchema(), null, 2);
}
