/**
 * The one way kgen reads a file it did not create in this run: a spec, a manifest, a committed
 * module file. Specs and module folders come from pull requests, so a read must not follow a
 * symbolic link (`main.tf -> /dev/zero`, `-> /etc/shadow`), must not open anything but a regular
 * file (a FIFO blocks forever, a device never ends), and must know the size before reading (a
 * 3 GB spec is refused from its size, not after it has been read whole).
 *
 * Each path component below a trusted folder is checked with lstat; the last one is also opened
 * with O_NOFOLLOW and O_NONBLOCK (where the platform has them) and checked again on the open
 * descriptor, so a file swapped between the check and the open is still caught.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

/**
 * Committed module files kgen reads: at most 64 MiB. A 1 MiB spec (the most kgen reads, KG1003)
 * generates files of about 20 MB at most (a spec of 1,000 streams, 300 KB, writes a 5 MB
 * README), so a larger file cannot be one kgen wrote and is not read.
 */
export const MAX_MODULE_FILE_BYTES = 64 * 1024 * 1024;

/** What is at a path, seen without following a link. */
export type EntryKind = "file" | "folder" | "symbolic link" | "FIFO" | "socket" | "device";

export type FileRead =
  | { ok: true; text: string }
  | { ok: false; problem: "missing" }
  | { ok: false; problem: "not a file"; kind: EntryKind; path: string }
  | { ok: false; problem: "too large"; bytes: number; limit: number }
  | { ok: false; problem: "unreadable"; code: string };

export function entryKind(stat: Stats): EntryKind {
  if (stat.isSymbolicLink()) return "symbolic link";
  if (stat.isDirectory()) return "folder";
  if (stat.isFIFO()) return "FIFO";
  if (stat.isSocket()) return "socket";
  if (stat.isFile()) return "file";
  return "device";
}

/** The kind of entry at `path` (its last component not followed), or undefined when there is none. */
export function kindAt(path: string): EntryKind | undefined {
  const stat = lstatOrUndefined(path);
  return stat === undefined ? undefined : entryKind(stat);
}

/**
 * The first component of `path` below `trusted` that is not a plain folder (a symbolic link, a
 * file where a folder belongs): kgen neither reads nor writes through it. `trusted` itself, and
 * anything above it, is not checked. Components that do not exist end the walk: nothing below
 * them exists either.
 */
export function linkOnPath(trusted: string, path: string, { includeLast = true } = {}): { path: string; kind: EntryKind } | undefined {
  const below = relative(resolve(trusted), resolve(path));
  if (below === "" || below.startsWith("..") || isAbsolute(below)) return undefined;
  const parts = below.split(sep);
  // Built on `trusted` as given, so that messages show the path as the user wrote it.
  let at = trusted;
  for (const [index, part] of parts.entries()) {
    at = join(at, part);
    const last = index === parts.length - 1;
    if (last && !includeLast) return undefined;
    const kind = kindAt(at);
    if (kind === undefined) return undefined;
    if (kind === "symbolic link" || (!last && kind !== "folder")) return { path: at, kind };
  }
  return undefined;
}

/**
 * The text of the regular file at `path`, if it is at most `limit` bytes; otherwise why not.
 * Components of `path` below `trusted` (default: its own folder, so only the file itself) must
 * not be symbolic links.
 */
export function readRegularFile(path: string, limit: number, trusted?: string): FileRead {
  const onPath = trusted === undefined ? undefined : linkOnPath(trusted, path, { includeLast: false });
  if (onPath !== undefined) return { ok: false, problem: "not a file", kind: onPath.kind, path: onPath.path };
  const before = lstatOrUndefined(path);
  if (before === undefined) return { ok: false, problem: "missing" };
  if (!before.isFile()) return { ok: false, problem: "not a file", kind: entryKind(before), path };
  if (before.size > limit) return { ok: false, problem: "too large", bytes: before.size, limit };

  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return failedOpen(error, path);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.ino !== before.ino || stat.dev !== before.dev) {
      return { ok: false, problem: "not a file", kind: entryKind(stat), path };
    }
    if (stat.size > limit) return { ok: false, problem: "too large", bytes: stat.size, limit };
    return readAtMost(fd, stat.size, limit);
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, but never more than `limit` bytes: a file that grows while read is refused too. */
function readAtMost(fd: number, expected: number, limit: number): FileRead {
  const buffer = Buffer.alloc(Math.min(expected, limit) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) return { ok: false, problem: "too large", bytes: length, limit };
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
    if (length > limit) return { ok: false, problem: "too large", bytes: length, limit };
  }
  return { ok: true, text: buffer.toString("utf8", 0, length) };
}

function failedOpen(error: unknown, path: string): FileRead {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  if (code === "ENOENT" || code === "ENOTDIR") return { ok: false, problem: "missing" };
  // O_NOFOLLOW on a link: ELOOP (Linux, macOS) or EMLINK (FreeBSD).
  if (code === "ELOOP" || code === "EMLINK") return { ok: false, problem: "not a file", kind: "symbolic link", path };
  if (code === "EISDIR") return { ok: false, problem: "not a file", kind: "folder", path };
  return { ok: false, problem: "unreadable", code };
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    // ENOTDIR: a component is a file, so nothing is at the path.
    return undefined;
  }
}

/** Why a read failed, as a sentence naming the path: "out/x/main.tf is a symbolic link, not a regular file". */
export function unreadMessage(path: string, read: Exclude<FileRead, { ok: true }>): string {
  switch (read.problem) {
    case "missing":
      return `${path} does not exist`;
    case "not a file":
      return `${read.path} is a ${read.kind}, not a regular file`;
    case "too large":
      return `${path} is ${read.bytes} bytes, over the ${read.limit} kgen reads`;
    case "unreadable":
      return `${path} cannot be read (${read.code})`;
  }
}
