/** Scratch folders for tests that run the real binary: a copy of the examples, a previous run, a snapshot. */
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLES_DIR, ROOT } from "./examples";
import { kgenWithFault } from "./faults";

/** A new scratch folder holding a copy of examples/. */
export function newWork(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `kgen-${prefix}-`));
  cpSync(EXAMPLES_DIR, join(dir, "examples"), { recursive: true });
  return dir;
}

/**
 * The output folder of a previous run of `synth` (whose `--out` is `out`), with every file but the
 * manifests then edited: every file differs from what synth writes, so a run has to replace them
 * all, and must put every one back when it fails. Returns the folder, and what synth generates.
 */
export function editedPreviousRun(synth: readonly string[]): { template: string; generated: Record<string, string> } {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` (npm ci does it)");
  const work = newWork("previous");
  const result = kgenWithFault(work, synth);
  if (result.code !== 0) throw new Error(`synth failed: ${result.stderr}`);
  const generated = tree(join(work, "out"));
  for (const [file, content] of Object.entries(generated)) {
    if (!file.endsWith("/") && !file.endsWith(".kgen-manifest.json")) writeFileSync(join(work, "out", file), `${content}# edited\n`);
  }
  return { template: join(work, "out"), generated };
}

/** Every entry under a folder, nothing followed: files with content, links with target, folders marked; dot-folders included. */
export function tree(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (at: string, prefix: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) found[`${prefix}${name}`] = `-> ${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        found[`${prefix}${name}/`] = "(folder)";
        walk(path, `${prefix}${name}/`);
      } else if (stat.isFile()) found[`${prefix}${name}`] = readFileSync(path, "utf8");
      else found[`${prefix}${name}`] = "(special)";
    }
  };
  if (existsSync(dir)) walk(dir, "");
  return found;
}
