/**
 * The command line itself, for every command and every option: a wrong command line is one plain
 * sentence on stderr and exit 2, and nothing runs — never a silently ignored value, never yargs'
 * own text. The commands and options are read from `kgen --help` (what users read), not from the
 * code under test, so an option added later is covered too.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { EXAMPLES_DIR, ROOT } from "../support/examples";

const BIN = join(ROOT, "bin", "kgen.js");
/** yargs' own wording, which users must never see. */
const YARGS_TEXT = /Unknown argument|non-option|Invalid values|Not enough|Missing required|Did you mean|Argument:/;

let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-args-"));
  cpSync(join(EXAMPLES_DIR, "stock-trades.yaml"), join(work, "spec.yaml"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function binary(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  // Help is read in beforeAll, before there is a test folder.
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: args.includes("--help") ? tmpdir() : work, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Through the binary's entry point, in-process for speed, in the test's folder. */
async function kgen(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  process.chdir(work);
  try {
    const code = await run(args, { out: (line) => out.push(line), err: (line) => err.push(line) }, {});
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    process.chdir(cwd);
  }
}

/** Exit 2, one line on stderr that says it all, nothing on stdout, nothing written. */
async function expectUsageError(args: string[], sentence: string | RegExp): Promise<void> {
  const result = await kgen(...args);
  expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: "" });
  expect(result.stderr.split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(/^kgen: /);
  expect(result.stderr).not.toMatch(YARGS_TEXT);
  if (typeof sentence === "string") expect(result.stderr).toContain(sentence);
  else expect(result.stderr).toMatch(sentence);
  expect(readdirSync(work)).toEqual(["spec.yaml"]);
}

interface OptionHelp {
  name: string;
  boolean: boolean;
  /** A value the option accepts (for options that take one). */
  value: string;
}

/** Each command's options, from `kgen <command> --help`: `  --out  ...  [string]`, `  -h, --help ...`. */
function helpOf(command: string): OptionHelp[] {
  const help = binary(command, "--help").stdout;
  const options = help.slice(help.indexOf("\nOptions:\n"));
  return [...options.matchAll(/^ {2}(?:-\w, | {4})?--(\w[\w-]*)([\s\S]*?)(?=^ {2}(?:-\w, | {4})?--|(?![\s\S]))/gm)].map(([, name, rest]) => {
    const choices = /\[choices: "([^"]+)"/.exec(rest);
    return { name, boolean: rest.includes("[boolean]"), value: choices?.[1] ?? "x" };
  });
}

/** Every command `kgen --help` lists, with a command line that runs it. */
const COMMANDS: Record<string, string[]> = { synth: ["spec.yaml"], validate: ["spec.yaml"], explain: ["spec.yaml"], "export-policies": ["spec.yaml"], schema: [], init: [] };

test("kgen --help lists exactly the commands this test covers", () => {
  const listed = [...binary("--help").stdout.matchAll(/^ {2}kgen ([\w-]+)/gm)].map(([, name]) => name);
  expect(listed.sort()).toEqual(Object.keys(COMMANDS).sort());
});

describe.each(Object.keys(COMMANDS))("kgen %s", (command) => {
  const base = [command, ...COMMANDS[command]];
  let options: OptionHelp[] = [];
  beforeAll(() => {
    options = helpOf(command);
  });

  test("its help lists options, --help and --version among them", () => {
    expect(options.map((o) => o.name)).toEqual(expect.arrayContaining(["help", "version"]));
  });

  test("a boolean option given a value is a usage error, whatever the value", async () => {
    for (const option of options.filter((o) => o.boolean)) {
      for (const form of [["=1"], ["=yes"], ["=true"], ["=false"], ["=0"], ["="]]) {
        await expectUsageError([...base, `--${option.name}${form[0]}`], `--${option.name} takes no value`);
      }
      // yargs would take a following "true" or "false" as the flag's value.
      await expectUsageError([...base, `--${option.name}`, "false"], `--${option.name} takes no value`);
    }
  });

  test("an option given twice is a usage error, even with the same value", async () => {
    for (const option of options) {
      const once = option.boolean ? [`--${option.name}`] : [`--${option.name}`, option.value];
      await expectUsageError([...base, ...once, ...once], `--${option.name} is given twice`);
    }
  });

  test("an option that takes a value needs one, and not an empty one", async () => {
    for (const option of options.filter((o) => !o.boolean)) {
      await expectUsageError([...base, `--${option.name}`], `--${option.name} needs a value`);
      await expectUsageError([...base, `--${option.name}=`], `--${option.name} needs a value`);
      await expectUsageError([...base, `--${option.name}`, "--strict"], `--${option.name} needs a value`);
    }
  });

  test("an unknown option, a negated or dotted one, is a usage error naming the command's options", async () => {
    await expectUsageError([...base, "--bogus"], `kgen: ${command} has no option --bogus`);
    await expectUsageError([...base, "-x"], `kgen: ${command} has no option -x`);
    for (const option of options) {
      await expectUsageError([...base, `--no-${option.name}`], `has no option --no-${option.name}`);
      await expectUsageError([...base, `--${option.name}.x=1`], `has no option --${option.name}.x`);
    }
  });
});

test("a misspelt option or command gets a suggestion", async () => {
  await expectUsageError(["synth", "spec.yaml", "--chek"], 'kgen: synth has no option --chek (did you mean "--check"?); its options are --out, --check, --verbose, --quiet, --format, --strict, --help, --version');
  await expectUsageError(["synt", "spec.yaml"], 'synt is not a kgen command (did you mean "synth"?)');
});

test("a choice outside the list names the choices", async () => {
  await expectUsageError(["synth", "spec.yaml", "--format", "xml"], "--format must be one of human, json (not xml)");
  await expectUsageError(["explain", "spec.yaml", "--format=yaml"], "--format must be one of table, markdown, json (not yaml)");
});

test("no command, an unknown command, a missing or extra spec file: a plain sentence with what to do", async () => {
  await expectUsageError([], "name a command: synth, validate, explain, export-policies, schema or init");
  await expectUsageError(["frobnicate"], "frobnicate is not a kgen command; use synth, validate, explain, export-policies, schema or init");
  await expectUsageError(["--strict", "validate", "spec.yaml"], "name the command first");
  await expectUsageError(["synth"], "kgen: synth needs a spec file, e.g. `kgen synth kgen.yaml`");
  await expectUsageError(["validate", "--strict"], "kgen: validate needs a spec file");
  await expectUsageError(["explain"], "kgen: explain needs a spec file, e.g. `kgen explain kgen.yaml`");
  await expectUsageError(["explain", "spec.yaml", "other.yaml"], "kgen: explain takes one spec file; other.yaml is one too many");
  await expectUsageError(["schema", "spec.yaml"], "kgen: schema takes no arguments; spec.yaml is one too many");
  await expectUsageError(["init", "a.yaml", "b.yaml"], "kgen: init takes one file; b.yaml is one too many");
});

test("`--` is refused rather than silently dropping the files after it", async () => {
  await expectUsageError(["validate", "spec.yaml", "--", "spec.yaml"], "kgen: `--` is not supported");
});

test("what --help and a valid command line still do", async () => {
  expect(binary("synth", "--help")).toMatchObject({ code: 0, stderr: "" });
  expect(await kgen("validate", "--strict", "--format", "json", "spec.yaml")).toMatchObject({ code: 0, stdout: "[]" });
  expect(await kgen("validate", "--format=json", "spec.yaml", "--strict")).toMatchObject({ code: 0, stdout: "[]" });
  expect((await kgen("explain", "spec.yaml", "--on", "StockTradeStream", "--denied", "--format", "markdown")).code).toBe(0);
  expect((await kgen("synth", "spec.yaml", "--out=generated", "--check")).code).toBe(3);
});

test("--version and -v print the version from package.json", () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  expect(binary("--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  expect(binary("-v")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
});
