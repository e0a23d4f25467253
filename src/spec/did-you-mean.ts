/** Suggestions for misspelt names: `unknown key "shard" (did you mean "shards"?)`. */

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function levenshtein(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = previous[j - 1] + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length];
}

/** Words this short are too ambiguous to complete (`kcl` could be many things). */
const MIN_PREFIX_LENGTH = 4;

/**
 * The closest candidate, if it is close enough to be what the user meant: a third of the word's
 * length may differ (at least one character), so short words never get far-fetched suggestions.
 * Failing that, a word that begins a candidate is taken as its short form
 * (`retention` -> `retention_hours`). Ties go to the alphabetically first candidate, so a
 * suggestion never depends on YAML key order.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const sorted = [...candidates].filter((candidate) => candidate !== word).sort();
  const allowed = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of sorted) {
    const distance = levenshtein(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (bestDistance <= allowed) return best;
  if (word.length < MIN_PREFIX_LENGTH) return undefined;
  const completions = sorted.filter((candidate) => candidate.toLowerCase().startsWith(word.toLowerCase()));
  return completions.sort((a, b) => a.length - b.length)[0];
}

/** ` (did you mean "x"?)` or the empty string, to append to a message. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? "" : ` (did you mean "${match}"?)`;
}
