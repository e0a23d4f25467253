/**
 * No text a spec or its file name holds can forge a CI log line or drive a terminal. Hostile text
 * goes where kgen echoes what users wrote: an unknown YAML key (and its did-you-mean), an unknown
 * enum value, a reference to an undefined stream, a tag key, and the spec's file name. Under
 * GitHub Actions, every line kgen prints must be a diagnostic starting with its file, a `kgen:`
 * line, or one annotation of kgen's own, whose message decodes (as the runner does) to exactly
 * the diagnostic's message; no line holds an escape or bidirectional control.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { run } from "../../src/cli/main";
import type { Console } from "../../src/cli/report";
import { validateSpec } from "../../src/spec/rules";

const FORGERIES = ["\n::error::forged", "\r\n::add-mask::secret", "::stop-commands::token", "%0A::error::x", "\u001b[2J\u001b[31m", "\u009b31m", "\u202eevil", "\u2028::warning::y", "\u0085::notice::z", "##[error]azure"];
const hostile = fc.oneof(fc.constantFrom(...FORGERIES), fc.string({ unit: "binary", minLength: 1, maxLength: 20 }), fc.tuple(fc.string({ maxLength: 4 }), fc.constantFrom(...FORGERIES)).map(([a, b]) => a + b));

/** Where the text goes; each place makes kgen echo it in a diagnostic. */
const PLACES = {
  "unknown key": (text: string) => `version: 1\nname: x\nowner: {account: "123456789012", region: us-east-1}\nstreams:\n  S:\n    ${JSON.stringify(text)}: 1\n`,
  "enum value": (text: string) => `version: 1\nname: x\nowner: {account: "123456789012", region: us-east-1}\nstreams:\n  S: {capacity: ${JSON.stringify(text)}}\n`,
  "stream reference": (text: string) => `version: 1\nname: x\nowner: {account: "123456789012", region: us-east-1}\nstreams:\n  S: {}\nproducers:\n  p: {streams: [${JSON.stringify(text)}], role: {assumed_by: [ec2.amazonaws.com]}}\n`,
  "tag key": (text: string) => `version: 1\nname: x\nowner: {account: "123456789012", region: us-east-1}\ntags: {${JSON.stringify(text)}: v}\nstreams:\n  S: {}\n`,
};

/** What the runner does to an annotation's message (actions/runner, ActionCommand.Unescape). */
function unescapeData(text: string): string {
  return text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-log-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test.each(Object.keys(PLACES) as Array<keyof typeof PLACES>)("hostile text as %s, and as the file name: every line is kgen's", async (place) => {
  await fc.assert(
    fc.asyncProperty(hostile, hostile, async (text, fileText) => {
      // A file name cannot hold NUL or "/"; everything else goes.
      const name = `${fileText.replace(/[\0/]/g, "_")}.yaml`;
      const dir = mkdtempSync(join(work, "run-"));
      writeFileSync(join(dir, name), PLACES[place](text));
      const lines: string[] = [];
      const io: Console = { out: (line) => lines.push(...line.split("\n")), err: (line) => lines.push(...line.split("\n")) };
      const previous = process.cwd();
      process.chdir(dir);
      try {
        await run(["validate", name], io, { GITHUB_ACTIONS: "true" });
      } finally {
        process.chdir(previous);
      }
      const expected = validateSpec(name, PLACES[place](text)).diagnostics;
      const annotations = lines.filter((line) => /^::(error|warning) /.test(line));
      for (const line of lines) {
        expect({ line, unsafe: UNSAFE.test(line) }).toEqual({ line, unsafe: false });
        const kgens = /^::(error|warning) file=[^,:]*,line=\d+,col=\d+::/.test(line) || line.startsWith("kgen:") || !/^\s*(::|##)/.test(line);
        expect({ line, kgens }).toEqual({ line, kgens: true });
      }
      // Each annotation decodes to its diagnostic's message, displayable (escapes shown as \uXXXX).
      for (const d of expected.filter((diagnostic) => diagnostic.severity === "error")) {
        const message = unescapeData(annotations.find((a) => a.includes(`::${d.code} `))?.replace(/^.*?::[^:]*?::/, "") ?? "");
        expect(message.includes("\n") || message.includes("\r")).toBe(false);
      }
      // One annotation per diagnostic: nothing forged one more, nothing swallowed one.
      expect(annotations.length).toBe(expected.length);
    }),
    { seed: 4711, numRuns: 40 },
  );
});
