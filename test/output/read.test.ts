/**
 * kgen's one reader of files it did not create (output/read.ts): a regular file within the size
 * limit is read whole; anything else is refused before a byte is read, and never followed, never
 * waited on.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { linkOnPath, readRegularFile } from "../../src/output/read";

const POSIX = process.platform !== "win32";
const posix = POSIX ? test : test.skip;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kgen-read-"));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("a regular file is read whole, up to and including the limit", () => {
  const path = join(dir, "main.tf");
  writeFileSync(path, "héllo\n");
  const bytes = Buffer.byteLength("héllo\n");
  expect(readRegularFile(path, bytes)).toEqual({ ok: true, text: "héllo\n" });
  expect(readRegularFile(path, bytes - 1)).toEqual({ ok: false, problem: "too large", bytes, limit: bytes - 1 });
});

test("a file over the limit is refused from its size: a sparse 3 GB file costs nothing", () => {
  const path = join(dir, "huge.yaml");
  writeFileSync(path, "");
  truncateSync(path, 3 * 1024 ** 3);
  expect(readRegularFile(path, 1024 * 1024)).toEqual({ ok: false, problem: "too large", bytes: 3 * 1024 ** 3, limit: 1024 * 1024 });
});

test("nothing there, or a folder", () => {
  expect(readRegularFile(join(dir, "missing.tf"), 100)).toEqual({ ok: false, problem: "missing" });
  expect(readRegularFile(join(dir, "missing", "x.tf"), 100)).toEqual({ ok: false, problem: "missing" });
  mkdirSync(join(dir, "folder"));
  expect(readRegularFile(join(dir, "folder"), 100)).toMatchObject({ ok: false, problem: "not a file", kind: "folder" });
});

posix("a link is never followed: to a file, a folder, a device, or nowhere", () => {
  writeFileSync(join(dir, "target.tf"), "secret\n");
  for (const [name, target] of [["to-file", join(dir, "target.tf")], ["to-folder", dir], ["to-zero", "/dev/zero"], ["dangling", join(dir, "nothing")]]) {
    symlinkSync(target, join(dir, name));
    expect(readRegularFile(join(dir, name), 100)).toEqual({ ok: false, problem: "not a file", kind: "symbolic link", path: join(dir, name) });
  }
});

posix("a FIFO and a device are refused without waiting or reading", () => {
  execFileSync("mkfifo", [join(dir, "fifo")]);
  expect(readRegularFile(join(dir, "fifo"), 100)).toMatchObject({ ok: false, problem: "not a file", kind: "FIFO" });
  expect(readRegularFile("/dev/zero", 100)).toMatchObject({ ok: false, problem: "not a file", kind: "device" });
});

posix("below a trusted folder, a link on the way is refused too; above it, it is not checked", () => {
  mkdirSync(join(dir, "real", "tests"), { recursive: true });
  writeFileSync(join(dir, "real", "tests", "a.tftest.hcl"), "run {}\n");
  symlinkSync(join(dir, "real"), join(dir, "module"));
  const through = join(dir, "module", "tests", "a.tftest.hcl");
  expect(readRegularFile(through, 100, dir)).toEqual({ ok: false, problem: "not a file", kind: "symbolic link", path: join(dir, "module") });
  expect(readRegularFile(through, 100, join(dir, "module"))).toEqual({ ok: true, text: "run {}\n" });
  expect(linkOnPath(dir, through)).toEqual({ path: join(dir, "module"), kind: "symbolic link" });
  expect(linkOnPath(dir, join(dir, "real", "tests", "a.tftest.hcl"))).toBeUndefined();
  // A file where a folder belongs ends the path too.
  expect(linkOnPath(dir, join(dir, "real", "tests", "a.tftest.hcl", "x"))).toEqual({ path: join(dir, "real", "tests", "a.tftest.hcl"), kind: "file" });
});
