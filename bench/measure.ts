/**
 * One measured process of the benchmark: wall time (hrtime around the child) and peak RSS (GNU
 * `/usr/bin/time -f %M`, or, where it is missing, rss-probe.ts preloaded into every Node process).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const RSS_PROBE = join(__dirname, "rss-probe.js");
export const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

export interface Sample {
  seconds: number;
  rssMB: number;
  /**
   * User + system CPU seconds of the process and its children (GNU time `%U + %S`); less
   * sensitive than wall time to other work on a shared machine. Undefined without GNU time.
   */
  cpuSeconds?: number;
}

/** Runs `command` in `cwd`; wall seconds and peak RSS in MB, or undefined past the timeout. */
export async function measure(command: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutS: number): Promise<Sample | undefined> {
  const rssFile = join(cwd, ".peak-rss");
  rmSync(rssFile, { force: true });
  const argv = GNU_TIME === undefined ? command : [GNU_TIME, "-f", "%M %U %S", "-o", rssFile, ...command];
  const childEnv = GNU_TIME === undefined ? { ...env, NODE_OPTIONS: `--require ${RSS_PROBE}`, BENCH_RSS_FILE: rssFile } : env;

  const started = process.hrtime.bigint();
  // Its own process group, so a run past the timeout is ended with all its children.
  const child = spawn(argv[0], argv.slice(1), { cwd, env: childEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  }, timeoutS * 1000);
  const code = await new Promise<number | null>((done) => child.on("close", done));
  clearTimeout(timer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  if (timedOut) return undefined;
  if (code !== 0) throw new Error(`${command.join(" ")} exited with ${code} in ${cwd}:\n${output.slice(-4000)}`);
  // GNU time may write "Command exited ..." first, then "KiB user system"; the probe writes one
  // line (KiB) per process.
  const lines = readFileSync(rssFile, "utf8").split("\n").filter((line) => /^\d+( [\d.]+ [\d.]+)?$/.test(line));
  const kib = lines.map((line) => Number(line.split(" ")[0]));
  const [user, system] = GNU_TIME === undefined ? [] : lines[0].split(" ").slice(1).map(Number);
  return { seconds, rssMB: Math.max(...kib) / 1024, cpuSeconds: user === undefined ? undefined : user + system };
}

/** The median wall time of `samples`, or of their CPU time (undefined if any sample lacks it). */
export function median(samples: readonly Sample[], of: "seconds" | "cpuSeconds" = "seconds"): number | undefined {
  if (samples.length === 0 || samples.some((s) => s[of] === undefined)) return undefined;
  const sorted = samples.map((s) => s[of] ?? 0).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function peakRss(samples: readonly Sample[]): number | undefined {
  return samples.length === 0 ? undefined : Math.max(...samples.map((s) => s.rssMB));
}

