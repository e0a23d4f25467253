/**
 * Where a `kgen synth` run spends its time, from a V8 CPU profile (`node --cpu-prof`): the top
 * functions by self time, and each sample charged to the innermost kgen stage on its stack
 * (so the stages add up to the whole run; a `require` inside a stage counts as module loading).
 *
 * Usage: node bench/.build/profile-summary.js FILE.cpuprofile [TOP]
 */
import { readFileSync } from "node:fs";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Stages in the order of the pipeline; a frame belongs to the first whose test it passes. */
const STAGES: ReadonlyArray<[string, (frame: CallFrame) => boolean]> = [
  ["module loading (require, compile)", (f) => f.url.startsWith("node:internal/modules/") || f.functionName === "compileFunction"],
  ["format: hclwrite WASM (render/format)", (f) => f.url.startsWith("wasm://") || f.url.includes("@cdktf/hcl-tools") || is(f, "formatHcl", "/render/format.js")],
  ["parse + validate spec (spec/)", (f) => is(f, "validateSpec", "/spec/rules.js")],
  ["resolve model (model/)", (f) => is(f, "resolveModel", "/model/resolve.js")],
  ["policy size checks (permissions/limits)", (f) => is(f, "checkPolicyLimits", "/permissions/limits.js")],
  ["constructs: build stacks (constructs/)", (f) => is(f, "buildModuleStack", "/constructs/module.js") || is(f, "buildCompanionStack", "/constructs/companion.js")],
  ["CDKTF toTerraform (token resolution)", (f) => f.functionName === "toTerraform" && f.url.includes("/cdktf/lib/terraform-stack.js")],
  ["README access summary (explain matrix)", (f) => f.url.includes("/dist/explain/") || f.url.endsWith("/render/access-summary.js") || f.url.endsWith("/render/action-reasons.js")],
  ["README (render/readme, handlebars)", (f) => f.url.endsWith("/render/readme.js") || f.url.includes("/handlebars/")],
  ["module tests, without their printing (render/module-tests, test-mocks)", (f) => f.url.endsWith("/render/module-tests.js") || f.url.endsWith("/render/test-mocks.js")],
  ["HCL printer (render/hcl, from-terraform-json)", (f) => f.url.endsWith("/render/hcl.js") || f.url.endsWith("/render/from-terraform-json.js")],
  ["write files (output/)", (f) => is(f, "writeModule", "/output/write.js")],
  ["garbage collector", (f) => f.functionName === "(garbage collector)"],
];

function is(frame: CallFrame, name: string, urlSuffix: string): boolean {
  return frame.functionName === name && frame.url.endsWith(urlSuffix);
}

function label(frame: CallFrame): string {
  const where = frame.url.replace(/^.*\/node_modules\//, "").replace(/^file:\/\/.*?\/(dist|bench)\//, "$1/");
  return `${frame.functionName || "(anonymous)"} ${where}${where ? `:${frame.lineNumber + 1}` : ""}`;
}

export function summarize(profile: CpuProfile, top = 20): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // Microseconds per node (the delta before a sample is that sample's time).
  const selfTime = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = Math.max(0, profile.timeDeltas[i] ?? 0);
    selfTime.set(id, (selfTime.get(id) ?? 0) + delta);
    total += delta;
  });

  const byFunction = new Map<string, number>();
  const byStage = new Map<string, number>();
  for (const [id, time] of selfTime) {
    const key = label(byId.get(id)!.callFrame);
    byFunction.set(key, (byFunction.get(key) ?? 0) + time);
    let stage = "other (CLI, yargs, idle)";
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const found = STAGES.find(([, test]) => test(byId.get(at!)!.callFrame));
      if (found !== undefined) {
        stage = found[0];
        break;
      }
    }
    byStage.set(stage, (byStage.get(stage) ?? 0) + time);
  }

  const row = ([name, time]: [string, number]): string => `| ${name} | ${(time / 1e6).toFixed(2)} | ${((100 * time) / total).toFixed(1)}% |`;
  const sorted = (map: Map<string, number>): Array<[string, number]> => [...map].sort((a, b) => b[1] - a[1]);
  return [
    `Profiled: ${(total / 1e6).toFixed(2)} s of samples.`,
    "",
    "| stage | s | share |",
    "|---|---:|---:|",
    ...sorted(byStage).map(row),
    "",
    `| top ${top} functions by self time | s | share |`,
    "|---|---:|---:|",
    ...sorted(byFunction).slice(0, top).map(row),
  ].join("\n");
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (file === undefined) throw new Error("usage: profile-summary.js FILE.cpuprofile [TOP]");
  process.stdout.write(`${summarize(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(top ?? 20))}\n`);
}
