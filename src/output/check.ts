/**
 * `kgen synth --check`: compare what the spec generates with what is committed, write nothing.
 * Like `terraform fmt -check`, it is the CI gate against stale or hand-edited modules.
 */
import { join } from "node:path";
import { counted } from "../english";
import type { ModuleFiles } from "../render/module";
import { MANIFEST_FILE, manifestText } from "./manifest";
import { inspectModuleFolder } from "./module-folder";
import { MAX_MODULE_FILE_BYTES, readRegularFile, type EntryKind } from "./read";

export interface FileDifference {
  file: string;
  /**
   * `not a file`: a link, folder or FIFO where kgen writes a regular file; `not written`: a file
   * Terraform reads with the generated ones that kgen did not write (terraform-files.ts).
   */
  problem: "missing" | "differs" | "stale" | "not a file" | "not written";
  /** For `not a file`: what is there instead. */
  kind?: EntryKind;
  /** For `differs`: the committed file's size, when it is over what kgen reads. */
  bytes?: number;
  /** For `differs`: the first differing line, 1-based, with both versions. */
  line?: { number: number; expected: string; actual: string };
  /** For `differs`: a short unified diff, committed (`-`) against generated (`+`). */
  diff?: string[];
}

export interface ModuleCheck {
  differences: FileDifference[];
  /** Files (and folders, ending with `/`) kgen did not write and Terraform does not read: reported, not a failure. */
  notWritten: string[];
}

/**
 * Throws OutputError when kgen may not judge the folder at all (a link, a forged manifest,
 * another spec's folder: module-folder.ts), as synth would refuse to write it.
 */
export function checkModule(outDir: string, name: string, spec: string, files: ModuleFiles): ModuleCheck {
  const folder = inspectModuleFolder(outDir, name, spec, files.keys());
  const dir = folder.dir;
  const expected = new Map(files);
  expected.set(MANIFEST_FILE, manifestText(spec, files.keys()));
  const differences: FileDifference[] = [];
  for (const [file, content] of expected) {
    const path = join(dir, file);
    const read = readRegularFile(path, MAX_MODULE_FILE_BYTES, dir);
    if (read.ok) {
      if (read.text !== content) differences.push({ file: path, problem: "differs", line: firstDifference(content, read.text), diff: shortDiff(read.text, content) });
    } else if (read.problem === "missing") {
      differences.push({ file: path, problem: "missing" });
    } else if (read.problem === "not a file") {
      differences.push({ file: read.path, problem: "not a file", kind: read.kind });
    } else {
      differences.push({ file: path, problem: "differs", ...(read.problem === "too large" ? { bytes: read.bytes } : {}) });
    }
  }
  for (const file of folder.previous) {
    if (!expected.has(file)) differences.push({ file: join(dir, file), problem: "stale" });
  }
  for (const entry of folder.notWritten) {
    if (entry.terraformReads) differences.push({ file: join(dir, entry.path), problem: "not written" });
  }
  const notWritten = folder.notWritten.filter((entry) => !entry.terraformReads).map((entry) => join(dir, entry.path));
  return { differences, notWritten };
}

function firstDifference(expected: string, actual: string): FileDifference["line"] {
  const a = expected.split("\n");
  const b = actual.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { number: i + 1, expected: a[i] ?? "", actual: b[i] ?? "" };
  }
  return undefined;
}

const CONTEXT = 2;
const MAX_CHANGED = 8;

/**
 * One unified-diff hunk around what changed: the lines between the common start and the common
 * end of both files, with two lines of context, each side cut to eight lines. Enough to see a
 * hand edit or a stale module at a glance; `kgen synth` and `git diff` show the rest.
 */
export function shortDiff(committed: string, generated: string): string[] {
  const a = committed.split("\n");
  const b = generated.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const from = Math.max(0, start - CONTEXT);
  const removed = a.slice(start, a.length - end);
  const added = b.slice(start, b.length - end);
  const before = a.slice(from, start);
  const after = a.slice(a.length - end, Math.min(a.length, a.length - end + CONTEXT));
  const cut = (lines: string[], sign: string): string[] =>
    lines.length <= MAX_CHANGED ? lines.map((l) => `${sign}${l}`) : [...lines.slice(0, MAX_CHANGED).map((l) => `${sign}${l}`), `${sign}... (${counted(lines.length - MAX_CHANGED, "more line")})`];
  return [
    `@@ -${from + 1},${before.length + removed.length + after.length} +${from + 1},${before.length + added.length + after.length} @@`,
    ...before.map((l) => ` ${l}`),
    ...cut(removed, "-"),
    ...cut(added, "+"),
    ...after.map((l) => ` ${l}`),
  ];
}
