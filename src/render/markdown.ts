/**
 * Escaping for the module READMEs, one function per context, so that whatever a spec names (an
 * IAM path may hold `|`, backticks, `<` and any other printable ASCII) shows as written and never
 * becomes Markdown or HTML: a table keeps its columns, a code span stays closed, a Mermaid label
 * stays a label. The README templates reach values only through these (readme.ts).
 * (CommonMark 0.31, "Backslash escapes" and "Code spans"; GitHub Flavored Markdown, "Tables".)
 */

/**
 * Markdown that goes in a table cell: GFM splits a row at every `|` not escaped, even inside a
 * code span, and removes the backslash of `\|` afterwards, inside code spans too; a line break
 * would end the row.
 */
export function tableCell(markdown: string): string {
  return markdown.replace(/\|/g, "\\|").replace(/\r\n|\r|\n/g, "<br>");
}

/**
 * Plain text: the characters that could start emphasis, a code span, a link, an HTML tag or an
 * entity, or a strikethrough, backslash-escaped (any ASCII punctuation may be, CommonMark 2.4).
 */
export function inlineText(text: string): string {
  return text.replace(/[\\`*_[\]<>&~]/g, (character) => `\\${character}`);
}

/**
 * A code span showing `text` exactly: delimited by one more backtick than the longest run inside,
 * padded with a space where CommonMark would otherwise merge a backtick into the delimiter or
 * strip a space the text has.
 */
export function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || (/^ .* $/s.test(text) && text.trim() !== "") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Text in a Mermaid label (`id["..."]`, `-->|...|`): every character but letters, digits and a
 * few plain punctuation marks as a Mermaid entity code `#NN;` (Mermaid "Flowcharts", "Entity
 * codes to escape characters"), so no quote, pipe, bracket, backtick or `;` ends the label or
 * the diagram, and no `<` becomes HTML.
 */
export function mermaidText(text: string): string {
  return [...text].map((character) => (/^[A-Za-z0-9 _.:/@+=,()-]$/.test(character) ? character : `#${character.codePointAt(0)};`)).join("");
}
