/**
 * `terraform fmt` as the tests' oracle: hclwrite's Format, compiled to WebAssembly and shipped in
 * @cdktf/hcl-tools. kgen's printer lays HCL out itself; the tests prove its output is a fixed
 * point of this.
 */
export async function formatHcl(text: string): Promise<string> {
  const { format } = await import("@cdktf/hcl-tools");
  return format(text);
}
