/** cdktf.json's `app`, run as cdktf-cli runs it: CDKTF_OUTDIR names the output folder. */
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT } from "./examples";

export type StackJson = Record<string, Record<string, Record<string, unknown>>>;

export interface SynthesizedApp {
  config: { app: string; output: string; language: string };
  stacks: string[];
  /** The first stack's folder, where Terraform reads its cdk.tf.json. */
  stackDir: string;
  stack: StackJson;
}

export function synthesizeCdktfApp(outdir: string): SynthesizedApp {
  const config = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as SynthesizedApp["config"];
  execSync(config.app, { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir }, stdio: "pipe" });
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
  const stacks = Object.keys(manifest.stacks);
  const path = join(outdir, manifest.stacks[stacks[0]].synthesizedStackPath);
  return { config, stacks, stackDir: dirname(path), stack: JSON.parse(readFileSync(path, "utf8")) as StackJson };
}
