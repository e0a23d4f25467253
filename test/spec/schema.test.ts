import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ALL_REGIONS, REGIONS } from "../../src/spec/regions";
import type { SchemaNode } from "../../src/spec/schema-dsl";
import { specSchema, toJsonSchema } from "../../src/spec/schema";

type Json = { [keyword: string]: unknown };

const schema = toJsonSchema() as Json;
const properties = schema.properties as Record<string, Json>;
const at = (json: Json, ...names: string[]): Json =>
  names.reduce<Json>((node, name) => {
    if (name === "*") return node.additionalProperties as Json;
    if (name === "[]") return node.items as Json;
    return (node.properties as Record<string, Json>)[name];
  }, json);

/** Every node of a DSL schema, with its dotted location. */
function* nodes(node: SchemaNode, where: string): Generator<[string, SchemaNode]> {
  yield [where, node];
  if (node.kind === "list") yield* nodes(node.items, `${where}[]`);
  if (node.kind === "map") {
    yield [`${where}.<key>`, node.key];
    yield* nodes(node.values, `${where}.*`);
  }
  if (node.kind === "object") {
    for (const [name, field] of Object.entries(node.fields)) yield* nodes(field.node, `${where}.${name}`);
  }
}

describe("toJsonSchema", () => {
  test("is draft-07 and closed at the top", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["version", "name", "owner", "streams"]);
  });

  test.each(["stock-trades.yaml", "clickstream.yaml"])("describes every top-level key %s uses", (name) => {
    const example = parse(readFileSync(join(__dirname, "..", "..", "examples", name), "utf8")) as Json;
    for (const key of Object.keys(example)) {
      expect(typeof properties[key]?.description).toBe("string");
    }
  });

  test("every DSL node carries a description", () => {
    for (const [where, node] of nodes(specSchema, "spec")) {
      expect([where, node.description.length > 0]).toEqual([where, true]);
    }
  });

  test("enum values are the DSL's", () => {
    const enums = [...nodes(specSchema, "spec")].filter(([, node]) => node.kind === "string" && node.enum);
    expect(enums.length).toBeGreaterThan(4);
    expect(at(schema, "streams", "*", "type").enum).toEqual(["data", "video"]);
    expect(at(schema, "streams", "*", "capacity").enum).toEqual(["on-demand", "provisioned"]);
    expect(at(schema, "consumers", "*", "via").enum).toEqual([
      "get-records", "kcl", "fan-out", "lambda", "firehose", "flink", "media", "playback",
    ]);
    expect(at(schema, "shares", "*", "access").enum).toEqual(["read", "write", "fan-out"]);
    expect(at(schema, "owner", "partition").enum).toEqual(Object.keys(REGIONS));
    expect(at(schema, "owner", "region").enum).toEqual(ALL_REGIONS);
    expect(at(schema, "consumers", "*", "kcl_version").enum).toEqual([1, 2, 3]);
    expect(at(schema, "version").enum).toEqual([1]);
  });

  test("defaults match spec-v1.md", () => {
    expect(at(schema, "owner", "partition").default).toBe("aws");
    expect(at(schema, "keys", "*", "rotation_days").default).toBe(365);
    expect(at(schema, "keys", "*", "deletion_window_days").default).toBe(30);
    expect(at(schema, "streams", "*", "type").default).toBe("data");
    expect(at(schema, "streams", "*", "capacity").default).toBe("on-demand");
    expect(at(schema, "streams", "*", "retention_hours").default).toBe(24);
    expect(at(schema, "streams", "*", "encryption").default).toBe("aws-managed");
  });

  test("ranges, patterns and list rules come through", () => {
    expect(at(schema, "keys", "*", "rotation_days")).toMatchObject({ type: "integer", minimum: 90, maximum: 2560 });
    expect(at(schema, "streams", "*", "shards")).toMatchObject({ minimum: 1, maximum: 10000 });
    expect(at(schema, "name").pattern).toBe("^[a-z][a-z0-9-]{0,47}$");
    expect(at(schema, "streams").propertyNames).toMatchObject({ pattern: "^[a-zA-Z0-9_.-]{1,256}$" });
    expect(at(schema, "producers", "*", "streams")).toMatchObject({ type: "array", minItems: 1, uniqueItems: true });
  });

  test("account ids may be strings or unquoted 12-digit integers", () => {
    expect(at(schema, "owner", "account").anyOf).toEqual([
      { type: "string", pattern: "^[0-9]{12}$" },
      { type: "integer", minimum: 100000000000, maximum: 999999999999 },
    ]);
  });

  test("every object with fixed fields is closed, a role names at most one of assumed_by and arn, a party one of role, user, group", () => {
    const objects: Json[] = [];
    const collect = (json: Json): void => {
      if (json.properties) objects.push(json);
      Object.values((json.properties ?? {}) as Record<string, Json>).forEach(collect);
      if (typeof json.additionalProperties === "object") collect(json.additionalProperties as Json);
      if (json.items) collect(json.items as Json);
    };
    collect(schema);
    const dslObjects = [...nodes(specSchema, "spec")].filter(([, node]) => node.kind === "object");
    // Both counts include role twice: once under producers, once under consumers.
    expect(objects).toHaveLength(dslObjects.length);
    for (const json of objects) expect(json.additionalProperties).toBe(false);
    const role = at(schema, "producers", "*", "role");
    expect(role.additionalProperties).toBe(false);
    // Neither is allowed where the party has a default trust, which the rules decide (KG2013).
    expect(role.oneOf).toBeUndefined();
    expect(role.allOf).toContainEqual({ not: { required: ["assumed_by", "arn"] } });
    // Controls apply only to the role kgen creates.
    expect(role.allOf).toContainEqual({ if: { not: { required: ["arn"] } }, else: { not: { required: ["path"] } } });
    const producer = at(schema, "producers", "*");
    for (const [a, b] of [["role", "user"], ["role", "group"], ["user", "group"]]) expect(producer.allOf).toContainEqual({ not: { required: [a, b] } });
  });

  test("fields that apply only to some entries are conditional", () => {
    const stream = at(schema, "streams", "*");
    expect(stream.allOf).toContainEqual({
      if: { properties: { capacity: { enum: ["provisioned"] } }, required: ["capacity"] },
      else: { not: { required: ["shards"] } },
    });
    expect(stream.allOf).toContainEqual({
      if: { properties: { capacity: { enum: ["provisioned"] } }, required: ["capacity"] },
      then: { required: ["shards"] },
    });
    // An absent type is data, so capacity is allowed without writing `type: data`.
    expect(stream.allOf).toContainEqual({
      if: { properties: { type: { enum: ["data"] } } },
      else: { not: { required: ["capacity"] } },
    });
  });

  test("is plain JSON: printing and re-reading it changes nothing", () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
