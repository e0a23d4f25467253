import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Lazy } from "cdktf";
import { synthModule } from "kgen";
import { withoutTokenStackTraces } from "../../src/constructs/token-stack-traces";

/** A CDKTF token; `creationStack` is public on the objects Lazy returns. */
const lazyToken = () => Lazy.anyValue({ produce: () => "x" }) as unknown as { creationStack: string[] };

describe("withoutTokenStackTraces", () => {
  it("keeps CDKTF from recording a creation stack in the tokens it makes", () => {
    expect(lazyToken().creationStack.length).toBeGreaterThan(0);
    expect(withoutTokenStackTraces(() => lazyToken()).creationStack).toEqual([]);
  });

  it("leaves real errors their message and frames", () => {
    const error = withoutTokenStackTraces(() => new Error("boom"));
    expect(error.stack).toMatch(/^Error: boom\n {4}at /);
  });

  it("puts the previous Error.prepareStackTrace back, also when the work throws", () => {
    const before = Error.prepareStackTrace;
    expect(() =>
      withoutTokenStackTraces(() => {
        throw new Error("inside");
      }),
    ).toThrow("inside");
    expect(Error.prepareStackTrace).toBe(before);
  });

  it("leaves a library user's process as it found it after a synth", async () => {
    const before = Error.prepareStackTrace;
    const text = readFileSync(join(__dirname, "../../examples/stock-trades.yaml"), "utf8");
    const result = await synthModule("stock-trades.yaml", text);
    expect(result.modules.length).toBeGreaterThan(0);
    expect(Error.prepareStackTrace).toBe(before);
    expect(lazyToken().creationStack.length).toBeGreaterThan(0);
  });
});
