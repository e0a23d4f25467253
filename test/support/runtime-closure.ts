/**
 * The packages a user's `npm install kgen` brings along, read from kgen's package-lock.json: every
 * package reachable from `dependencies` (and their dependencies, optional and peer dependencies),
 * resolved the way Node resolves a `require` — from the requiring package's own `node_modules`
 * outwards. Used to install the packed package without the registry (test/library/package.test.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

interface LockEntry {
  version?: string;
  license?: string;
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface PackageLock {
  /** lockfileVersion 2 and 3: install location (`node_modules/a/node_modules/b`) -> entry; "" is the root. */
  packages: Record<string, LockEntry>;
}

export function readLock(root: string): PackageLock {
  return JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as PackageLock;
}

/** Where `name` is found from the package installed at `from` ("" for the project itself). */
function locate(lock: PackageLock, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === "" ? "" : `${base}/`}node_modules/${name}`;
    if (lock.packages[candidate] !== undefined) return candidate;
    if (base === "") return undefined;
    const parent = base.lastIndexOf("/node_modules/");
    base = parent < 0 ? "" : base.slice(0, parent);
  }
}

/**
 * The install locations of everything `dependencies` needs at run time. A required package the
 * lock does not hold is an error: the lock would then install something that cannot run.
 */
export function runtimeClosure(lock: PackageLock, dependencies: Record<string, string>): Set<string> {
  const closure = new Set<string>();
  const visit = (from: string, required: Record<string, string>, optional: ReadonlySet<string>): void => {
    for (const name of Object.keys(required)) {
      const at = locate(lock, from, name);
      if (at === undefined) {
        if (optional.has(name)) continue;
        throw new Error(`package-lock.json has no ${name} for ${from === "" ? "kgen" : from}`);
      }
      if (closure.has(at)) continue;
      closure.add(at);
      const entry = lock.packages[at];
      const optionalPeers = Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional === true);
      visit(
        at,
        { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies },
        new Set([...Object.keys(entry.optionalDependencies ?? {}), ...optionalPeers.map(([peer]) => peer)]),
      );
    }
  };
  visit("", dependencies, new Set());
  return closure;
}

/** `node_modules/a` and `node_modules/@scope/b`, not packages nested inside another one. */
export function isTopLevel(location: string): boolean {
  return location.lastIndexOf("node_modules/") === 0;
}
