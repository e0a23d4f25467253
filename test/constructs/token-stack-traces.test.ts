import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Lazy } from "cdktf";
import { synthModule } from "kgen";
import { withoutTokenStackTraces } from "../../src/constructs/token-stack-traces";

/** A CDKTF token; `creationStack` is public on the objects Lazy returns. */
const lazyToken = () => Lazy.anyValue({ produce: () => "x" }) as unknown as { creationStack: string[] };

/** An Error subclass that captures its own trace from its constructor on, as many libraries do. */
class CapturingError extends Error {
  constructor(message: string) {
    super(message);
    Error.captureStackTrace(this, CapturingError);
  }
}

function throwingCaller(): never {
  throw new CapturingError("from a caller");
}

describe("withoutTokenStackTraces", () => {
  it("keeps CDKTF from recording a creation stack in the tokens it makes", () => {
    expect(lazyToken().creationStack.length).toBeGreaterThan(0);
    expect(withoutTokenStackTraces(() => lazyToken()).creationStack).toEqual([]);
  });

  it("gives a plain object a stack trace is captured onto an empty, non-enumerable stack", () => {
    const target: { stack?: string } = {};
    withoutTokenStackTraces(() => Error.captureStackTrace(target));
    expect(target.stack).toBe("");
    expect(Object.keys(target)).toEqual([]);
  });

  it("leaves real errors their message and frames", () => {
    const error = withoutTokenStackTraces(() => new Error("boom"));
    expect(error.stack).toMatch(/^Error: boom\n {4}at /);
  });

  it("leaves an Error subclass its own captured trace, from where it was thrown", () => {
    let caught: unknown;
    withoutTokenStackTraces(() => {
      try {
        throwingCaller();
      } catch (error) {
        caught = error;
      }
    });
    expect(caught).toBeInstanceOf(CapturingError);
    expect((caught as Error).stack).toMatch(/^Error: from a caller\n {4}at throwingCaller /);
  });

  it("puts the previous Error.captureStackTrace back, also when the work throws", () => {
    const before = Error.captureStackTrace;
    expect(() =>
      withoutTokenStackTraces(() => {
        throw new Error("inside");
      }),
    ).toThrow("inside");
    expect(Error.captureStackTrace).toBe(before);
  });

  it("leaves a library user's process as it found it after a synth", async () => {
    const before = Error.captureStackTrace;
    const text = readFileSync(join(__dirname, "../../examples/stock-trades.yaml"), "utf8");
    const result = await synthModule("stock-trades.yaml", text);
    expect(result.modules.length).toBeGreaterThan(0);
    expect(Error.captureStackTrace).toBe(before);
    expect(lazyToken().creationStack.length).toBeGreaterThan(0);
  });
});
