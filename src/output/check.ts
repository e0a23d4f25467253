/**
 * `kgen synth --check`: compare what the spec generates with what is committed, write nothing.
 * Like `terraform fmt -check`, it is the CI gate against stale or hand-edited modules.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ModuleFiles } from "../render/module";
import { MANIFEST_FILE, manifestText, readManifest } from "./manifest";

export interface FileDifference {
  file: string;
  problem: "missing" | "differs" | "stale";
  /** For `differs`: the first differing line, 1-based, with both versions. */
  line?: { number: number; expected: string; actual: string };
}

export function checkModule(outDir: string, name: string, files: ModuleFiles): FileDifference[] {
  const dir = join(outDir, name);
  const expected = new Map(files);
  expected.set(MANIFEST_FILE, manifestText(files.keys()));
  const differences: FileDifference[] = [];
  for (const [file, content] of expected) {
    const actual = readOrUndefined(join(dir, file));
    if (actual === undefined) differences.push({ file: join(dir, file), problem: "missing" });
    else if (actual !== content) differences.push({ file: join(dir, file), problem: "differs", line: firstDifference(content, actual) });
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
