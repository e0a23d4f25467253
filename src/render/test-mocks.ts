/**
 * The values a module's generated test gives what only AWS knows: the ARNs and ids of the
 * resources it creates, and its inputs. They are well-formed, because the provider validates
 * ARNs even under `mock_provider`, and distinct per resource, so a policy edited to name another
 * key or stream than kgen chose fails the test. Every reference in the module resolves against
 * them, which is how the test knows the exact documents kgen generated.
 */
import { createHash } from "node:crypto";
import { instanceProfileArn, roleArn, streamArn, type Location } from "../model/arns";
import type { TerraformJson } from "./from-terraform-json";
import { literalText } from "./terraform-template";

/** A reference a module makes: `aws_kms_key.trades.arn`, or an input: `var.trades_key_arn`. */
type Reference = { kind: "attribute"; type: string; name: string; attribute: string } | { kind: "variable"; name: string };

/** Where the module's resources live, and which owner key each `*_key_arn` input carries. */
export interface MockWorld {
  /** The module's own account: the owner's, or the external account for a companion module. */
  at: Location;
  /** The owner's account and region, where the keys are. */
  owner: Location;
  /** Input variable -> the owner module's Terraform name of the key whose ARN it carries. */
  keyInputs: ReadonlyMap<string, string>;
}

/** Mock values for attributes the provider computes, by resource type and attribute. */
const COMPUTED: Readonly<Record<string, Readonly<Record<string, (body: Record<string, unknown>, name: string, world: MockWorld, resolve: (value: unknown) => string) => string>>>> = {
  aws_kms_key: {
    arn: (_body, name, world) => keyArn(world.at, name),
    key_id: (_body, name) => keyId(name),
  },
  aws_kms_alias: { arn: (body, _name, { at }) => `arn:${at.partition}:kms:${at.region}:${at.account}:${literal(body.name)}` },
  aws_kinesis_stream: { arn: (body, _name, { at }) => streamArn(at, literal(body.name)) },
  // A consumer's ARN ends in its registration time (Kinesis API reference, ConsumerDescription).
  aws_kinesis_stream_consumer: { arn: (body, _name, _world, resolve) => `${resolve(body.stream_arn)}/consumer/${literal(body.name)}:1700000000` },
  // A video stream's ARN ends in its creation time (Kinesis Video Streams API reference, StreamInfo).
  aws_kinesis_video_stream: { arn: (body, _name, { at }) => `arn:${at.partition}:kinesisvideo:${at.region}:${at.account}:stream/${literal(body.name)}/1700000000000` },
  aws_iam_role: { arn: (body, _name, { at }) => roleArn(at.partition, at.account, literal(body.name), body.path === undefined ? "/" : literal(body.path)) },
  aws_iam_instance_profile: {
    arn: (body, _name, { at }) => instanceProfileArn(at.partition, at.account, literal(body.name), body.path === undefined ? "/" : literal(body.path)),
  },
  aws_iam_policy: { arn: (body, _name, { at }) => `arn:${at.partition}:iam::${at.account}:policy/${literal(body.name)}` },
};

/** The ARN the generated tests give the key that a module names `name`. */
export function keyArn(at: Location, name: string): string {
  return `arn:${at.partition}:kms:${at.region}:${at.account}:key/${keyId(name)}`;
}

/** A key id shaped as KMS makes them (a version-4 UUID), derived from the key's Terraform name. */
function keyId(name: string): string {
  const hex = createHash("sha256").update(`aws_kms_key.${name}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface Mocks {
  /** `aws_kms_key.trades` -> computed attribute -> value, for `override_resource`. */
  overrides: Map<string, Map<string, string>>;
  /** Input variable -> value. */
  variables: Map<string, string>;
  /** A configured value with every reference replaced by what it evaluates to in the test. */
  resolve(value: unknown): unknown;
}

/** Mock values for everything the module's resources and outputs reference. */
export function mocksFor(json: TerraformJson, world: MockWorld): Mocks {
  const overrides = new Map<string, Map<string, string>>();
  const variables = new Map<string, string>();

  const resolveReference = (reference: Reference): string => {
    if (reference.kind === "variable") {
      const key = world.keyInputs.get(reference.name);
      if (key === undefined || json.variable?.[reference.name] === undefined) throw new Error(`internal: no test value for input ${reference.name}`);
      variables.set(reference.name, keyArn(world.owner, key));
      return keyArn(world.owner, key);
    }
    const { type, name, attribute } = reference;
    const body = json.resource?.[type]?.[name];
    if (body === undefined) throw new Error(`internal: ${type}.${name} is referenced but not in the module`);
    if (attribute in body) return resolveString(body[attribute]);
    const compute = COMPUTED[type]?.[attribute];
    if (compute === undefined) throw new Error(`internal: no test value for ${type}.${name}.${attribute}; teach render/test-mocks.ts about it`);
    const value = compute(body, name, world, resolveString);
    const address = `${type}.${name}`;
    overrides.set(address, (overrides.get(address) ?? new Map<string, string>()).set(attribute, value));
    return value;
  };

  const resolveString = (value: unknown): string => {
    if (typeof value !== "string") throw new Error(`internal: expected a string, got ${JSON.stringify(value)}`);
    const reference = parseReference(value);
    if (reference !== undefined) return resolveReference(reference);
    // Anything else is literal text, written as a Terraform template (`$${`, `%%{` escaped).
    return literalText(value, "a generated test's expected value");
  };

  const resolve = (value: unknown): unknown => {
    if (typeof value === "string") return resolveString(value);
    if (Array.isArray(value)) return value.map(resolve);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };

  // Everything referenced anywhere gets its value now, so the overrides are complete even for
  // references no assertion reads (the provider validates them all).
  for (const text of referenceStrings(json)) resolveString(text);
  return { overrides: sortedMap(overrides), variables: sortedMap(variables), resolve };
}

/** `${aws_kms_key.trades.arn}` / `${var.x}` -> the reference; anything else -> undefined. */
function parseReference(value: string): Reference | undefined {
  const variable = /^\$\{var\.([A-Za-z0-9_]+)\}$/.exec(value);
  if (variable !== null) return { kind: "variable", name: variable[1] };
  const attribute = /^\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_]+)\.([a-z0-9_]+)\}$/.exec(value);
  return attribute === null ? undefined : { kind: "attribute", type: attribute[1], name: attribute[2], attribute: attribute[3] };
}

/** Every whole-reference string in the module's resources and outputs, policy documents included. */
function referenceStrings(json: TerraformJson): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      if (parseReference(value) !== undefined) found.push(value);
      else if (value.startsWith("{")) walkJson(value);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(walk);
  };
  const walkJson = (text: string): void => {
    try {
      walk(JSON.parse(text));
    } catch {
      // Not a JSON document: a plain string.
    }
  };
  for (const instances of Object.values(json.resource ?? {})) for (const body of Object.values(instances)) walk(body);
  for (const output of Object.values(json.output ?? {})) walk(output.value);
  return found;
}

function literal(value: unknown): string {
  if (typeof value !== "string") throw new Error(`internal: expected a literal name, got ${JSON.stringify(value)}`);
  return literalText(value, "a resource name");
}

function sortedMap<V>(map: Map<string, V>): Map<string, V> {
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
