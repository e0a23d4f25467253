import fc from "fast-check";
import { writeFileSync } from "node:fs";
import { validateSpec } from "../../src/spec/rules";
// @ts-ignore
import * as F from "./fuzz-internals";
test("prof", () => {
  const samples = fc.sample(F.mutatedSpecRaw, { seed: 20240501, numRuns: 120 });
  let i = 0;
  for (const s of samples) {
    const text = F.mutate(F.EXAMPLES[s.example], s.mutations);
    const t = Date.now(); const r = validateSpec("f", text); const v = Date.now() - t;
    if (v > 1000) { writeFileSync(`/tmp/slow${i++}.yaml`, text); console.log("slow", v, JSON.stringify(s.mutations).slice(0, 300), r.diagnostics.map((d) => d.code).join(",")); }
  }
});
