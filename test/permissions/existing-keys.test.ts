/**
 * Keys kgen does not manage (`keys.<k>.arn`): the model keeps the key under its spec name with its
 * ARN and account; kgen's own key policy gains nothing; the statements handed over to the key's
 * owner are exactly those kgen writes in a key policy of its own for the same principals, less
 * the root and key administrator statements, with the module name before each Sid; a group's
 * members are covered through the owner account's root.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { resolveModel } from "../../src/model/resolve";
import { keyPolicy, keyPolicyHandOver } from "../../src/permissions/resource-policies";
import { validateSpec } from "../../src/spec/rules";
import type { Model } from "../../src/model/types";

const EXAMPLE = readFileSync(join(__dirname, "..", "..", "examples", "shared-key.yaml"), "utf8");

function modelOf(text: string): Model {
  const { spec, diagnostics } = validateSpec("spec.yaml", text);
  if (spec === undefined) throw new Error(JSON.stringify(diagnostics));
  return resolveModel(spec);
}

/** The same spec with every existing key turned into a key the module creates. */
function withCreatedKeys(text: string): string {
  const document = parse(text) as { keys: Record<string, Record<string, unknown>> };
  for (const key of Object.values(document.keys)) delete key.arn;
  return stringify(document);
}

test("the model keeps an existing key under its spec name, with its ARN and the account that owns it", () => {
  const model = modelOf(EXAMPLE);
  expect(model.keys.map((key) => [key.name, key.existing])).toEqual([
    ["cameras", { arn: "arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c-5b4a-4392-8170-6a5b4c3d2e1f", account: "123456789012" }],
    ["central-payments", { arn: "arn:aws:kms:eu-central-1:444455556666:key/1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b", account: "444455556666" }],
  ]);
  expect(model.streams.find((s) => s.name === "PaymentEvents")?.encryption).toEqual({ kind: "customer-managed", key: "central-payments" });
});

test("kgen writes no policy of its own for an existing key, and hands over none for a key it creates", () => {
  const model = modelOf(EXAMPLE);
  const created = modelOf(withCreatedKeys(EXAMPLE));
  expect(() => keyPolicy(model, model.keys[0])).toThrow(/no policy for the existing key/);
  expect(() => keyPolicyHandOver(created, created.keys[0])).toThrow(/its policy is keyPolicy/);
});

test.each(["cameras", "central-payments"])("the statements handed over for %s are kgen's own key policy's, less root and administrators, Sids prefixed", (name) => {
  const model = modelOf(EXAMPLE);
  const created = modelOf(withCreatedKeys(EXAMPLE));
  const handOver = keyPolicyHandOver(model, model.keys.find((k) => k.name === name) ?? model.keys[0]).Statement;
  const own = keyPolicy(created, created.keys.find((k) => k.name === name) ?? created.keys[0]).Statement;
  const kgensOwn = own.filter((s) => s.Sid !== "EnableAccountRootAccess" && s.Sid !== "KeyAdministrators");
  // kgen's own key gives the root kms:* (group members go through it); handed over, the root gets only their use, scoped.
  const forGroups = handOver.filter((s) => s.Sid.endsWith("ByGroupMembers"));
  expect(handOver.filter((s) => !forGroups.includes(s))).toEqual(kgensOwn.map((s) => ({ ...s, Sid: `SharedKey${s.Sid}` })));
  expect(forGroups.length).toBeGreaterThan(0);
  for (const statement of forGroups) {
    expect(statement.Principal).toEqual({ AWS: ["arn:aws:iam::123456789012:root"] });
    // Scoped as the statements naming users and roles on the same stream: same service, same records.
    expect(handOver.filter((s) => s !== statement).map((s) => s.Condition)).toContainEqual(statement.Condition);
    expect(statement.Condition?.StringEquals?.["kms:ViaService"]).toMatch(/^kinesis(video)?\.eu-central-1\.amazonaws\.com$/);
  }
});

test("a share of a stream on an existing key puts the share's principals in the statements handed over", () => {
  const model = modelOf(EXAMPLE);
  const central = model.keys.find((k) => k.name === "central-payments");
  if (central === undefined) throw new Error("no key central-payments");
  const share = keyPolicyHandOver(model, central).Statement.find((s) => s.Sid === "SharedKeySharePaymentAnalyticsDecryptForPaymentEvents");
  expect(share?.Principal).toEqual({ AWS: ["arn:aws:iam::111122223333:role/PaymentAnalytics"] });
  expect(share?.Action).toEqual(["kms:Decrypt"]);
});
