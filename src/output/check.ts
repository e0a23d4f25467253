/**
 * `kgen synth --check`: compare what the spec generates with what is committed, write nothing.
 * Like `terraform fmt -check`, it is the CI gate against stale or hand-edited modules.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { counted } from "../english";
import type { ModuleFiles } from "../render/module";
import { MANIFEST_FILE, manifestText, readManifest } from "./manifest";

export interface FileDifference {
  file: string;
  problem: "missing" | "differs" | "stale";
  /** For `differs`: the first differing line, 1-based, with both versions. */
  line?: { number: number; expected: string; actual: string };
  /** For `differs`: a short unified diff, committed (`-`) against generated (`+`). */
  diff?: string[];
}

export function checkModule(outDir: string, name: string, spec: string, files: ModuleFiles): FileDifference[] {
  const dir = join(outDir, name);
  const expected = new Map(files);
  expected.set(MANIFEST_FILE, manifestText(spec, files.keys()));
  const differences: FileDifference[] = [];
  for (const [file, content] of expected) {
    const actual = readOrUndefined(join(dir, file));
    if (actual === undefined) differences.push({ file: join(dir, file), problem: "missing" });
    else if (actual !== content) {
      differences.push({ file: join(dir, file), problem: "differs", line: firstDifference(content, actual), diff: shortDiff(actual, content) });
    }
  }
  let previous: string[] = [];
  try {
    previous = readManifest(dir).files;
  } catch {
    // An unreadable manifest was already reported as differing above.
  }
  for (const file of previous) {
    if (!expected.has(file)) differences.push({ file: join(dir, file), problem: "stale" });
  }
  return differences;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
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
