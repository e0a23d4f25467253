/** `kgen init [file] [--example NAME]`: a commented starter spec, with the line editors use to find the schema. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { defineCommand } from "./command";
import { EXIT } from "./exit-codes";
import type { Console } from "./report";

const PACKAGE_ROOT = join(__dirname, "..", "..");
const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*\n/;

export const initCommand = defineCommand({
  command: "init [file]",
  describe: "write a commented starter spec (default kgen.yaml)",
  builder: (yargs) =>
    yargs
      .positional("file", { type: "string", default: "kgen.yaml", describe: "spec file to create" })
      .option("example", { type: "string", describe: `start from a bundled example: ${exampleNames().join(", ")}` }),
  run: async (argv, { io }) => init(argv.file, argv.example, io),
});

export function init(file: string, example: string | undefined, io: Console): number {
  if (existsSync(file)) {
    io.err(`kgen: ${file} exists; kgen init never overwrites a file (choose another name)`);
    return EXIT.usage;
  }
  let body: string;
  if (example === undefined) {
    body = readFileSync(join(PACKAGE_ROOT, "templates", "starter.yaml"), "utf8");
  } else if (exampleNames().includes(example)) {
    body = readFileSync(join(PACKAGE_ROOT, "examples", `${example}.yaml`), "utf8").replace(SCHEMA_LINE, "");
  } else {
    io.err(`kgen: no example named ${example}; choose one of: ${exampleNames().join(", ")}`);
    return EXIT.usage;
  }
  writeFileSync(file, `${schemaLine(file)}\n${body}`, { flag: "wx" });
  io.out(`wrote ${file}; generate its module with: kgen synth ${file}`);
  return EXIT.ok;
}

/**
 * Editors with yaml-language-server complete and check the spec from this line. It points at the
 * schema of the kgen installed in the project (`npm install --save-dev kgen`); without one,
 * `kgen schema > kgen.schema.json` makes a copy to point at instead.
 */
function schemaLine(file: string): string {
  const schema = join(resolve("node_modules"), "kgen", "kgen.schema.json");
  const path = relative(dirname(resolve(file)), schema).split("\\").join("/");
  return `# yaml-language-server: $schema=${path}`;
}

function exampleNames(): string[] {
  try {
    return readdirSync(join(PACKAGE_ROOT, "examples"))
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => name.slice(0, -".yaml".length))
      .sort();
  } catch {
    return [];
  }
}
