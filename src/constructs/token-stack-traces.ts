/**
 * CDKTF records a full stack trace in every token it creates (`creationStack`: unlimited depth,
 * split into lines), only to quote it if that token later fails to resolve. For a 1,000-stream
 * spec that is ~40 MB of live strings and as much garbage again (issue #7). Tokens in kgen's own
 * module stacks never fail in front of a user, so while kgen builds and resolves those stacks,
 * stack traces captured onto plain objects (how CDKTF captures them) format as empty. Real Errors
 * keep their usual stack.
 */
export function withoutTokenStackTraces<T>(work: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]): unknown => {
    if (!(target instanceof Error)) return "";
    return previous === undefined ? v8DefaultFormat(target, frames) : previous(target, frames);
  };
  try {
    return work();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

/** What V8 prints when no `Error.prepareStackTrace` is set. */
function v8DefaultFormat(error: Error, frames: readonly NodeJS.CallSite[]): string {
  return Error.prototype.toString.call(error) + frames.map((frame) => `\n    at ${String(frame)}`).join("");
}
