/**
 * `npm run bench` (issues #7 and #17): whole `kgen synth` processes against the plain CDKTF path,
 * on generated specs of 1, 10, 100 and 1,000 data streams, printed as one markdown table; then
 * the everyday runs (everyday.ts: validate against `node -e 0`, synth --check against synth) and
 * the large specs' validation against their parsing (large-spec-times.ts).
 *
 * Every measurement is a separate process, so Node's start-up and module loading count on both
 * sides, as they do for a user. Paths below are inside a frozen copy of the package (snapshot()):
 * - kgen:      node bin/kgen.js synth spec.yaml --out DIR           (the real CLI)
 * - cdktf-lib: node bench/.build/cdktf-app.js spec.yaml             (same stacks, CDKTF's own HCL)
 * - cdktf-cli: cdktf synth --hcl, running that same app              (only if cdktf-cli is installed)
 * The three run in turn within each round, so drift on the machine hits them alike. Wall time
 * is hrtime around the child; peak RSS comes from /usr/bin/time (GNU, `%M`), or, where it is
 * missing, from rss-probe.ts preloaded into every Node process of the run. Medians of the
 * rounds are reported, and the peak RSS of all rounds.
 *
 * This reports and never fails on a figure: targets are printed as met or missed.
 *
 * Options: --sizes=1,10,100,1000  --runs=N (rounds; default 5, 3 from 1,000 streams)
 *   --timeout=120 (s per run; a tool that exceeds it is not run again at that size or larger)
 *   --profile (then one more kgen run at the largest size that finished, under --cpu-prof,
 *   summarized by profile-summary.ts)  --keep (keep the temp folder)
 *   --no-everyday (skip everyday.ts and large-spec-times.ts; their rounds: --runs, default 7)
 *   --no-cli (skip cdktf synth --hcl, which takes minutes at 1,000 streams)
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateSpec } from "./generate-spec";
import { benchEveryday, everydayReport } from "./everyday";
import { largeSpecTimes } from "./large-spec-times";
import { GNU_TIME, measure, median, peakRss, type Sample } from "./measure";
import { summarize } from "./profile-summary";

const ROOT = resolve(__dirname, "../..");
const CLI_BIN = join(ROOT, "node_modules/cdktf-cli/bundle/bin/cdktf");
/** cdktf-cli is a dev dependency for this comparison only; without it the cli columns stay empty. */
const CDKTF_CLI = existsSync(CLI_BIN) ? CLI_BIN : undefined;

/** Issue #7's targets. "Flat" is ours: the marginal time per stream grows at most this much from 100 to 1,000. */
const TARGETS = { libRatio: 1.5, cliRatio1000: 0.5, cliRatio10: 0.3, rssMB: 400, flatGrowth: 1.25 };
/** Issue #17's: every size within this much of the CDKTF library floor, and a lower memory bound. */
const EVERYDAY = { libRatio: 1.2, rssMB: 350 };

type Tool = "kgen" | "lib" | "cli";

interface Row {
  streams: number;
  resources: number;
  outputKB: number;
  samples: Record<Tool, Sample[]>;
  /** Set when a tool exceeded --timeout at this size: the seconds it was given. */
  timedOut: Partial<Record<Tool, number>>;
}

interface Options {
  sizes: number[];
  runs: number;
  timeout: number;
  profile: boolean;
  keep: boolean;
  /** The everyday rows (validate, --check) and the large specs' validation times; --no-everyday skips them. */
  everyday: boolean;
  /** Whether to run `cdktf synth --hcl` (minutes at 1,000 streams); --no-cli skips it. */
  cli: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { sizes: [1, 10, 100, 1000], runs: 0, timeout: 120, profile: false, keep: false, everyday: true, cli: true };
  for (const arg of argv) {
    const [name, value = ""] = arg.replace(/^--/, "").split("=");
    if (name === "sizes") options.sizes = value.split(",").map(Number);
    else if (name === "runs") options.runs = Number(value);
    else if (name === "timeout") options.timeout = Number(value);
    else if (name === "profile") options.profile = true;
    else if (name === "keep") options.keep = true;
    else if (name === "no-everyday") options.everyday = false;
    else if (name === "no-cli") options.cli = false;
    else throw new Error(`unknown option ${arg}; see bench/run.ts`);
  }
  return options;
}

