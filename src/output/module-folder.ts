/**
 * What is in a module folder before kgen compares or writes it, and whether kgen may touch it at
 * all. Shared by `synth` and `--check`, so that both see the same folder: a link where a folder
 * belongs, a forged manifest or another spec's folder is refused (OutputError) by both.
 */
import { readdirSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { MANIFEST_FILE, OutputError, parentFolders, readManifest } from "./manifest";
import { kindAt, linkOnPath } from "./read";
import { TEST_FOLDER, isTerraformReadFolder, isTerraformReadName, isTerraformWorkingFile } from "./terraform-files";

export interface ModuleFolder {
  dir: string;
  exists: boolean;
  /** Files the previous run wrote here, from its manifest (the manifest itself not included). */
  previous: string[];
  /** What kgen did not write: files and links by path, whole folders as `name/`. Sorted. */
  notWritten: NotWritten[];
}

export interface NotWritten {
  path: string;
  /** Terraform reads it with the generated files (terraform-files.ts). */
  terraformReads: boolean;
}

/**
 * The output folder, and every part of its path inside the working folder, must be a real
 * folder: a committed link (`modules -> /elsewhere`) would have kgen write outside the tree.
 * An --out outside the working folder is the caller's own choice; only its last part is checked.
 */
export function checkOutFolder(outDir: string): void {
  if (outDir === "") throw new OutputError("--out is empty: name the output folder, e.g. --out modules");
  const below = relative(process.cwd(), resolve(outDir));
  const insideTree = !below.startsWith("..") && !isAbsolute(below);
  const kind = kindAt(outDir);
  const found = insideTree ? linkOnPath(".", outDir) : kind === "symbolic link" ? { path: outDir, kind } : undefined;
  if (found?.kind === "symbolic link") {
    throw new OutputError(`${found.path} is a symbolic link; kgen does not write through links: name the real folder with --out`);
  }
  if (found !== undefined || (kind !== undefined && kind !== "folder")) {
    throw new OutputError(`${found?.path ?? outDir} is in the way of the output folder: it is a ${found?.kind ?? kind}, not a folder`);
  }
}

/**
 * Reads module folder `name` for spec `spec`, which generates `generated` there (none for a
 * folder being retired). Throws OutputError when the folder is a link or not a folder, when its
 * manifest is not kgen's, names another spec, or lists a folder or a path through a link.
 */
export function inspectModuleFolder(outDir: string, name: string, spec: string, generated: Iterable<string>): ModuleFolder {
  const dir = join(outDir, name);
  const kind = kindAt(dir);
  if (kind === undefined) return { dir, exists: false, previous: [], notWritten: [] };
  if (kind === "symbolic link") {
    throw new OutputError(
      `${dir} is a symbolic link; kgen writes a module only into a real folder inside the output folder, never through a link: replace the link with a folder`,
    );
  }
  if (kind !== "folder") throw new OutputError(`${dir} is in the way: it is a ${kind}, not a folder`);

  const manifest = readManifest(dir);
  if (manifest.spec !== undefined && manifest.spec !== spec) {
    throw new OutputError(
      `${dir} was written by spec ${manifest.spec} (its ${MANIFEST_FILE} says so), and spec ${spec} would overwrite it: ` +
        "give one of the specs another name, or synth them into different --out folders",
    );
  }
  for (const file of manifest.files) checkListedFile(dir, file);

  const owned = new Set([...generated, ...manifest.files, MANIFEST_FILE]);
  return { dir, exists: true, previous: manifest.files.filter((file) => file !== MANIFEST_FILE), notWritten: listNotWritten(dir, owned) };
}

/** A manifest entry must be a file (or nothing) inside real folders of the module. */
function checkListedFile(dir: string, file: string): void {
  const manifest = join(dir, MANIFEST_FILE);
  const onPath = linkOnPath(dir, join(dir, file), { includeLast: false });
  if (onPath !== undefined) {
    throw new OutputError(`${manifest} lists ${file}, but ${onPath.path} is a ${onPath.kind}, not a folder; kgen does not act through it: remove it`);
  }
  if (kindAt(join(dir, file)) === "folder") {
    throw new OutputError(`${manifest} lists ${file}, which is a folder; kgen lists only files it wrote, so the manifest was edited: remove it to let kgen write this folder`);
  }
}

/**
 * Entries of the module folder, its test folder and the folders kgen's own files are in, that
 * kgen does not own. Other subfolders are reported whole; Terraform does not read them unless a
 * configuration file names them, and such a file is itself reported.
 */
function listNotWritten(dir: string, owned: ReadonlySet<string>): NotWritten[] {
  const folders = new Set(["", TEST_FOLDER, ...[...owned].flatMap(parentFolders)]);
  const found: NotWritten[] = [];
  for (const folder of [...folders].sort()) {
    if (folder !== "" && (kindAt(join(dir, folder)) !== "folder" || linkOnPath(dir, join(dir, folder)) !== undefined)) continue;
    for (const name of readdirSync(join(dir, folder))) {
      const path = folder === "" ? name : `${folder}/${name}`;
      if (owned.has(path) || folders.has(path) || (folder === "" && isTerraformWorkingFile(name))) continue;
      const kind = kindAt(join(dir, path));
      const readFolder = isTerraformReadFolder(folder);
      if (kind === "folder") {
        found.push({ path: `${path}/`, terraformReads: false });
      } else {
        found.push({ path, terraformReads: readFolder && isTerraformReadName(name) });
      }
    }
  }
  // The test folder as a link or a file: Terraform would read test files through it.
  const tests = kindAt(join(dir, TEST_FOLDER));
  if (tests !== undefined && tests !== "folder" && !owned.has(TEST_FOLDER)) found.push({ path: TEST_FOLDER, terraformReads: true });
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
