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
import { Token, Tokenization, type IResolvable, type TerraformElement } from "./cdktf";

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

/** Escapes the literal text of every argument of a block; meta-arguments are left alone. */
export function escapeLiteralText(element: TerraformElement): void {
  for (const [name, value] of Object.entries(argumentsOf(element))) {
    if (name === "//" || name === "depends_on" || name === "provider") continue;
    const escaped = escapeValue(value);
    if (JSON.stringify(escaped) === JSON.stringify(value)) continue;
    // CDKTF merges an override into the argument (lists are appended to, objects merged key by
    // key); a token in its place replaces it whole.
    element.addOverride(name, typeof escaped === "object" && escaped !== null ? replacement(escaped) : escaped);
  }
}

/** The block's arguments as CDKTF synthesizes them, tokens still unresolved. */
function argumentsOf(element: TerraformElement): Record<string, unknown> {
  const synthesized = element.toTerraform() as Record<string, Record<string, unknown>>;
  const [kind, blocks] = Object.entries(synthesized)[0];
  const byName = kind === "resource" || kind === "data" ? (Object.values(blocks)[0] as Record<string, unknown>) : blocks;
  return Object.values(byName)[0] as Record<string, unknown>;
}

function replacement(value: unknown): IResolvable {
  return { creationStack: [], resolve: () => value, toString: () => JSON.stringify(value) };
}

function escapeValue(value: unknown): unknown {
  if (typeof value === "string") return escapeString(value);
  if (Array.isArray(value)) return value.map(escapeValue);
  if (value !== null && typeof value === "object" && !Tokenization.isResolvable(value)) {
    // Object keys of a JSON expression are templates too (tag keys).
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [escapeString(key), escapeValue(item)]));
  }
  return value;
}

function escapeString(text: string): string {
  const tokens = text.match(TOKEN_MARKER) ?? [];
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
