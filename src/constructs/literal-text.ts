/**
 * Terraform reads `${` and `%{` in every string as template syntax, in JSON and HCL alike. Free
 * text from the spec (a key's description) is escaped so it stays exactly what the user wrote.
 */
export function literalText(text: string): string {
  return text.replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
}
