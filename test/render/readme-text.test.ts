/**
 * Module READMEs show what the spec names exactly, whatever it holds: IAM paths may hold `|`,
 * backticks, `<` and every other printable ASCII character, which would otherwise split a table
 * row, close a code span, open an HTML tag or end a Mermaid label. A GFM parser (markdown-it) is
 * the witness: every hostile ARN comes back as the whole content of a code span, every table row
 * keeps its header's cells, and the only HTML is kgen's own.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
type Token = ReturnType<InstanceType<typeof MarkdownIt>["parse"]>[number];
import { compileSpec } from "../../src/compile";
import { mermaidText } from "../../src/render/markdown";
import { hostileSpec, hostileValues, principalsOf } from "../support/hostile-spec";
import { ROOT } from "../support/examples";

const markdown = new MarkdownIt("default", { html: true });

function flatten(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((token) => [token, ...flatten(token.children ?? [])]);
}

/** Rows of every table: the number of cells of each, the header's first. */
function tableShapes(tokens: readonly Token[]): number[][] {
  const tables: number[][] = [];
  let cells = 0;
  for (const token of tokens) {
    if (token.type === "table_open") tables.push([]);
    if (token.type === "tr_open") cells = 0;
    if (token.type === "th_open" || token.type === "td_open") cells++;
    if (token.type === "tr_close") tables[tables.length - 1].push(cells);
  }
  return tables;
}

/** Cells per row as GFM splits the source line: at every `|` without a backslash before it. */
function sourceCells(line: string): number {
  return line.replace(/^\|/, "").replace(/\|$/, "").split(/(?<!\\)\|/).length;
}

test("hostile ARNs: every one a whole code span, every table row as wide as its header, no HTML but kgen's", async () => {
  await fc.assert(
    fc.asyncProperty(hostileValues, async (values) => {
      const { modules } = await compileSpec("hostile.yaml", hostileSpec(values));
      const codes: string[] = [];
      for (const module of modules) {
        const text = module.files.get("README.md") ?? "";
        const tokens = markdown.parse(text, {});
        const all = flatten(tokens);
        codes.push(...all.filter((token) => token.type === "code_inline").map((token) => token.content));
        for (const rows of tableShapes(tokens)) expect(rows.every((cells) => cells === rows[0])).toBe(true);
        const html = all.filter((token) => token.type === "html_inline" || token.type === "html_block").map((token) => token.content.trim());
        expect(html.filter((tag) => !/^(<br>|<a name="[a-z0-9_]+"><\/a>|<a name="[a-z0-9_]+">|<\/a>|<!-- (BEGIN|END)_TF_DOCS -->)$/.test(tag))).toEqual([]);
        const fences = all.filter((token) => token.type === "fence").map((token) => token.info);
        // The owner's: usage, diagram, the import blocks of its streams and keys, and how to run its tests.
        expect(fences).toEqual(module.name === "hostile" ? ["hcl", "mermaid", "hcl", "sh"] : ["hcl", "sh"]);
        // Every table row in the source has as many cells as GFM sees in its header row.
        const lines = text.split("\n");
        lines.forEach((line, index) => {
          if (!/^\|[-:|]+\|$/.test(line)) return;
          const width = sourceCells(lines[index - 1]);
          for (let row = index + 1; row < lines.length && lines[row].startsWith("|"); row++) {
            expect({ row: lines[row], cells: sourceCells(lines[row]) }).toEqual({ row: lines[row], cells: width });
          }
        });
      }
      // The README names every principal but the ones a created role trusts (only its trust policy does).
      const missing = principalsOf(values).filter((arn) => arn !== values.trusted && !codes.includes(arn));
      expect(missing).toEqual([]);
    }),
    { seed: 20_261_205, numRuns: 40 },
  );
}, 300_000);

test("a Mermaid label holds no quote, pipe, bracket, backtick or semicolon of its own", async () => {
  const { modules } = await compileSpec("hostile.yaml", hostileSpec({ description: "", keyAdministrators: [], streamAdministrators: [], trusted: "ec2.amazonaws.com", existingRole: "arn:aws:iam::123456789012:role/R", sharePrincipals: [] }));
  const diagram = /```mermaid\n([\s\S]*?)```/.exec(modules[0].files.get("README.md") ?? "")?.[1] ?? "";
  for (const line of diagram.trim().split("\n").slice(1)) {
    expect(line).toMatch(/^ {2}\w+(\[\("[^"`|;[\]]*"\)\]|\["[^"`|;[\]]*"\]|\{\{"[^"`|;[\]]*"\}\}|>"[^"`|;[\]]*"\]| -\. encrypts \.- \w+| --> \w+| -->\|[^"`|;[\]]*\| \w+)$/);
  }
});

// The templates reach values only through the escaping helpers of src/render/readme.ts.
test.each(readdirSync(join(ROOT, "templates")).filter((name) => name.endsWith(".hbs")))("%s prints every value through an escaping helper", (name) => {
  const text = readFileSync(join(ROOT, "templates", name), "utf8");
  const mustaches = text.match(/\{\{[^}]*\}\}/g) ?? [];
  const raw = mustaches.filter((m) => !/^\{\{(#(each|if|unless) |\/(each|if|unless)|else|(text|code|cell|cellText|cellCode|markdown|hcl|hclName) )/.test(m));
  expect(raw).toEqual([]);
});

test("Mermaid labels: what could end a label or the diagram becomes an entity code", () => {
  expect(mermaidText('a"b|c;d`e[f]<g>#h')).toBe("a#34;b#124;c#59;d#96;e#91;f#93;#60;g#62;#35;h");
  expect(mermaidText("StockTradeStream (video)")).toBe("StockTradeStream (video)");
});
