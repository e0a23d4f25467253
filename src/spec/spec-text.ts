/**
 * What characters spec text may hold. Every string of a spec reaches somewhere a character can
 * do more than print: HCL files, READMEs, a terminal, a CI log (where a line starting `::` is a
 * GitHub Actions command). Control characters (C0, DEL, C1), line and paragraph separators,
 * bidirectional-format characters (which reorder what a reviewer sees, "Trojan Source",
 * CVE-2021-42574) and lone surrogates (not text: UTF-8 cannot encode them) are refused in every
 * string; a newline or tab only in a multi-line field (a key's description).
 *
 * Text not in Unicode normalization form NFC is refused: HCL normalizes what it reads.
 *
 * `{TfToken[` is refused too: it is the token syntax of the CDKTF library kgen builds its
 * modules with, which reads `${TfToken[N]}` in any string as a reference to its Nth value
 * (cdktf lib/tokens/private/encoding.ts), so that text could never be written as itself.
 *
 * The patterns are also the JSON Schema's (json-schema.ts), written to mean the same with and
 * without the regular expression `u` flag: a surrogate pair is allowed as one character.
 */

const ALWAYS_REFUSED = "\\u000d\\u000b\\u000c\\u0000-\\u0008\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
const LINE_BREAKS = "\\u0009\\u000a";
const CDKTF_TOKEN = "{TfToken[";

function textPattern(refused: string): RegExp {
  return new RegExp(`^(?![\\s\\S]*\\{TfToken\\[)(?:[^${refused}\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$`);
}

function refusedCharacter(refused: string): RegExp {
  return new RegExp(`[${refused}]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]`);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const REFUSED_SINGLE_LINE = refusedCharacter(ALWAYS_REFUSED + LINE_BREAKS);
const REFUSED_MULTI_LINE = refusedCharacter(ALWAYS_REFUSED);

/** Any string field but a multi-line one. */
export const SINGLE_LINE_TEXT = textPattern(ALWAYS_REFUSED + LINE_BREAKS);
/** A multi-line field: tabs and newlines too. */
export const MULTI_LINE_TEXT = textPattern(ALWAYS_REFUSED);

export type TextProblem =
  | { kind: "character"; character: string; index: number }
  | { kind: "cdktf-token"; index: number }
  | { kind: "not-nfc"; index: number };

/** The first reason `text` cannot be spec text, or undefined when it can. */
export function textProblem(text: string, multiline: boolean): TextProblem | undefined {
  const token = text.indexOf(CDKTF_TOKEN);
  // Most spec text is printable ASCII: nothing else to look for (a spec has thousands of strings).
  if (PRINTABLE_ASCII.test(text)) return token === -1 ? undefined : { kind: "cdktf-token", index: token };
  const bad = (multiline ? REFUSED_MULTI_LINE : REFUSED_SINGLE_LINE).exec(text);
  if (bad !== null && (token === -1 || bad.index < token)) return { kind: "character", character: bad[0], index: bad.index };
  if (token !== -1) return { kind: "cdktf-token", index: token };
  return notNormalized(text);
}

/**
 * HCL reads every string normalized to Unicode NFC, escaped or not (hclsyntax applies
 * norm.NFC to template literals), so Terraform would store `e` + U+0301 as `é`: text the
 * module cannot say as the spec says it is refused, naming where it starts to differ.
 */
function notNormalized(text: string): TextProblem | undefined {
  const normalized = text.normalize("NFC");
  if (normalized === text) return undefined;
  let index = 0;
  while (index < text.length && text[index] === normalized[index]) index++;
  return { kind: "not-nfc", index };
}

/** `U+202E (right-to-left override)`: how messages name a refused character, never printing it. */
export function describeCharacter(character: string): string {
  const code = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
  const name = CHARACTER_NAMES.get(character);
  return name === undefined ? code : `${code} (${name})`;
}

const CHARACTER_NAMES: ReadonlyMap<string, string> = new Map([
  ["\u0000", "NUL"],
  ["\t", "tab"],
  ["\n", "line feed"],
  ["\r", "carriage return"],
  ["\u001b", "escape"],
  ["\u007f", "delete"],
  ["\u061c", "Arabic letter mark"],
  ["\u200e", "left-to-right mark"],
  ["\u200f", "right-to-left mark"],
  ["\u2028", "line separator"],
  ["\u2029", "paragraph separator"],
  ["\u202a", "left-to-right embedding"],
  ["\u202b", "right-to-left embedding"],
  ["\u202c", "pop directional formatting"],
  ["\u202d", "left-to-right override"],
  ["\u202e", "right-to-left override"],
  ["\u2066", "left-to-right isolate"],
  ["\u2067", "right-to-left isolate"],
  ["\u2068", "first strong isolate"],
  ["\u2069", "pop directional isolate"],
]);
