/**
 * explain's evaluator against the IAM policy simulator the access tests use: for every example,
 * every row of the matrix (computed from kgen's policy builders) must get the same decision from
 * `decide()` fed with the documents read back from the generated HCL (test/access/world.ts).
 * Two independent evaluations of two independent readings of the same policies must agree.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { accessMatrix, filterRows, type AccessRow } from "../../src/explain/matrix";
import { resolveModel } from "../../src/model/resolve";
import { validateSpec } from "../../src/spec/rules";
import { CONSUMER_CREATED, loadWorld, type World } from "../access/world";
import { exampleFiles } from "../support/examples";
import { isConsumerByName } from "../runtime/check";
import { assumeRole } from "../runtime/kinds";
import { decide, type AccessRequest, type PolicyDocument } from "../support/simulate";

/** The simulator refuses to evaluate an action on a resource type AWS does not define for it. */
const UNEVALUABLE = /iam-simulate rejected .*: (no\.resource\.types|must\.use\.wildcard)/;

/** explain's placeholders, as the access tests' world names the same resources. */
function worldArn(world: World, arn: string): string {
  // An existing key is named by its own ARN on both sides.
  if (Object.values(world.spec.keys).some((key) => key.arn === arn)) return arn;
  const key = /^arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:key\/(.+)$/.exec(arn);
  if (key !== null) return world.keyArn(key[1]);
  return arn
    .replace(/(\/consumer\/[^:]+):<created>$/, `$1:${CONSUMER_CREATED}`)
    .replace(/^(arn:[a-z-]+:kinesisvideo:.*)\/<created>$/, "$1/1700000000000")
    .replace(/\/index\/<index>$/, "/index/some-index");
}

/** What each principal holds: the modules' attachments, plus share policies users and roots attach themselves. */
function identityOf(world: World, principal: string): PolicyDocument[] {
  const selfAttached = Object.entries(world.spec.shares)
    .filter(([, share]) => {
      const account = /^\d{12}$/.test(share.account) ? share.account : world.spec.accounts[share.account];
      const principals = share.principals.length === 0 ? [`arn:${world.spec.owner.partition}:iam::${account}:root`] : share.principals;
      return principals.includes(principal) && !principal.includes(":role/");
    })
    .map(([name]) => world.sharePolicies.get(name))
    .filter((document): document is PolicyDocument => document !== undefined);
  return [...(world.identityPolicies.get(principal) ?? []), ...selfAttached];
}

/**
 * The context AWS sends, built from the spec and the call model, not from explain: a stream
 * service's KMS calls, a service assuming a role for the owner account, KCL and KPL metrics.
 */
function contextOf(world: World, row: AccessRow): Record<string, string> {
  if (row.action === "sts:AssumeRole") return assumeRole(row.resource, row.principal, world.spec.owner).context ?? {};
  const namespace = /^namespace (.+)$/.exec(row.through ?? "");
  if (namespace !== null) return { "cloudwatch:namespace": namespace[1] };
  if (row.through === undefined) return {};
  const { partition, region, account } = world.spec.owner;
  if (world.spec.streams[row.through].type === "video") return { "kms:ViaService": `kinesisvideo.${region}.amazonaws.com` };
  return {
    "kms:ViaService": `kinesis.${region}.amazonaws.com`,
    "kms:EncryptionContext:aws:kinesis:arn": `arn:${partition}:kinesis:${region}:${account}:stream/${row.through}`,
  };
}

/** explain stands for a group's members with `user/member-of-group/G`, the access tests' world with `user/member-of/G`. */
function worldPrincipal(principal: string): string {
  return principal.replace(":user/member-of-group/", ":user/member-of/");
}

function simulatorRequest(world: World, row: AccessRow): AccessRequest {
  const resource = worldArn(world, row.resource);
  const trust = row.action === "sts:AssumeRole";
  const principal = worldPrincipal(row.principal);
  return {
    principal,
    action: row.action,
    resource,
    // A KCL share's tables are in the share's account; `*` is evaluated in the caller's own.
    resourceAccount: (resource === "*" ? principal : resource).split(":")[4] || world.spec.owner.account,
    identityPolicies: identityOf(world, principal),
    resourcePolicy: trust ? world.trustPolicies.get(resource) : world.resourcePolicies.get(resource),
    context: contextOf(world, row),
  };
}

describe.each(exampleFiles().map((file) => [basename(file), file]))("explain agrees with the simulator on examples/%s", (_name, file) => {
  test("every row's decision equals decide() on the documents read back from the HCL", async () => {
    const world = await loadWorld(file);
    const { spec } = validateSpec(file, readFileSync(file, "utf8"));
    if (spec === undefined) throw new Error(`${file} does not validate`);
    const rows = filterRows(accessMatrix(resolveModel(spec)), {});
    let compared = 0;
    let allowed = 0;
    const unevaluable = new Set<string>();
    const mismatches: string[] = [];
    for (const row of rows) {
      let decision: string;
      try {
        decision = await decide(simulatorRequest(world, row));
      } catch (error) {
        if (!UNEVALUABLE.test(String(error))) throw error;
        // Lookups by stream ARN and consumer name are kgen's evaluator's alone (test/explain/evaluate.test.ts).
        if (!(row.action === "kinesis:DescribeStreamConsumer" && isConsumerByName(row.resource))) {
          unevaluable.add(`${row.action} on ${row.resource.replace(/^arn:[^:]*:[^:]*:[^:]*:[^:]*:/, "")}`);
        }
        continue;
      }
      compared++;
      if (row.allowed) allowed++;
      if ((decision === "Allowed") !== row.allowed) {
        mismatches.push(`explain ${row.allowed ? "allows" : "denies"}, simulator ${decision}: ${row.principal} ${row.action} ${row.resource}${row.through ? ` for ${row.through}` : ""}`);
      }
    }
    console.info(`examples/${basename(file)}: explain vs simulator: ${compared} decisions compared (${allowed} allowed), ${mismatches.length} mismatches, ${rows.length - compared} rows the simulator cannot evaluate`);
    expect(mismatches).toEqual([]);
    expect(allowed).toBeGreaterThan(0);
    expect([...unevaluable].sort()).toEqual([]);
  }, 60_000); // generating and re-parsing the modules, then ~1,000 simulations: seconds, more on a busy runner
});
