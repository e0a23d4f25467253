/**
 * CDKTF records a full stack trace in every token it creates (`creationStack`: unlimited depth,
 * split into lines), only to quote it if that token later fails to resolve. For a 1,000-stream
 * spec that is ~40 MB of live strings and as much garbage again (issue #7), and walking the stack
 * for each of those tokens cost ~0.3 s of CPU more (issue #17). Tokens in kgen's own module
 * stacks never fail in front of a user, so while kgen builds and resolves those stacks, a stack
 * trace captured onto a plain object (how CDKTF captures one: cdktf/lib/tokens/private/stack-trace.js)
 * is not captured: the object's `stack` is the empty string, which CDKTF records as no frames.
 * Real Errors, including an Error subclass that captures its own trace, keep their usual stack.
 */
export function withoutTokenStackTraces<T>(work: () => T): T {
  const previous = Error.captureStackTrace;
  Error.captureStackTrace = (target, below) => {
    if (target instanceof Error) previous.call(Error, target, below);
    // What V8 defines on the target (non-enumerable), formatted as nothing.
    else Object.defineProperty(target, "stack", { value: "", writable: true, configurable: true, enumerable: false });
  };
  try {
    return work();
  } finally {
    Error.captureStackTrace = previous;
  }
}