/** Bytes of every file under `dir`, and the `resource` blocks of its .tf files. */
function outputOf(dir: string): { bytes: number; resources: number } {
  let bytes = 0;
  let resources = 0;
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const path = join(dir, entry);
    if (!statSync(path).isFile()) continue;
    bytes += statSync(path).size;
    if (path.endsWith(".tf")) resources += (readFileSync(path, "utf8").match(/^resource "/gm) ?? []).length;
  }
  return { bytes, resources };
}

/**
 * A frozen copy of kgen as it is packed (package.json `files`) plus the compiled bench, with
 * node_modules linked: others may rebuild dist/ while a long benchmark runs, and every run must
 * measure the same build. Returns the copy's root.
 */
function snapshot(work: string): string {
  const root = join(work, "kgen");
  const { files } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files: string[] };
  for (const entry of ["package.json", "bench/.build", ...files]) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(root, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
  return root;
}

async function benchSize(streams: number, options: Options, work: string, root: string, gaveUp: Set<Tool>): Promise<Row> {
  const kgen = join(root, "bin/kgen.js");
  const app = join(root, "bench/.build/cdktf-app.js");
  const dir = join(work, `streams-${streams}`);
  mkdirSync(dir);
  const spec = join(dir, "spec.yaml");
  writeFileSync(spec, generateSpec(streams));
  // cdktf-cli runs the app named in cdktf.json; CHECKPOINT_DISABLE keeps it (and terraform,
  // which it calls) from phoning home, so nothing here needs the network.
  const cliProject = join(dir, "cli");
  mkdirSync(cliProject);
  writeFileSync(join(cliProject, "cdktf.json"), JSON.stringify({ language: "typescript", app: `node ${app} ${spec}`, sendCrashReports: "false" }));
  const env = { ...process.env, CHECKPOINT_DISABLE: "1" };

  const commands: Record<Tool, (round: number) => { command: string[]; cwd: string; env: NodeJS.ProcessEnv }> = {
    // A fresh --out each round: every run writes all files, none is "unchanged".
    kgen: (round) => ({ command: [process.execPath, kgen, "synth", spec, "--out", `kgen-${round}`], cwd: dir, env }),
    lib: (round) => ({ command: [process.execPath, app, spec], cwd: dir, env: { ...env, CDKTF_OUTDIR: join(dir, `lib-${round}`) } }),
    cli: () => ({ command: [process.execPath, CDKTF_CLI ?? "", "synth", "--hcl"], cwd: cliProject, env }),
  };
  const tools: Tool[] = CDKTF_CLI === undefined || !options.cli ? ["kgen", "lib"] : ["kgen", "lib", "cli"];
  const row: Row = { streams, resources: 0, outputKB: 0, samples: { kgen: [], lib: [], cli: [] }, timedOut: {} };
  const rounds = options.runs > 0 ? options.runs : streams >= 1000 ? 3 : 5;

  for (let round = 0; round < rounds; round++) {
    for (const tool of tools) {
      if (gaveUp.has(tool)) {
        row.timedOut[tool] = options.timeout;
        continue;
      }
      const { command, cwd, env: toolEnv } = commands[tool](round);
      const sample = await measure(command, cwd, toolEnv, options.timeout);
      process.stderr.write(`  ${streams} streams, round ${round + 1}/${rounds}, ${tool}: ${sample === undefined ? "timed out" : `${sample.seconds.toFixed(2)} s`}\n`);
      if (sample === undefined) {
        gaveUp.add(tool);
        row.timedOut[tool] = options.timeout;
        continue;
      }
      row.samples[tool].push(sample);
      if (tool === "kgen" && round === 0) {
        const { bytes, resources } = outputOf(join(dir, "kgen-0"));
        row.outputKB = bytes / 1024;
        row.resources = resources;
      }
    }
  }
  return row;
}

// ---- reporting ----

/** Seconds, or a lower bound when the tool timed out, or "–" when not measured. */
function time(row: Row, tool: Tool): string {
  const seconds = median(row.samples[tool]);
  if (seconds !== undefined) return seconds.toFixed(2);
  return row.timedOut[tool] === undefined ? "–" : `> ${row.timedOut[tool]}`;
}

function ratio(row: Row | undefined, over: Tool): number | undefined {
  if (row === undefined) return undefined;
  const kgen = median(row.samples.kgen) ?? row.timedOut.kgen;
  const base = median(row.samples[over]);
  return kgen === undefined || base === undefined ? undefined : kgen / base;
}

/** kgen's median CPU time over `over`'s: what a busy machine distorts less than wall time. */
function cpuRatio(row: Row, over: Tool): number | undefined {
  const kgen = median(row.samples.kgen, "cpuSeconds");
  const base = median(row.samples[over], "cpuSeconds");
  return kgen === undefined || base === undefined ? undefined : kgen / base;
}

const fixed = (value: number | undefined, digits: number): string => (value === undefined ? "–" : value.toFixed(digits));

function report(rows: readonly Row[], options: Options): string {
  const at = (streams: number): Row | undefined => rows.find((row) => row.streams === streams);
  // A kgen run past the timeout makes its times and ratios lower bounds, and its RSS unknown.
  const timedOut = (streams: number): boolean => at(streams) !== undefined && median(at(streams)!.samples.kgen) === undefined;
  const lines = [
    "| streams | resources | kgen s | kgen peak RSS MB | output KB | cdktf-lib s | lib RSS MB | kgen/lib | kgen/lib CPU | cdktf-cli s | cli RSS MB | kgen/cli |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of rows) {
    const bound = timedOut(row.streams) ? "> " : "";
    lines.push(
      `| ${row.streams} | ${row.resources || "–"} | ${time(row, "kgen")} | ${fixed(peakRss(row.samples.kgen), 0)} | ${row.outputKB ? row.outputKB.toFixed(0) : "–"} ` +
        `| ${time(row, "lib")} | ${fixed(peakRss(row.samples.lib), 0)} | ${bound}${fixed(ratio(row, "lib"), 2)} | ${fixed(cpuRatio(row, "lib"), 2)} ` +
        `| ${time(row, "cli")} | ${fixed(peakRss(row.samples.cli), 0)} | ${bound}${fixed(ratio(row, "cli"), 2)} |`,
    );
  }
  const kgenAt = (streams: number): number | undefined => {
    const row = at(streams);
    return row === undefined ? undefined : (median(row.samples.kgen) ?? row.timedOut.kgen);
  };
  // Marginal time per stream: start-up (the 1-stream run) taken out, so "flat" means linear.
  const marginal = (streams: number): number | undefined => {
    const t = kgenAt(streams);
    const t1 = kgenAt(1);
    return t === undefined || t1 === undefined ? undefined : (t - t1) / (streams - 1);
  };
  const perStream = (streams: number): string => {
    const t = kgenAt(streams);
    const m = marginal(streams);
    return t === undefined ? "not measured" : `${((1000 * t) / streams).toFixed(1)} ms/stream overall, ${fixed(m === undefined ? m : 1000 * m, 2)} ms/stream marginal`;
  };
  const growth = ((m100, m1000) => (m100 === undefined || m1000 === undefined ? undefined : m1000 / m100))(marginal(100), marginal(1000));

  const verdict = (value: number | undefined, limit: number, unit: string, streams: number): string => {
    if (value === undefined) return timedOut(streams) ? `MISSED (kgen timed out after ${options.timeout} s)` : "not measured";
    const bound = timedOut(streams) ? "> " : "";
    return `${value <= limit && bound === "" ? "met" : "MISSED"} (${bound}${value.toFixed(2)}${unit}, target ≤ ${limit}${unit})`;
  };
  const targets = [
    `- 1,000 streams, kgen ≤ ${TARGETS.libRatio}× cdktf-lib: ${verdict(ratio(at(1000), "lib"), TARGETS.libRatio, "×", 1000)}`,
    `- 1,000 streams, kgen ≤ ${TARGETS.cliRatio1000}× cdktf-cli: ${verdict(ratio(at(1000), "cli"), TARGETS.cliRatio1000, "×", 1000)}`,
    `- 10 streams, kgen ≤ ${TARGETS.cliRatio10}× cdktf-cli: ${verdict(ratio(at(10), "cli"), TARGETS.cliRatio10, "×", 10)}`,
    `- 1,000 streams, kgen peak RSS ≤ ${TARGETS.rssMB} MB: ${verdict(peakRss(at(1000)?.samples.kgen ?? []), TARGETS.rssMB, " MB", 1000)}`,
    `- time per stream flat from 100 to 1,000 (marginal grows ≤ ${TARGETS.flatGrowth}×): ${verdict(growth, TARGETS.flatGrowth, "×", 1000)}`,
  ];
  const everyday = [
    ...[1, 10, 1000].map((n) => `- ${n.toLocaleString("en")} stream${n === 1 ? "" : "s"}, kgen ≤ ${EVERYDAY.libRatio}× cdktf-lib: ${verdict(ratio(at(n), "lib"), EVERYDAY.libRatio, "×", n)}`),
    `- 1,000 streams, kgen peak RSS ≤ ${EVERYDAY.rssMB} MB: ${verdict(peakRss(at(1000)?.samples.kgen ?? []), EVERYDAY.rssMB, " MB", 1000)}`,
  ];
  lines.push(
    "",
    `Time per stream (kgen): 100 streams: ${perStream(100)}; 1,000 streams: ${perStream(1000)}.`,
    "",
    "Targets (issue #7):",
    ...targets,
    "",
    "Targets (issue #17):",
    ...everyday,
    ...([...targets, ...everyday].some((line) => line.includes("MISSED")) && !options.profile ? ["", "A target is missed: `npm run bench -- --profile` shows where the time goes."] : []),
    "",
    `Rounds: ${options.runs || "5 (3 from 1,000 streams)"}; medians of wall time (kgen/lib CPU: of user + system CPU time), peak RSS over all rounds (${GNU_TIME ? "/usr/bin/time" : "rss-probe"}); ` +
      `timeout ${options.timeout} s per run. cdktf-cli: ${!options.cli ? "not run (--no-cli)" : CDKTF_CLI === undefined ? "not installed (npm i -D cdktf-cli@0.21.0 to compare)" : "cdktf synth --hcl"}.`,
  );
  return lines.join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), "kgen-bench-"));
  const started = process.hrtime.bigint();
  try {
    // Untimed warm-up: page cache and compile cache are then the same for every measured run.
    const root = snapshot(work);
    const warmUp = join(work, "warm-up");
    mkdirSync(warmUp);
    await benchSize(1, { ...options, runs: 1 }, warmUp, root, new Set());
    const rows: Row[] = [];
    const gaveUp = new Set<Tool>();
    for (const streams of options.sizes) rows.push(await benchSize(streams, options, work, root, gaveUp));
    process.stdout.write(`${report(rows, options)}\n`);
    if (options.everyday) {
      const everyday = await benchEveryday(root, work, options.runs || 7, options.timeout);
      process.stdout.write(`\n${everydayReport(everyday)}\n\n${largeSpecTimes(root, 3)}\n`);
    }
    if (options.profile) process.stdout.write(`\n${await profileKgen(rows, work, root, options)}\n`);
    // Other work on the machine inflates every figure (the ratios less): say how busy it was.
    const load = loadavg().map((l) => l.toFixed(1)).join(", ");
    process.stdout.write(`\nBenchmark wall time: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s; load average at the end ${load} (1, 5, 15 min).\n`);
  } finally {
    if (options.keep) process.stderr.write(`kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/** One more kgen run at the largest size that finished, under --cpu-prof, summarized. */
async function profileKgen(rows: readonly Row[], work: string, root: string, options: Options): Promise<string> {
  const row = [...rows].reverse().find((r) => r.samples.kgen.length > 0);
  if (row === undefined) return "Profile: no kgen run finished.";
  const dir = join(work, `streams-${row.streams}`);
  const command = [process.execPath, "--cpu-prof", "--cpu-prof-dir=profile", join(root, "bin/kgen.js"), "synth", "spec.yaml", "--out", "kgen-profiled"];
  await measure(command, dir, process.env, options.timeout * 2);
  const file = readdirSync(join(dir, "profile")).find((name) => name.endsWith(".cpuprofile"));
  if (file === undefined) return "Profile: node wrote no .cpuprofile.";
  return `Profile of kgen synth, ${row.streams} streams:\n\n${summarize(JSON.parse(readFileSync(join(dir, "profile", file), "utf8")))}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
