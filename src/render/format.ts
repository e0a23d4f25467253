/**
 * `terraform fmt` for generated files: hclwrite's Format, compiled to WebAssembly and shipped in
 * @cdktf/hcl-tools. Loaded on first use so commands that write nothing never pay for it.
 */
export async function formatHcl(text: string): Promise<string> {
  const { format } = await import("@cdktf/hcl-tools");
  return format(text);
}
