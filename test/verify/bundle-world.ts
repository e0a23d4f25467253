/**
 * A spec's policy bundle next to what synth generates for it: every policy document of every
 * generated module, read back from its HCL with @cdktf/hcl2json (found by shape — any attribute
 * holding a `jsonencode` of a document with a Statement — never by a list of resource types), and
 * the bundle's manifest, files and documents.
 */
import { readFileSync } from "node:fs";
import { compileSpec } from "../../src/compile";
import { resolveModel } from "../../src/model/resolve";
import { validateSpec } from "../../src/spec/rules";
import type { Spec } from "../../src/spec/types";
import { policyBundle, type PolicyBundle } from "../../src/verify/bundle";
import { evaluateAttribute, type Value } from "../support/hcl-expression";
import { parseModule } from "../support/parsed-module";
import type { PolicyDocument } from "../support/simulate";

export interface ManifestPolicy {
  file: string;
  module: string;
  address: string;
  attribute: string;
  description: string;
  kind: string;
  policyType: string;
  principals: string[] | null;
  resource: string | null;
  publicAccessResourceType: string | null;
  validationResourceType: string | null;
  reference: string;
  denyLists: string[];
}

export interface Manifest {
  format: number;
  spec: string;
  owner: { partition: string; region: string; account: string };
  placeholders: Array<{ value: string; standsFor: Array<{ module: string; expression: string }>; why: string }>;
  policies: ManifestPolicy[];
  references: Array<{ file: string; kind: string; policyType: string; ceilingOf: string }>;
  denyLists: Array<{ name: string; holders: string; files: string[]; actions: Array<{ action: string; why: string }> }>;
}

/** A policy found in generated HCL: where it is, and its document with the bundle's placeholders in. */
export interface GeneratedPolicy {
  module: string;
  address: string;
  attribute: string;
  document: PolicyDocument;
}

export interface BundleWorld {
  spec: Spec;
  bundle: PolicyBundle;
  manifest: Manifest;
  /** Every policy of every generated module, read back from HCL. */
  generated: GeneratedPolicy[];
  /** Module name -> the addresses of its blocks and its variables (`var.x`). */
  expressions: Map<string, Set<string>>;
  read: (file: string) => unknown;
}

export function specOf(file: string): Spec {
  const { spec } = validateSpec(file, readFileSync(file, "utf8"));
  if (spec === undefined) throw new Error(`${file} does not validate`);
  return spec;
}

export async function loadBundleWorld(specFile: string): Promise<BundleWorld> {
  const spec = specOf(specFile);
  const bundle = policyBundle(resolveModel(spec));
  const read = (file: string): unknown => {
    const text = bundle.files.get(file);
    if (text === undefined) throw new Error(`the bundle has no ${file}`);
    return JSON.parse(text);
  };
  const manifest = read("manifest.json") as Manifest;
  const placeholders = new Map(manifest.placeholders.flatMap((p) => p.standsFor.map((s) => [`${s.module} ${s.expression}`, p.value] as const)));
  const compiled = await compileSpec(specFile, readFileSync(specFile, "utf8"));
  const generated: GeneratedPolicy[] = [];
  const expressions = new Map<string, Set<string>>();
  for (const module of compiled.modules) {
    const parsed = await parseModule(module.files);
    expressions.set(module.name, new Set([...parsed.blocks.keys(), ...[...parsed.variables.keys()].map((v) => `var.${v}`)]));
    const resolve = (expression: string): Value => {
      const value = placeholders.get(`${module.name} ${expression}`);
      if (value === undefined) throw new Error(`${module.name}: no placeholder in the manifest stands for ${expression}`);
      return value;
    };
    for (const [address, body] of parsed.blocks) {
      for (const [attribute, raw] of Object.entries(body)) {
        if (typeof raw !== "string" || !raw.startsWith("${jsonencode(")) continue;
        const document = JSON.parse(String(evaluateAttribute(raw, resolve))) as PolicyDocument;
        if ("Statement" in document) generated.push({ module: module.name, address, attribute, document });
      }
    }
  }
  return { spec, bundle, manifest, generated, expressions, read };
}
