/**
 * kgen lets CDKTF forget each module stack once it has read it (issue #17: ~40 MB of a 1,000-stream
 * run). The witness is CDKTF's own process-wide token map (cdktf/lib/tokens/private/token-map.js):
 * it holds every token, and each token its construct. If a CDKTF update moved it, this fails
 * rather than the memory quietly coming back.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Token, Tokenization } from "cdktf";
import { buildModuleStack } from "../../src/constructs/module";
import { readStack, synthesizeModule } from "../../src/constructs/synthesized";
import { resolveModel } from "../../src/model/resolve";
import { validateSpec } from "../../src/spec/rules";
import { EXAMPLES_DIR } from "../support/examples";

function stockTrades() {
  const file = join(EXAMPLES_DIR, "stock-trades.yaml");
  const { spec } = validateSpec(file, readFileSync(file, "utf8"));
  if (spec === undefined) throw new Error("example does not validate");
  return resolveModel(spec);
}

/** How many tokens CDKTF's token map holds. */
function tokensHeld(): number {
  const map = (globalThis as { __cdktfTokenMap?: { stringTokenMap: Map<string, unknown>; numberTokenMap: Map<number, unknown> } }).__cdktfTokenMap;
  if (map === undefined) throw new Error("CDKTF keeps no token map at global.__cdktfTokenMap any more");
  return map.stringTokenMap.size + map.numberTokenMap.size;
}

test("a stack synthesized for a module leaves CDKTF's token map as it found it, and the same JSON as the stack", () => {
  const model = stockTrades();
  // A token of someone else's (a library user's stack) stays.
  const theirs = Token.asString({ resolve: () => "theirs" });
  const before = tokensHeld();
  const synthesized = synthesizeModule(() => buildModuleStack(model));
  expect(tokensHeld()).toBe(before);
  expect(Tokenization.reverseString(theirs).firstToken).toBeDefined();

  const kept = buildModuleStack(model);
  expect(synthesized.json).toEqual(readStack(kept).json);
  expect(synthesized.placements).toEqual(kept.placements);
  // readStack alone keeps the stack usable: its tokens are still there.
  expect(tokensHeld()).toBeGreaterThan(before);
});
