/** `kgen init [file] [--example NAME]`: a commented starter spec, with the line editors use to find the schema. */
import { lstatSync, readFileSync, readdirSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Command } from "./command";
import { EXIT } from "./exit-codes";
import { PACKAGE_ROOT } from "./package-root";
import type { Console } from "./report";

const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*\n/;

export const initCommand: Command = {
  command: "init [file]",
  describe: "write a commented starter spec (default kgen.yaml)",
  positional: { type: "string", default: "kgen.yaml", describe: "spec file to create" },
  options: {
    example: { type: "string", describe: `start from a bundled example: ${exampleNames().join(", ")}` },
  },
  run: async (args, { io }) => init(args.text("file"), args.optionalText("example"), io),
};

export function init(file: string, example: string | undefined, io: Console): number {
  const problem = cannotCreate(file);
  if (problem !== undefined) {
    io.err(`kgen: ${problem}`);
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
  const schema = schemaPath(dirname(resolve(file)));
  try {
    // "wx": never over an existing file, nor through a symbolic link, should one appear meanwhile.
    writeFileSync(file, `# yaml-language-server: $schema=${schema.path}\n${body}`, { flag: "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(code === "EEXIST" ? `kgen: ${exists(file, false)}` : `kgen: cannot create ${file}: ${code ?? String(error)}`);
    return EXIT.usage;
  }
  io.out(`wrote ${file}; generate its module with: kgen synth ${file}`);
  if (!schema.shared) {
    io.out(
      `note: the $schema line points at the schema of the kgen you ran (${schema.path}), which is not part of this project; ` +
        "for a path everyone shares, `npm install --save-dev kgen` and run kgen init again, or `kgen schema > kgen.schema.json` and point the line there",
    );
  }
  return EXIT.ok;
}

/** Why `file` cannot be created, or undefined. */
function cannotCreate(file: string): string | undefined {
  if (file === "") return "name the file to create, e.g. `kgen init kgen.yaml`";
  const folder = dirname(file);
  try {
    const folderKind = statSync(folder, { throwIfNoEntry: false });
    if (folderKind === undefined) return `cannot create ${file}: folder ${folder} does not exist; create it first`;
    if (!folderKind.isDirectory()) return `cannot create ${file}: ${folder} is not a folder`;
    // lstat: a symbolic link is there even when what it points at is not.
    const kind = lstatSync(file, { throwIfNoEntry: false });
    return kind === undefined ? undefined : exists(file, kind.isSymbolicLink());
  } catch (error) {
    // ENOTDIR: a file where the path needs a folder; EACCES: a folder kgen may not look into.
    return `cannot create ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}

function exists(file: string, link: boolean): string {
  return `${file} exists${link ? " (a symbolic link)" : ""}; kgen init never overwrites a file (choose another name)`;
}

/**
 * The path of the `$schema` line, from the spec's folder, to a schema file that exists: that of
 * the kgen installed in the project (`npm install --save-dev kgen`), found as Node finds packages,
 * from the spec's folder upwards; else that of the kgen running, which is the project itself in a
 * clone of kgen. Editors with yaml-language-server complete and check the spec from this line.
 */
function schemaPath(folder: string): { path: string; shared: boolean } {
  const real = realpathSync(folder);
  for (let dir = real; ; dir = dirname(dir)) {
    const installed = join(dir, "node_modules", "kgen", "kgen.schema.json");
    if (isFile(installed)) return { path: portable(relative(real, installed)), shared: true };
    if (dirname(dir) === dir) break;
  }
  const root = realpathSync(PACKAGE_ROOT);
  const inside = relative(root, real);
  const shared = inside !== ".." && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
  return { path: portable(relative(real, join(root, "kgen.schema.json"))), shared };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The path with `/` on every system: the spec may be committed from Windows and read elsewhere. */
function portable(path: string): string {
  return path.split(sep).join("/");
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
