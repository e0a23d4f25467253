/** Suggestions for misspelt names: `unknown key "shard" (did you mean "shards"?)`. */

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function levenshtein(a: string, b: string): number {
  return boundedLevenshtein(a.toLowerCase(), b.toLowerCase(), Infinity).distance;
}

// Two rows of the distance table, reused: allocating them per pair of words costs more than the
// comparison itself.
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * The distance of two lower-cased words, or `max + 1` as soon as it is certain to exceed `max`
 * (every cell of a row is past it). `cells` is the work done, for the suggestion budget.
 */
function boundedLevenshtein(left: string, right: string, max: number): { distance: number; cells: number } {
  if (Math.abs(left.length - right.length) > max) return { distance: max + 1, cells: 1 };
  if (previous.length <= right.length) {
    previous = new Int32Array(right.length + 1);
    current = new Int32Array(right.length + 1);
  }
  for (let j = 0; j <= right.length; j++) previous[j] = j;
  for (let i = 1; i <= left.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= right.length; j++) {
      // Comparisons rather than Math.min: this loop is the whole cost of a suggestion.
      const substitution = previous[j - 1] + (left.charCodeAt(i - 1) === right.charCodeAt(j - 1) ? 0 : 1);
      const insertion = current[j - 1] + 1;
      const deletion = previous[j] + 1;
      const cell = substitution < insertion ? (substitution < deletion ? substitution : deletion) : insertion < deletion ? insertion : deletion;
      current[j] = cell;
      if (cell < rowMinimum) rowMinimum = cell;
    }
    [previous, current] = [current, previous];
    if (rowMinimum > max) return { distance: max + 1, cells: i * (right.length + 1) };
  }
  return { distance: previous[right.length], cells: left.length * (right.length + 1) + 1 };
}

/** Words this short are too ambiguous to complete (`kcl` could be many things). */
const MIN_PREFIX_LENGTH = 4;

/**
 * Suggestions are a courtesy, so their cost is capped: a validation run may spend this many units
 * (a cell of the distance table, or a candidate looked at) on them, and later problems of the same
 * run get none. A real spec spends a few thousand; without the cap, 2,000 misspelt references to
 * 2,000 long stream names took hours. Runs are synchronous, so the scope below is exact.
 */
export const SUGGESTION_BUDGET = 5_000_000;

let budget: { left: number } | undefined;

/** Runs `check` with a fresh suggestion budget shared by every suggestion it asks for. */
export function withSuggestionBudget<T>(check: () => T, units: number = SUGGESTION_BUDGET): T {
  const outer = budget;
  budget = { left: units };
  try {
    return check();
  } finally {
    budget = outer;
  }
}

/**
 * The closest candidate, if it is close enough to be what the user meant: a third of the word's
 * length may differ (at least one character), so short words never get far-fetched suggestions.
 * Failing that, a word that begins a candidate is taken as its short form
 * (`retention` -> `retention_hours`). Ties go to the alphabetically first candidate, so a
 * suggestion never depends on YAML key order. Undefined, too, once the budget is spent.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const spend = budget ?? { left: Infinity };
  const lowerWord = word.toLowerCase();
  const allowed = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = allowed + 1;
  let completion: string | undefined;
  for (const candidate of candidates) {
    if (--spend.left < 0) return undefined;
    if (candidate === word) continue;
    const lowerCandidate = candidate.toLowerCase();
    // A candidate at the best distance so far can still win a tie, hence the bound of bestDistance.
    const { distance, cells } = boundedLevenshtein(lowerWord, lowerCandidate, bestDistance);
    spend.left -= cells;
    if (spend.left < 0) return undefined;
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
    if (word.length >= MIN_PREFIX_LENGTH && lowerCandidate.startsWith(lowerWord) && isShorterCompletion(candidate, completion)) {
      completion = candidate;
    }
  }
  return best ?? completion;
}

/** The shortest completion wins; between equally long ones, the alphabetically first. */
function isShorterCompletion(candidate: string, current: string | undefined): boolean {
  return current === undefined || candidate.length < current.length || (candidate.length === current.length && candidate < current);
}

/** ` (did you mean "x"?)` or the empty string, to append to a message. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? "" : ` (did you mean "${match}"?)`;
}

/** How many names a hint lists before it says how many more there are. */
export const LISTED_NAMES = 12;

/**
 * `a, b, c` for a hint, or `a, b, ... and 40 more`: a spec with thousands of streams must not
 * repeat all of them in every diagnostic.
 */
export function listNames(names: readonly string[]): string {
  if (names.length <= LISTED_NAMES) return names.join(", ");
  return `${names.slice(0, LISTED_NAMES).join(", ")}, ... and ${names.length - LISTED_NAMES} more`;
}
