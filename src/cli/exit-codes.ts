/** kgen's exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  /** The spec has errors; nothing was written. */
  invalidSpec: 1,
  /** The command line is wrong. */
  usage: 2,
  /** `--check`: committed modules differ from what the specs generate. */
  checkFailed: 3,
  /** A bug in kgen. */
  internal: 4,
} as const;
