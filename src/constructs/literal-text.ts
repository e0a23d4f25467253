/**
 * Terraform reads `${` and `%{` in every string as template syntax, in JSON and HCL alike; `$${`
 * and `%%{` are their escapes. Free text from the spec (a key's description) is escaped so it
 * stays exactly what the user wrote.
 */
export function literalText(text: string): string {
  // A replacer function, because "$$" in a replacement string means a single "$".
  return text.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}
