import { closestMatch, didYouMean, levenshtein, listNames, withSuggestionBudget } from "../../src/spec/did-you-mean";

describe("did-you-mean", () => {
  test.each([
    ["shard", "shards", 1],
    ["kitten", "sitting", 3],
    ["Trades", "trades", 0],
    ["", "abc", 3],
  ])("levenshtein(%s, %s) = %i", (a, b, distance) => {
    expect(levenshtein(a, b)).toBe(distance);
  });

  const FIELDS = ["type", "capacity", "shards", "retention_hours", "encryption", "media_type", "administrators"];

  test.each([
    ["shard", "shards"],
    ["encrypton", "encryption"],
    ["Capacity", "capacity"],
    ["retention", "retention_hours"],
    ["admins", undefined],
    ["x", undefined],
    ["colour", undefined],
  ])("%s -> %s", (word, expected) => {
    expect(closestMatch(word, FIELDS)).toBe(expected);
  });

  test("ties go to the alphabetically first candidate, whatever the input order", () => {
    expect(closestMatch("us-west-3", ["us-west-2", "us-west-1"])).toBe("us-west-1");
    expect(closestMatch("us-west-3", ["us-west-1", "us-west-2"])).toBe("us-west-1");
  });

  test("a word is never suggested as its own correction", () => {
    expect(closestMatch("kcl", ["kcl"])).toBeUndefined();
  });

  test("didYouMean formats the suggestion for a message, or nothing", () => {
    expect(didYouMean("lamda", ["lambda", "kcl"])).toBe(' (did you mean "lambda"?)');
    expect(didYouMean("zzz", ["lambda", "kcl"])).toBe("");
  });
});

describe("the cost of suggestions", () => {
  test("a run spends at most its budget; later problems get no suggestion, never a wrong one", () => {
    const candidates = Array.from({ length: 100 }, (_, i) => `stream-${i}`);
    const suggestions = withSuggestionBudget(
      () => Array.from({ length: 10 }, (_, i) => closestMatch(`stream-${i}x`, candidates)),
      20_000,
    );
    expect(suggestions[0]).toBe("stream-0");
    expect(suggestions.slice(-1)).toEqual([undefined]);
    // Outside a run, and in a fresh one, suggestions are made again.
    expect(closestMatch("stream-9x", candidates)).toBe("stream-9");
  });

  test("words of very different length are not compared cell by cell", () => {
    const word = "x".repeat(100_000);
    const started = Date.now();
    expect(closestMatch(word, ["shards", "type", "capacity"])).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(100);
  });

  test("hints list a dozen names, then count the rest", () => {
    expect(listNames(["a", "b"])).toBe("a, b");
    const many = Array.from({ length: 40 }, (_, i) => `s${i}`);
    expect(listNames(many)).toBe(`${many.slice(0, 12).join(", ")}, ... and 28 more`);
  });
});
