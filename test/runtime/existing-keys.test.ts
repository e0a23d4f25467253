/**
 * Streams on keys kgen does not manage (examples/shared-key.yaml: a data stream on a key of
 * another account, a video stream on an existing key of the owner account). The key policy is
 * its owner's: the module hands over the statements to add (key-policy-statements/<key>.json).
 * Every real client call is checked against the policies AWS would evaluate, with and without
 * those statements (KMS guide "key-policy-modifying-external-accounts": a principal of another
 * account needs both the key policy and its own identity policy).
 */
import { join } from "node:path";
import { defaultKeyPolicy, externalHolders, loadWorld, type ExistingKeyPolicy, type World } from "../access/world";
import { isAllowed, type Documents } from "./check";
import { modelledParties, type PartyCalls } from "./parties";

const SPEC = join(__dirname, "..", "..", "examples", "shared-key.yaml");
const memberOf = (account: string) => `arn:aws:iam::${account}:role/kgen-test-member`;

interface Outcome {
  /** `principal action resource` of every KMS call on the key, allowed or not. */
  allowed: string[];
  denied: string[];
  /** Calls not on an existing key: all must be allowed either way. */
  otherDenied: string[];
}

async function outcome(existingKeys: ExistingKeyPolicy, keyArn: string): Promise<{ world: World; outcome: Outcome; parties: PartyCalls[] }> {
  const world = await loadWorld(SPEC, existingKeys);
  const documents: Documents = { world, identity: new Map([...world.identityPolicies, ...externalHolders(world, memberOf)]), memberOf };
  const parties = modelledParties(world.spec, world.keyArn, memberOf);
  const result: Outcome = { allowed: [], denied: [], otherDenied: [] };
  for (const { party, calls } of parties) {
    for (const call of calls) {
      const line = `${call.principal ?? party.principal} ${call.action} ${call.resource}`;
      const allowed = await isAllowed(documents, call, party.principal);
      if (call.resource === keyArn) (allowed ? result.allowed : result.denied).push(line);
      else if (!allowed && !call.resource.startsWith("arn:aws:kms:")) result.otherDenied.push(line);
    }
  }
  return { world, outcome: result, parties };
}

const CENTRAL = "arn:aws:kms:eu-central-1:444455556666:key/1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b";
const CAMERAS = "arn:aws:kms:eu-central-1:123456789012:key/9f8e7d6c-5b4a-4392-8170-6a5b4c3d2e1f";

describe("a data stream on another account's key", () => {
  test("with the handed-over statements added, every party's KMS calls are allowed: producer role, KCL user, group member, share principal, stream administrator", async () => {
    const { outcome: result } = await outcome("hand-over added", CENTRAL);
    console.info(`another account's key, statements added: ${result.allowed.length} KMS calls allowed, ${result.denied.length} denied`);
    expect(result.denied).toEqual([]);
    const callers = new Set(result.allowed.map((line) => line.split(" ")[0]));
    expect([...callers].sort()).toEqual([
      "arn:aws:iam::111122223333:role/PaymentAnalytics",
      "arn:aws:iam::123456789012:role/StreamAdmin",
      "arn:aws:iam::123456789012:role/shared-key-payment-api",
      "arn:aws:iam::123456789012:user/FraudScoring",
      "arn:aws:iam::123456789012:user/member-of/PaymentAuditors",
    ]);
    expect(result.otherDenied).toEqual([]);
  }, 60_000);

  test("without them, the key's own policy denies every KMS call, whatever the identity policies allow", async () => {
    const { outcome: result } = await outcome("default only", CENTRAL);
    console.info(`another account's key, default policy only: ${result.allowed.length} KMS calls allowed, ${result.denied.length} denied`);
    expect(result.allowed).toEqual([]);
    expect(result.denied.length).toBeGreaterThanOrEqual(5);
    expect(result.otherDenied).toEqual([]);
  }, 60_000);

  test("the key statements alone do not suffice: without the party's identity policy its KMS calls are denied", async () => {
    const world = await loadWorld(SPEC, "hand-over added");
    const stripped = new Map([...world.identityPolicies].map(([principal, documents]) => [principal, documents.map(withoutKmsStatements)]));
    const documents: Documents = { world, identity: new Map([...stripped, ...externalHolders({ ...world, identityPolicies: stripped }, memberOf)]), memberOf };
    expect(await allowedOn(documents, CENTRAL)).toEqual([]);
  }, 60_000);
});

