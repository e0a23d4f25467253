import { closestMatch, didYouMean, levenshtein } from "../../src/spec/did-you-mean";

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
