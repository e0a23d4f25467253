/**
 * `kgen synth` lets go of the parsed spec before it renders the modules (issue #17): the YAML
 * document it keeps to locate diagnostics is ~8 MB of live heap at 1,000 streams, which rendering
 * need not carry. The witness is V8's collector, in a process of its own (`--expose-gc`): the
 * validation result is collected by a full collection made as rendering starts, so its
 * FinalizationRegistry callback runs. No collection is forced after that, so a result still held
 * while rendering is reported collected only if V8 happened to collect it in the moment after.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const DIST = join(__dirname, "..", "dist");
const SPEC = join(__dirname, "..", "examples", "stock-trades.yaml");

const PROBE = `
const { readFileSync } = require("node:fs");
const rules = require(${JSON.stringify(join(DIST, "spec/rules.js"))});
const traces = require(${JSON.stringify(join(DIST, "constructs/token-stack-traces.js"))});
const { compileSpec } = require(${JSON.stringify(join(DIST, "compile.js"))});
let collected = false;
const registry = new FinalizationRegistry(() => { collected = true; });
const validate = rules.validateSpec;
rules.validateSpec = (...args) => { const result = validate(...args); registry.register(result, "validated"); return result; };
const render = traces.withoutTokenStackTraces;
let rendered = false;
traces.withoutTokenStackTraces = (work) => { global.gc(); rendered = true; return render(work); };
compileSpec(${JSON.stringify(SPEC)}, readFileSync(${JSON.stringify(SPEC)}, "utf8")).then((result) => {
  setTimeout(() => process.stdout.write(JSON.stringify({ rendered, modules: result.modules.length, collected })), 200);
});
`;

test("the validated spec is not held while the modules are rendered", () => {
  const run = spawnSync(process.execPath, ["--expose-gc", "-e", PROBE], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(JSON.parse(run.stdout)).toEqual({ rendered: true, modules: 1, collected: true });
});
