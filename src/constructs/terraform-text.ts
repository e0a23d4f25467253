/**
 * Literal text in the Terraform JSON a CDKTF stack synthesizes. Terraform reads every string in
 * JSON, as in HCL, as a template: `${` starts an interpolation and `%{` a directive, and `$${` and
 * `%%{` are their escapes. kgen's own references are CDKTF tokens and become interpolations;
 * everything else in a block (spec text, ARNs, descriptions, policy documents) is literal.
 *
 * So no field can forget it, the text of every block is escaped in one place, when the block is
 * placed (module-stack.ts): each string is split into CDKTF's tokens and the literal text
 * between them, and only the literal text is escaped. kgen's own Terraform expressions (a
 * postcondition) are tokens too, made with expression(). The HCL printer reads this JSON back
 * with Terraform's template rules (render/terraform-template.ts) and escapes for HCL itself.
 */
import { Token, Tokenization, type TerraformElement } from "./cdktf";

/** CDKTF's string token marker (cdktf lib/tokens/private/encoding.ts); spec text cannot hold it. */
const TOKEN_MARKER = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/** Literal text as a Terraform template writes it: `${` -> `$${`, `%{` -> `%%{`. */
export function templateLiteral(text: string): string {
  // A replacer function, because "$$" in a replacement string means a single "$".
  return text.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

/** A Terraform expression kgen writes itself, e.g. `self.region == "us-west-2"`, as a token. */
export function expression(text: string): string {
  return Token.asString({ creationStack: [], resolve: () => `\${${text}}`, toString: () => `\${${text}}` });
}

/**
 * Escapes the literal text of every argument of a block, each time CDKTF synthesizes it (the
 * block's own toTerraform, which every stack calls, kgen's and a library user's alike); the
 * meta-arguments are left alone. Escaping the block's output rather than its configuration keeps
 * CDKTF's override merging (lists appended, objects merged) out of it and costs no second
 * synthesis.
 */
export function escapeLiteralText(element: TerraformElement): void {
  const synthesize = element.toTerraform.bind(element);
  element.toTerraform = (): unknown => {
    const synthesized = synthesize() as Record<string, Record<string, Record<string, unknown>>>;
    for (const [kind, blocks] of Object.entries(synthesized)) {
      // Beside the block CDKTF may add `import` and `moved` entries (absent here): blocks only.
      if (blocks === null || typeof blocks !== "object") continue;
      if (kind === "resource" || kind === "data") Object.values(blocks).forEach((named) => Object.values(named as Record<string, Record<string, unknown>>).forEach(escapeArguments));
      else if (kind === "output" || kind === "variable") Object.values(blocks).forEach((body) => escapeArguments(body as Record<string, unknown>));
    }
    return synthesized;
  };
}

function escapeArguments(body: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(body)) {
    if (name === "//" || name === "depends_on" || name === "provider") continue;
    body[name] = escapeValue(value);
  }
}

function escapeValue(value: unknown): unknown {
  if (typeof value === "string") return escapeString(value);
  if (Array.isArray(value)) {
    const items = value.map(escapeValue);
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  if (value !== null && typeof value === "object" && !Tokenization.isResolvable(value)) {
    // Object keys of a JSON expression are templates too (tag keys).
    const entries = Object.entries(value);
    const escaped = entries.map(([key, item]) => [escapeString(key), escapeValue(item)] as const);
    return escaped.every(([key, item], index) => key === entries[index][0] && item === entries[index][1]) ? value : Object.fromEntries(escaped);
  }
  return value;
}

function escapeString(text: string): string {
  // Only `${` and `%{` need escaping, and every `${` may be a token's: most strings have neither.
  if (!text.includes("{")) return text;
  const tokens = text.match(TOKEN_MARKER) ?? [];
  if (!text.includes("%{") && (text.match(/\$\{/g) ?? []).length === tokens.length) return text;
  if (tokens.length !== Tokenization.reverseString(text).tokens.length) throw new Error(`internal: cannot tell CDKTF tokens from text in ${JSON.stringify(text)}`);
  const literals = text.split(TOKEN_MARKER);
  // CDKTF reads `${` in a string holding a token as its own escape syntax and would mangle both.
  if (tokens.length > 0 && literals.some((literal) => literal.includes("${"))) throw new Error(`internal: "\${" next to a reference in ${JSON.stringify(text)}`);
  return literals
    .map((literal, index) => {
      // `$` right before an interpolation would make it `$${`: kgen never writes that.
      if (index < tokens.length && /[$%]$/.test(literal)) throw new Error(`internal: "${literal}" runs into a reference`);
      return templateLiteral(literal) + (tokens[index] ?? "");
    })
    .join("");
}
