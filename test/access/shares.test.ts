/**
 * Cross-account shares, proved by simulation over the owner module and its companion modules
 * together: each external principal may do exactly its share's actions, and only while both halves
 * are applied; principals of unshared accounts, other principals of the shared accounts, and
 * unshared streams get nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateSpec } from "../../src/spec/rules";
import { expectedShareGrants, grantAllows, type ExpectedGrant } from "./permissions-md";
import { actionCatalogue, contextOf, describeRequest, requests, resourceAccountOf, resourcesByType, type Request } from "./requests";
import { externalHolders, loadWorld, type World } from "./world";
import { decide, type AccessRequest, type PolicyDocument } from "../support/simulate";

const memberOf = (account: string) => `arn:aws:iam::${account}:role/kgen-test-member`;

const EXAMPLES_WITH_SHARES = ["trade-sharing", "order-sharing", "shared-key"];

describe.each(EXAMPLES_WITH_SHARES)("shares in examples/%s.yaml", (example) => {
  let world: World;
  /** External principal -> identity policies, as the external accounts would have them. */
  let external: Map<string, PolicyDocument[]>;
  let grants: ExpectedGrant[];

  beforeAll(async () => {
    world = await loadWorld(join(__dirname, "..", "..", "examples", `${example}.yaml`));
    grants = expectedShareGrants(world.spec, world.keyArn, memberOf);
    external = externalHolders(world, memberOf);
    const add = (principal: string, document: PolicyDocument) => external.set(principal, [...(external.get(principal) ?? []), document]);
    // Outsiders holding every share's policy: another account, and an unnamed role of a shared account.
    for (const outsider of ["arn:aws:iam::999999999999:role/outsider", "arn:aws:iam::111122223333:role/not-in-share"]) {
      for (const document of world.sharePolicies.values()) add(outsider, document);
    }
  });

  const accessRequest = (request: Request, halves: { identity: boolean; resource: boolean }): AccessRequest => ({
    principal: request.principal,
    action: request.action,
    resource: request.resource,
    // An existing key may be another account's: the resource's own account decides.
    resourceAccount: resourceAccountOf(request.resource, world.spec.owner.account),
    identityPolicies: halves.identity ? (external.get(request.principal) ?? []) : [],
    resourcePolicy: halves.resource ? world.resourcePolicies.get(request.resource) : undefined,
    context: contextOf(world.spec.owner.region, request),
  });

  test("each external principal may do exactly its share's actions, and only with both halves", async () => {
    const catalogue = new Map([...(await actionCatalogue())].filter(([action]) => action.startsWith("kinesis:") || action.startsWith("kms:")));
    const resources = resourcesByType(world.spec, world.keyArn);
    const streamArns = resources.get("kinesis:stream") ?? [];
    let decisions = 0;
    let allowed = 0;
    let halvesChecked = 0;
    const mismatches: string[] = [];
    for (const request of requests([...external.keys()].sort(), catalogue, resources, streamArns)) {
      if (request.viaOtherServiceFor !== undefined || request.viaKinesisVideo === true) continue;
      const decision = await decide(accessRequest(request, { identity: true, resource: true }));
      decisions++;
      const expected = grantAllows(grants, request);
      if ((decision === "Allowed") !== expected) mismatches.push(`${decision}: ${describeRequest(request)}`);
      if (decision !== "Allowed") continue;
      allowed++;
      for (const halves of [{ identity: false, resource: true }, { identity: true, resource: false }]) {
        halvesChecked++;
        const half = await decide(accessRequest(request, halves));
        if (half === "Allowed") mismatches.push(`allowed without its ${halves.identity ? "resource policy" : "identity policy"}: ${request.principal} ${request.action} ${request.resource}`);
      }
    }
    console.info(`examples/${example}.yaml cross-account: ${decisions} decisions, ${allowed} allowed, ${halvesChecked} half-removed checks, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
    expect(allowed).toBeGreaterThan(0);
  }, 180_000); // thousands of simulations: seconds alone, more on a busy runner
});

describe("examples/trade-sharing.yaml", () => {
  const file = join(__dirname, "..", "..", "examples", "trade-sharing.yaml");
  const { spec } = validateSpec(file, readFileSync(file, "utf8"));
  if (spec === undefined) throw new Error(`${file} does not validate`);

  test("every kind of share is exercised: read, write and fan-out, by role, user and account root", () => {
    const shares = Object.values(spec.shares);
    expect(new Set(shares.map((s) => s.access))).toEqual(new Set(["read", "write", "fan-out"]));
    expect(shares.some((s) => s.principals.length === 0)).toBe(true);
    expect(shares.flatMap((s) => s.principals).some((p) => p.includes(":user/"))).toBe(true);
    expect(new Set(shares.map((s) => /^\d{12}$/.test(s.account)))).toEqual(new Set([true, false]));
  });
});
