/**
 * Objects used as maps keyed by user text. A plain object answers `constructor`, `toString` or
 * `__proto__` from Object.prototype, and assigning `__proto__` replaces its prototype instead of
 * adding an entry; an object without a prototype has only the entries put in it.
 */

/** An empty map-like object with no prototype. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Like Object.fromEntries, into an object without a prototype. */
export function recordFromEntries<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const record = emptyRecord<T>();
  // defineProperty, not assignment: the entry `__proto__` must be an entry like any other.
  for (const [key, value] of entries) Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  return record;
}
