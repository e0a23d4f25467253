/**
 * A generated file in a subfolder of its module (`tests/kgen.tftest.hcl`): written, listed in the
 * manifest, checked by --check, removed with its folder when no longer generated, and never
 * written through a link or over a file of the user's.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkModule } from "../../src/output/check";
import { MANIFEST_FILE, readManifest } from "../../src/output/manifest";
import { OutputError, writeModules } from "../../src/output/write";

let work: string;
let out: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-subfolders-"));
  out = join(work, "modules");
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

const withTest = new Map([
  ["main.tf", "# main\n"],
  ["tests/kgen.tftest.hcl", "# test\n"],
]);

function write(files: ReadonlyMap<string, string>) {
  return writeModules(out, [{ name: "m", spec: "m", files }]);
}

test("a file in a subfolder is written there, listed in the manifest and passes --check", () => {
  const [report] = write(withTest);
  expect(report.written.sort()).toEqual(["main.tf", "tests/kgen.tftest.hcl"]);
  expect(readFileSync(join(out, "m", "tests", "kgen.tftest.hcl"), "utf8")).toBe("# test\n");
  expect(readManifest(join(out, "m")).files).toEqual(["main.tf", "tests/kgen.tftest.hcl"]);
  expect(report.foreign).toEqual([]);
  expect(checkModule(out, "m", "m", withTest)).toEqual({ differences: [], notWritten: [] });

  const [again] = write(withTest);
  expect({ written: again.written, unchanged: again.unchanged.sort(), foreign: again.foreign }).toEqual({
    written: [],
    unchanged: ["main.tf", "tests/kgen.tftest.hcl"],
    foreign: [],
  });
});

test("--check reports the subfolder file when it is hand-edited or missing", () => {
  write(withTest);
  writeFileSync(join(out, "m", "tests", "kgen.tftest.hcl"), "# edited\n");
  expect(checkModule(out, "m", "m", withTest).differences.map((d) => [d.file, d.problem])).toEqual([[join(out, "m", "tests", "kgen.tftest.hcl"), "differs"]]);
  rmSync(join(out, "m", "tests"), { recursive: true });
  expect(checkModule(out, "m", "m", withTest).differences.map((d) => [d.file, d.problem])).toEqual([[join(out, "m", "tests", "kgen.tftest.hcl"), "missing"]]);
});

// A file Terraform does not read: one it reads (another .tftest.hcl) stops the run (terraform-files.ts).
test("a user's file beside it in the subfolder is kept and reported by its path", () => {
  write(withTest);
  writeFileSync(join(out, "m", "tests", "notes.md"), "# mine\n");
  const [report] = write(withTest);
  expect(report.foreign).toEqual(["tests/notes.md"]);
  expect(readFileSync(join(out, "m", "tests", "notes.md"), "utf8")).toBe("# mine\n");
});

test("no longer generated, the file goes and so does its folder; a user's file keeps the folder", () => {
  write(withTest);
  const [report] = write(new Map([["main.tf", "# main\n"]]));
  expect(report.removed).toEqual(["tests/kgen.tftest.hcl"]);
  expect(readdirSync(join(out, "m")).sort()).toEqual([MANIFEST_FILE, "main.tf"]);

  write(withTest);
  writeFileSync(join(out, "m", "tests", "notes.md"), "# mine\n");
  write(new Map([["main.tf", "# main\n"]]));
  expect(readdirSync(join(out, "m", "tests"))).toEqual(["notes.md"]);
});

test("a retired module leaves no empty subfolder behind", () => {
  write(withTest);
  const [report] = write(new Map());
  expect(report.retired).toBe(true);
  expect(existsSync(join(out, "m"))).toBe(false);
});

test("a link where the subfolder goes stops the run: nothing is written through it", () => {
  const elsewhere = join(work, "elsewhere");
  mkdirSync(elsewhere);
  mkdirSync(join(out, "m"), { recursive: true });
  symlinkSync(elsewhere, join(out, "m", "tests"), "dir");
  expect(() => write(withTest)).toThrow(OutputError);
  expect(() => write(withTest)).toThrow(/m\/tests was not written by kgen/);
  expect(readdirSync(elsewhere)).toEqual([]);
  expect(readdirSync(join(out, "m"))).toEqual(["tests"]);
});

test("a file where the subfolder goes stops the run and is left as it was", () => {
  mkdirSync(join(out, "m"), { recursive: true });
  writeFileSync(join(out, "m", "tests"), "mine\n");
  expect(() => write(withTest)).toThrow(/m\/tests was not written by kgen/);
  expect(readFileSync(join(out, "m", "tests"), "utf8")).toBe("mine\n");
  expect(readdirSync(join(out, "m"))).toEqual(["tests"]);
});

test("a manifest naming a path out of the module folder is not kgen's", () => {
  mkdirSync(join(out, "m"), { recursive: true });
  for (const file of ["tests/../../x", "/etc/passwd", "tests//x", "tests/"]) {
    writeFileSync(join(out, "m", MANIFEST_FILE), JSON.stringify({ spec: "m", files: [file] }));
    expect(() => readManifest(join(out, "m"))).toThrow(/is not a kgen manifest/);
  }
});
