/**
 * The real kgen binary with faults injected: a script `node --require`s before kgen patches
 * kgen's compiled modules or Node's `fs`, chosen by KGEN_FAULT, at the KGEN_FAULT_AT-th call.
 * Only calls on kgen's staging folder (a path holding `.kgen-`) are counted, so the counts are
 * the steps of a commit (output/commit.ts): each file moved aside, each file moved in.
 *
 * - `rule`: a rule throws (a bug in kgen)
 * - `stage`: building the N-th manifest throws, while kgen plans its modules
 * - `rename`: the N-th rename throws a TypeError (a bug); `rename-refused`: it fails with EACCES;
 *   `rename-and-undo`: it and every later one throw, so the roll back fails too
 * - `kill` / `interrupt`: the process gets SIGKILL / SIGINT instead of the N-th rename
 * - `kill-cleanup`: SIGKILL while removing the staging folder of a committed run
 * - `full-disk`: the N-th file written into the stage fails with ENOSPC
 * - `full-disk-marker`: creating the `committed` marker fails with ENOSPC, after every rename
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./examples";

const BIN = join(ROOT, "bin", "kgen.js");

const FAULTS = `
const fs = require("fs");
const path = require("path");
const dist = path.join(process.env.KGEN_FAULT_ROOT, "dist");
const fault = process.env.KGEN_FAULT;
const at = Number(process.env.KGEN_FAULT_AT || "1");
const staging = (p) => String(p).includes(".kgen-");
const systemError = (code, syscall, p) => Object.assign(new Error(code + ": injected, " + syscall), { code, syscall, path: String(p) });
if (fault === "rule") {
  require(path.join(dist, "spec", "rules-names.js")).checkNames = () => {
    throw new TypeError("injected: a rule crashed");
  };
}
if (fault === "stage") {
  const manifest = require(path.join(dist, "output", "manifest.js"));
  const original = manifest.manifestText;
  let calls = 0;
  manifest.manifestText = function () {
    if (++calls === at) throw new TypeError("injected: staging crashed");
    return original(...arguments);
  };
}
if (["rename", "rename-refused", "rename-and-undo", "kill", "interrupt"].includes(fault)) {
  const original = fs.renameSync;
  let calls = 0;
  fs.renameSync = function (from, to) {
    // The journal's own rename into place is not a step of the commit.
    if ((staging(from) || staging(to)) && !String(from).endsWith(".partial")) {
      calls++;
      if (calls === at || (fault === "rename-and-undo" && calls > at)) {
        if (fault === "kill") process.kill(process.pid, "SIGKILL");
        if (fault === "interrupt") process.kill(process.pid, "SIGINT");
        if (fault === "rename-refused") throw systemError("EACCES", "rename", from);
        throw new TypeError("injected: rename crashed");
      }
    }
    return original.apply(this, arguments);
  };
}
if (fault === "kill-cleanup") {
  const original = fs.rmSync;
  fs.rmSync = function (p) {
    if (staging(p) && fs.existsSync(path.join(String(p), "committed"))) process.kill(process.pid, "SIGKILL");
    return original.apply(this, arguments);
  };
}
if (fault === "full-disk") {
  // The first write into each file opened under the stage's modules/ (not the journal) counts.
  const open = fs.openSync;
  const write = fs.writeSync;
  const staged = new Map();
  let calls = 0;
  fs.openSync = function (p) {
    const fd = open.apply(this, arguments);
    if (staging(p) && String(p).includes(path.sep + "modules" + path.sep)) staged.set(fd, String(p));
    return fd;
  };
  fs.writeSync = function (fd) {
    const p = staged.get(fd);
    staged.delete(fd);
    if (p !== undefined && ++calls === at) throw systemError("ENOSPC", "write", p);
    return write.apply(this, arguments);
  };
}
if (fault === "full-disk-marker") {
  const original = fs.openSync;
  fs.openSync = function (p) {
    if (staging(p) && String(p).endsWith("committed")) throw systemError("ENOSPC", "open", p);
    return original.apply(this, arguments);
  };
}
`;

export interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let script: string | undefined;

/** Runs kgen in `work`, with a fault when one is named. */
export function kgenWithFault(work: string, args: readonly string[], fault?: string, at = 1): Result {
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: "", KGEN_FAULT_ROOT: ROOT };
  if (fault !== undefined) {
    // Outside `work`, so that a test's snapshot of it does not see the script.
    if (script === undefined) {
      script = join(mkdtempSync(join(tmpdir(), "kgen-faults-")), "faults.js");
      writeFileSync(script, FAULTS);
    }
    env.KGEN_FAULT = fault;
    env.KGEN_FAULT_AT = String(at);
    env.NODE_OPTIONS = `--require ${script}`;
  }
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: "utf8", env, timeout: 120_000 });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** For afterAll: removes the fault script's folder. */
export function removeFaultScript(): void {
  if (script !== undefined) rmSync(join(script, ".."), { recursive: true, force: true });
  script = undefined;
}