describe("a video stream on an existing key of the owner account", () => {
  test("with the handed-over statements added, the producer user and the viewers' group members may use the key", async () => {
    const { outcome: result } = await outcome("hand-over added", CAMERAS);
    expect(result.denied).toEqual([]);
    expect(new Set(result.allowed.map((line) => line.split(" ")[0]))).toEqual(
      new Set(["arn:aws:iam::123456789012:user/DoorCamera", "arn:aws:iam::123456789012:user/member-of/CameraViewers"]),
    );
  }, 60_000);

  test("with AWS's default key policy alone they may too: its root statement lets the owner account's identity policies decide (KMS guide key-policy-default-allow-root-enable-iam)", async () => {
    const { outcome: result } = await outcome("default only", CAMERAS);
    console.info(`owner account's key, default policy only: ${result.allowed.length} KMS calls allowed, ${result.denied.length} denied`);
    expect(result.denied).toEqual([]);
    expect(result.allowed.length).toBeGreaterThan(0);
  }, 60_000);

  test("with a key policy that does not enable IAM policies (no root statement) and without the statements, every KMS call is denied", async () => {
    const world = await loadWorld(SPEC, "default only");
    const keyAdminOnly = defaultKeyPolicy(CAMERAS);
    keyAdminOnly.Statement = [{ Sid: "KeyAdmin", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/KeyAdmin" }, Action: "kms:Describe*", Resource: "*" }];
    world.resourcePolicies.set(CAMERAS, keyAdminOnly);
    expect(await allowedOn({ world, identity: world.identityPolicies, memberOf }, CAMERAS)).toEqual([]);
  }, 60_000);
});

test("no one but the parties may use either key, even with the statements added", async () => {
  const world = await loadWorld(SPEC, "hand-over added");
  const documents: Documents = { world, identity: new Map([...world.identityPolicies, ...externalHolders(world, memberOf)]), memberOf };
  const outsiders = ["arn:aws:iam::123456789012:role/SomeoneElse", "arn:aws:iam::444455556666:role/KeyAccountRole", "arn:aws:iam::111122223333:role/NotShared", "arn:aws:iam::999999999999:root"];
  const allowed: string[] = [];
  for (const { calls } of modelledParties(world.spec, world.keyArn, memberOf)) {
    for (const call of calls.filter((c) => c.resource === CENTRAL || c.resource === CAMERAS)) {
      for (const outsider of outsiders) if (await isAllowed(documents, { ...call, principal: outsider }, outsider)) allowed.push(`${outsider} ${call.action} ${call.resource}`);
    }
  }
  // The key account's own principals are the key owner's business (its root holds kms:*): only
  // what kgen's statements add is judged here, so the key account is asked with no identity policy.
  expect(allowed).toEqual([]);
}, 60_000);

/** `principal action` of each party's call on the key that the documents allow. */
async function allowedOn(documents: Documents, keyArn: string): Promise<string[]> {
  const allowed: string[] = [];
  for (const { party, calls } of modelledParties(documents.world.spec, documents.world.keyArn, memberOf)) {
    for (const call of calls.filter((c) => c.resource === keyArn)) if (await isAllowed(documents, call, party.principal)) allowed.push(`${party.principal} ${call.action}`);
  }
  return allowed;
}

function withoutKmsStatements<T extends { Statement: unknown }>(document: T): T {
  const statements = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]) as Array<{ Action: string | string[] }>;
  return { ...document, Statement: statements.filter((s) => ![s.Action].flat().some((a) => a.startsWith("kms:"))) };
}
