/**
 * Loading: YAML text -> a structurally valid `Spec` with defaults applied, or diagnostics.
 * Semantic rules (references, ARNs, per-type limits) run afterwards, in rules.ts.
 */
import { isScalar } from "yaml";
import { conformDocument } from "./conform";
import { createDiagnostic, hasErrors, type Diagnostic, type Position, type SpecPath } from "./diagnostics";
import { emptyRecord } from "./records";
import { PARTITIONS, REGIONS, partitionOfRegion } from "./regions";
import { specSchema, type SpecAsWritten } from "./schema";
import type { ConsumerSpec, Spec } from "./types";
import { locator, parseSpecSource } from "./yaml-source";

export interface LoadResult {
  /** Present only when no error was found; warnings may accompany it. */
  spec?: Spec;
  diagnostics: Diagnostic[];
  /** Position of a spec path's node (nearest existing ancestor when absent), for later stages. */
  locate: (path: SpecPath) => Position;
}

export function loadSpec(file: string, text: string): LoadResult {
  const parsed = parseSpecSource(file, text);
  const locate = locator(parsed.source);
  const source = parsed.source;
  if (!source) return { diagnostics: parsed.diagnostics, locate };

  const contents = source.document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    const empty = createDiagnostic(file, locate([]), {
      code: "KG1006",
      path: [],
      message: "the spec is empty",
      hint: "start with `version: 1`, `name`, `owner` and `streams`; see examples/",
    });
    return { diagnostics: [...parsed.diagnostics, empty], locate };
  }

  const conformed = conformDocument(source, file, specSchema);
  const diagnostics = [...parsed.diagnostics, ...conformed.diagnostics];
  diagnostics.push(...checkRegionInPartition(file, conformed.value, locate));
  if (hasErrors(diagnostics)) return { diagnostics, locate };
  // Without errors the value has exactly the schema's shape, which schema.ts proves is SpecAsWritten.
  return { spec: applyDerivedDefaults(conformed.value as SpecAsWritten), diagnostics, locate };
}

/** The region enum holds every partition's Regions; this ties it to the owner's partition. */
function checkRegionInPartition(file: string, written: unknown, locate: (path: SpecPath) => Position): Diagnostic[] {
  // Runs even when other parts of the spec have errors, so it reads the value defensively.
  const owner = field(written, "owner");
  const region = field(owner, "region");
  const partition = PARTITIONS.find((known) => known === field(owner, "partition"));
  if (typeof region !== "string" || partition === undefined || REGIONS[partition].includes(region)) return [];
  const actual = partitionOfRegion(region);
  return [
    createDiagnostic(file, locate(["owner", "region"]), {
      code: "KG1023",
      path: ["owner", "region"],
      message: `region "${region}" is not in partition ${partition}`,
      hint: actual
        ? `${region} is in ${actual}; set owner.partition: ${actual}`
        : `use one of: ${REGIONS[partition].join(", ")}`,
    }),
  ];
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/**
 * Defaults that depend on other entries: a consumer's `via` follows its streams' type
 * (get-records for data, media for video), and a KCL consumer's version and application name.
 * A consumer mixing data and video gets get-records; rules.ts reports the mix.
 */
function applyDerivedDefaults(written: SpecAsWritten): Spec {
  const consumers = emptyRecord<ConsumerSpec>();
  for (const [name, consumer] of Object.entries(written.consumers)) {
    const types = consumer.streams
      .filter((stream) => Object.hasOwn(written.streams, stream))
      .map((stream) => written.streams[stream].type);
    const allVideo = types.length > 0 && types.every((type) => type === "video");
    const via = consumer.via ?? (allVideo ? "media" : "get-records");
    // Built field by field so the key order matches the schema's, as everywhere else in a Spec.
    const resolved: ConsumerSpec = { streams: consumer.streams, via };
    if (via === "kcl") {
      // The application is an AWS name (lease table, registered consumer): it follows aws_name.
      resolved.application = consumer.application ?? consumer.aws_name ?? name;
      resolved.kcl_version = consumer.kcl_version ?? 3;
    }
    if (consumer.role) resolved.role = consumer.role;
    if (consumer.aws_name !== undefined) resolved.aws_name = consumer.aws_name;
    if (consumer.renamed_from !== undefined) resolved.renamed_from = consumer.renamed_from;
    if (consumer.user !== undefined) resolved.user = consumer.user;
    if (consumer.group !== undefined) resolved.group = consumer.group;
    if (consumer.tags !== undefined) resolved.tags = consumer.tags;
    Object.defineProperty(consumers, name, { value: resolved, enumerable: true, writable: true, configurable: true });
  }
  return { ...written, consumers };
}
