/**
 * A generated module read back the way Terraform would: every `.tf` file parsed with
 * @cdktf/hcl2json (the HCL v2 parser), blocks indexed by address.
 */
import { parse } from "@cdktf/hcl2json";
import { evaluateAttribute, type ResolveReference, type Value } from "./hcl-expression";

export type Body = Record<string, unknown>;

export interface ParsedModule {
  /** `aws_kms_key.trades` -> body; `data.aws_region.current` -> body. */
  blocks: Map<string, Body>;
  outputs: Map<string, Body>;
  variables: Map<string, Body>;
  terraform: Body[];
}

export async function parseModule(files: ReadonlyMap<string, string>): Promise<ParsedModule> {
  const parsed: ParsedModule = { blocks: new Map(), outputs: new Map(), variables: new Map(), terraform: [] };
  for (const [name, text] of files) {
    if (!name.endsWith(".tf")) continue;
    const json = (await parse(name, text)) as Record<string, unknown>;
    for (const [kind, content] of Object.entries(json)) {
      if (kind === "resource" || kind === "data") {
        for (const [type, named] of Object.entries(content as Record<string, Record<string, Body[]>>)) {
          for (const [label, bodies] of Object.entries(named)) {
            const address = kind === "data" ? `data.${type}.${label}` : `${type}.${label}`;
            if (parsed.blocks.has(address) || bodies.length !== 1) throw new Error(`duplicate block ${address}`);
            parsed.blocks.set(address, bodies[0]);
          }
        }
      } else if (kind === "output" || kind === "variable") {
        const target = kind === "output" ? parsed.outputs : parsed.variables;
        for (const [label, bodies] of Object.entries(content as Record<string, Body[]>)) target.set(label, bodies[0]);
      } else if (kind === "terraform") {
        parsed.terraform.push(...(content as Body[]));
      } else {
        throw new Error(`unexpected top-level ${kind} in ${name}`);
      }
    }
  }
  return parsed;
}

/** All blocks of one resource type, by name. */
export function blocksOfType(module: ParsedModule, type: string): Array<[string, Body]> {
  return [...module.blocks].filter(([address]) => address.startsWith(`${type}.`)).map(([address, body]) => [address.slice(type.length + 1), body]);
}

/** An attribute's value with its expressions evaluated. */
export function attribute(body: Body, name: string, resolve: ResolveReference): Value {
  if (!(name in body)) throw new Error(`attribute ${name} missing`);
  return evaluateAttribute(body[name], resolve);
}

/** Evaluates a `jsonencode({...})` policy attribute back to the document. */
export function policyAttribute(body: Body, name: string, resolve: ResolveReference): unknown {
  const value = attribute(body, name, resolve);
  if (typeof value !== "string") throw new Error(`${name} is not a JSON string`);
  return JSON.parse(value);
}
