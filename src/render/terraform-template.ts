/**
 * Terraform JSON strings read as Terraform reads them: as templates. `${...}` is an interpolation
 * (a reference kgen wrote as a CDKTF token), `$${` and `%%{` are the escapes of a literal `${` and
 * `%{` (constructs/terraform-text.ts writes them), anything else is literal text. kgen writes no
 * directives, so a `%{` is an internal error rather than something to guess at.
 * (HCL native syntax spec, "Template Expressions"; Terraform JSON syntax, "Expression Mapping".)
 */

export type TemplatePart = { kind: "text"; text: string } | { kind: "interpolation"; expression: string };

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = "";
  let i = 0;
  // Only `$` and `%` can start anything but text: the text up to the next one is taken whole
  // (policy documents are kilobytes of text with a few references; issue #17).
  const special = /[$%]/g;
  while (i < template.length) {
    special.lastIndex = i;
    const next = special.exec(template)?.index ?? template.length;
    text += template.slice(i, next);
    i = next;
    if (i === template.length) break;
    const rest = template.slice(i, i + 3);
    if (rest === "$${" || rest === "%%{") {
      text += `${rest[0]}{`;
      i += 3;
    } else if (rest.startsWith("${")) {
      const end = interpolationEnd(template, i);
      if (text !== "") parts.push({ kind: "text", text });
      text = "";
      parts.push({ kind: "interpolation", expression: template.slice(i + 2, end) });
      i = end + 1;
    } else if (rest.startsWith("%{")) {
      throw new Error(`internal: a template directive in ${JSON.stringify(template)}; kgen writes none`);
    } else {
      text += template[i];
      i++;
    }
  }
  if (text !== "" || parts.length === 0) parts.push({ kind: "text", text });
  return parts;
}

/** The index of the `}` closing the interpolation at `start`; quoted strings inside are skipped. */
function interpolationEnd(template: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start + 1; i < template.length; i++) {
    const char = template[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{") depth++;
    else if (char === "}" && --depth === 0) return i;
  }
  throw new Error(`internal: an unclosed interpolation in ${JSON.stringify(template)}`);
}

/** The text a template of literal text stands for; an interpolation in it is an internal error. */
export function literalText(template: string, where: string): string {
  const parts = parseTemplate(template);
  if (parts.some((part) => part.kind !== "text")) throw new Error(`internal: an interpolation inside text at ${where}: ${JSON.stringify(template)}`);
  return parts.map((part) => (part.kind === "text" ? part.text : "")).join("");
}
