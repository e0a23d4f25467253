/** YAML-level problems: syntax, duplicates, hostile input (KG1001-KG1009). */
import { HEADER, ROLE, STREAM, type BadSpec } from "./base";

const deepFlow = `version: 1\nname: ${"[".repeat(70)}${"]".repeat(70)}\n`;
const deepBlock = `version: 1\nname:\n  ${"- ".repeat(70)}x\n`;
// 70 maps, each indented one space more: too deep for the parsed document, not for one line.
const deepIndent =
  "version: 1\n" +
  Array.from({ length: 70 }, (_, depth) => `${" ".repeat(depth)}k${depth}:\n`).join("") +
  `${" ".repeat(70)}x\n`;
// 300 producers share one 1000-item stream list: small to write, 300,000 nodes to check.
const aliasBomb =
  STREAM +
  "producers:\n" +
  `  p0: {streams: &many [${Array(1000).fill("Trades").join(", ")}], ${ROLE}}\n` +
  Array.from({ length: 300 }, (_, index) => `  p${index + 1}: {streams: *many}\n`).join("");

export const YAML_INPUT_CASES: BadSpec[] = [
  // The unclosed list is noticed at the end of the file, inside its last item.
  {
    title: "YAML syntax error",
    text: "version: 1\nstreams: [a, b\n",
    code: "KG1001",
    path: "streams[1]",
    line: 3,
    column: 1,
  },
  {
    title: "duplicate key",
    text: STREAM + "  Trades: {}\n",
    code: "KG1002",
    path: "streams.Trades",
    line: 8,
    column: 3,
  },
  {
    title: "a number key and a string key with the same name",
    text: HEADER + 'streams:\n  2024: {}\n  "2024": {}\n',
    code: "KG1002",
    path: "streams.2024",
    line: 8,
    column: 3,
  },
  {
    title: "spec over 1 MiB",
    text: STREAM + `# ${"x".repeat(1024 * 1024)}\n`,
    code: "KG1003",
    path: "",
    line: 1,
    column: 1,
  },
  { title: "flow nesting over 64 levels", text: deepFlow, code: "KG1004", path: "", line: 2, column: 71 },
  { title: "block nesting over 64 levels", text: deepBlock, code: "KG1004", path: "", line: 3, column: 131 },
  { title: "indentation nesting over 64 levels", text: deepIndent, code: "KG1004", path: "", line: 66, column: 65 },
  { title: "alias bomb", text: aliasBomb, code: "KG1005", path: "", line: 1, column: 1 },
  { title: "empty spec", text: "# nothing yet\n", code: "KG1006", path: "", line: 1, column: 1 },
  // 1,001 undefined streams: 999 are reported, the 1,000th diagnostic counts the last two.
  {
    title: "more problems than kgen reports",
    text: STREAM + `producers:\n  p:\n    ${ROLE}\n    streams:\n` + Array.from({ length: 1001 }, (_, i) => `      - t${i}\n`).join(""),
    code: "KG1007",
    path: "producers.p.streams[999]",
    line: 1011,
    column: 9,
    also: Array<"KG2002">(999).fill("KG2002"),
  },
  {
    title: "unknown YAML tag",
    text: HEADER + "streams:\n  Trades:\n    encryption: !Ref TradesKey\n",
    code: "KG1009",
    path: "streams.Trades.encryption",
    line: 8,
    column: 17,
    severity: "warning",
    also: ["KG2001"],
  },
];
