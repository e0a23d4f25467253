/**
 * The everyday runs of issue #17, as whole processes in the frozen copy of kgen (run.ts):
 * - `kgen validate` of an example against a bare `node -e 0` (Node's own start-up), and against
 *   Node loading the YAML parser and parsing the same file, nothing else: the least any validation
 *   that reports YAML lines and columns with this parser can take;
 * - `kgen synth --check` of the examples against `kgen synth` of the same examples.
 * Each round runs the four in turn, so drift on the machine hits them alike; the ratios are of
 * the medians, measured in the same run. The 1-, 10- and 1,000-stream synth against the CDKTF
 * library floor are the main table's kgen/lib column.
 */
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { measure, median, type Sample } from "./measure";

/** Issue #17's targets for these rows. */
export const EVERYDAY_TARGETS = { validateSeconds: 0.12, validateRatio: 2.5, checkRatio: 1 };

type Run = "node" | "yaml" | "validate" | "synth" | "check";

export interface EverydayResult {
  samples: Record<Run, Sample[]>;
  rounds: number;
}

export async function benchEveryday(root: string, work: string, rounds: number, timeoutS: number): Promise<EverydayResult> {
  const kgen = join(root, "bin/kgen.js");
  const examples = readdirSync(join(root, "examples"))
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => join(root, "examples", name));
  const dir = join(work, "everyday");
  mkdirSync(dir);
  const node = process.execPath;
  const commands: Record<Run, (round: number) => string[]> = {
    node: () => [node, "-e", "0"],
    // Resolved from kgen's folder, as kgen resolves it.
    yaml: () => [node, "-e", `require(${JSON.stringify(require.resolve("yaml", { paths: [root] }))}).parseDocument(require("fs").readFileSync(process.argv[1], "utf8"))`, join(root, "examples", "stock-trades.yaml")],
    validate: () => [node, kgen, "validate", join(root, "examples", "stock-trades.yaml")],
    // A fresh --out each round, so every file is written; --check compares with round 0's.
    synth: (round) => [node, kgen, "synth", ...examples, "--out", `modules-${round}`],
    check: () => [node, kgen, "synth", "--check", ...examples, "--out", "modules-0"],
  };
  const samples: Record<Run, Sample[]> = { node: [], yaml: [], validate: [], synth: [], check: [] };
  for (let round = 0; round < rounds; round++) {
    for (const run of Object.keys(commands) as Run[]) {
      const sample = await measure(commands[run](round), dir, process.env, timeoutS);
      if (sample === undefined) throw new Error(`${commands[run](round).join(" ")} took more than ${timeoutS} s`);
      process.stderr.write(`  everyday, round ${round + 1}/${rounds}, ${run}: ${sample.seconds.toFixed(3)} s\n`);
      samples[run].push(sample);
    }
  }
  return { samples, rounds };
}

export function everydayReport({ samples, rounds }: EverydayResult): string {
  const at = (run: Run): number => median(samples[run]) ?? NaN;
  const cpu = (run: Run, over: Run): string => {
    const [time, base] = [median(samples[run], "cpuSeconds"), median(samples[over], "cpuSeconds")];
    return time === undefined || base === undefined ? "–" : (time / base).toFixed(2);
  };
  const met = (ok: boolean): string => (ok ? "met" : "MISSED");
  const validateRatio = at("validate") / at("node");
  const checkRatio = at("check") / at("synth");
  const { validateSeconds, validateRatio: ratioLimit, checkRatio: checkLimit } = EVERYDAY_TARGETS;
  return [
    "| run | median s | against | median s | ratio | CPU ratio |",
    "|---|---:|---|---:|---:|---:|",
    `| \`kgen validate examples/stock-trades.yaml\` | ${at("validate").toFixed(3)} | \`node -e 0\` | ${at("node").toFixed(3)} | ${validateRatio.toFixed(2)} | ${cpu("validate", "node")} |`,
    `| \`kgen validate examples/stock-trades.yaml\` | ${at("validate").toFixed(3)} | YAML parser alone (load + parse) | ${at("yaml").toFixed(3)} | ${(at("validate") / at("yaml")).toFixed(2)} | ${cpu("validate", "yaml")} |`,
    `| \`kgen synth --check examples/*.yaml\` | ${at("check").toFixed(3)} | \`kgen synth examples/*.yaml\` | ${at("synth").toFixed(3)} | ${checkRatio.toFixed(2)} | ${cpu("check", "synth")} |`,
    "",
    "Targets (issue #17):",
    `- kgen validate ≤ ${validateSeconds} s: ${met(at("validate") <= validateSeconds)} (${at("validate").toFixed(3)} s; loading and running the YAML parser alone: ${at("yaml").toFixed(3)} s)`,
    `- kgen validate ≤ ${ratioLimit}× node -e 0: ${met(validateRatio <= ratioLimit)} (${validateRatio.toFixed(2)}×)`,
    `- synth --check of the examples no slower than synth: ${met(checkRatio <= checkLimit)} (${checkRatio.toFixed(2)}×)`,
    "",
    `Rounds: ${rounds}, medians of wall time; CPU ratio: of median user + system CPU time.`,
  ].join("\n");
}
