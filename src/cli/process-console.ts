/**
 * The process's own stdout and stderr as kgen's Console. A write can fail after kgen started:
 * the reader of a pipe left (`kgen explain spec | head -1`: EPIPE) or the device is full
 * (`kgen schema > /dev/full`: ENOSPC). Node reports either as an 'error' event on the stream,
 * which, unhandled, crashes the process with a stack trace.
 */
import { EXIT } from "./exit-codes";
import type { Console } from "./report";

export interface ProcessConsole {
  io: Console;
  /** The exit code for a command that returned `code`: a success whose output was lost is exit 2. */
  exitCode: (code: number) => number;
}

/** Call once per process: it handles the errors of process.stdout and process.stderr. */
export function processConsole(): ProcessConsole {
  let stdoutGone = false;
  let outputLost = false;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    stdoutGone = true;
    // The reader has what it wanted: stop printing, quietly, as Unix tools do. The command still
    // completes (synth still writes its modules) and exits with its own code.
    if (error.code === "EPIPE" || outputLost) return;
    outputLost = true;
    process.stderr.write(`kgen: cannot write to standard output: ${describe(error)}\n`);
    // The command may have returned already: its exit code is set, so correct it here too.
    if (process.exitCode === undefined || process.exitCode === EXIT.ok) process.exitCode = EXIT.usage;
  });
  // With stderr gone there is nowhere left to report anything: the exit code says what happened.
  process.stderr.on("error", () => undefined);
  return {
    io: {
      out: (line) => {
        if (!stdoutGone) process.stdout.write(`${line}\n`);
      },
      err: (line) => process.stderr.write(`${line}\n`),
      interactive: process.stdout.isTTY === true,
      colorable: process.stderr.isTTY === true,
    },
    exitCode: (code) => (outputLost && code === EXIT.ok ? EXIT.usage : code),
  };
}

function describe(error: NodeJS.ErrnoException): string {
  if (error.code === "ENOSPC") return "the device is full (ENOSPC)";
  return error.code ?? error.message;
}
