/** Spec texts for tests: YAML written indented inside test code, dedented exactly. */

/**
 * Removes the first line break and the common indentation, so line 1 of the YAML is the first
 * line after the backtick and line/column numbers in a test match what a user would see.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, index) => text + String(values[index - 1]) + part);
  const lines = raw.replace(/^\n/, "").replace(/\n[ ]*$/, "\n").split("\n");
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = Math.min(...indents);
  return lines.map((line) => line.slice(common)).join("\n");
}

/** Lines 1-5 of most test specs: a valid header the cases build on. */
export const HEADER = yaml`
  version: 1
  name: trades
  owner:
    account: "123456789012"
    region: us-east-1
`;
