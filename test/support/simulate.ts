/**
 * Test-only wrapper around @cloud-copilot/iam-simulate (AGPL, a devDependency: never import it
 * from src/). `decide()` answers "would AWS allow this request?" fully offline (the library reads
 * its bundled IAM data from disk) and never logs.
 *
 * AWS semantics relied on (all implemented by the library itself; we only feed it correctly):
 * - Same account, no resource policy: the identity policy alone decides (e.g. Kinesis streams).
 * - KMS keys: there is no user-settable option; iam-simulate picks `KmsServiceAuthorizer` for
 *   every `kms:*` action on a `key/...` resource. Its "principal-account trust" rule is the KMS
 *   one: identity policies count only when the key policy has an account-level Allow
 *   (`arn:aws:iam::ACCOUNT:root`, i.e. an AccountLevelMatch). Otherwise only a key-policy
 *   statement naming the principal allows, and with no key policy at all everything is denied.
 *   (For KMS *alias* ARNs and `Resource: "*"` it falls back to ordinary IAM rules.)
 * - Cross account: both the resource policy and the identity policy must allow.
 * - Service principals (`ec2.amazonaws.com`): pass the bare service name as `principal`. The
 *   library treats any non-ARN string ending in `amazonaws.com` as a service principal; it has no
 *   account and no identity policies, so only a resource policy (role trust policy) statement
 *   with `Principal: {Service: "<exactly that name>"}` can allow it (the match is case-sensitive).
 *
 * THE kms:EncryptionContext FIX: we rewrite the key, we do not monkeypatch.
 * iam-simulate 0.1.x drops request context keys it does not recognise before evaluation
 * (`normalizeSimulationParameters` -> module-private `listHasVariableKeyMatch`, which only
 * understands variable keys split by `/`, like `aws:PrincipalTag/x`), and even if a key got past
 * that filter, `normalizeContextKeyCase` would rename `kms:EncryptionContext:aws:kinesis:arn` to
 * the literal spec name `kms:EncryptionContext:${EncryptionContextKey}`. The key is reported only
 * in `ignoredContextKeys`, so every `kms:EncryptionContext:<name>` condition sees a missing key:
 * `StringEquals` never matches (the legitimate stream is denied too, so the condition is never
 * really tested), and `...IfExists` / negated operators always match (a wrong stream is allowed).
 * Both culprits are private module bindings called directly from `runSimulation`, so a monkeypatch
 * would mean copying `runSimulation` or editing node_modules, which breaks on any upgrade.
 * Instead, in both the policies' Condition blocks and the request context, we rename
 * `kms:EncryptionContext:<name>` to the `/`-variable global key
 * `aws:PrincipalTag/kms:EncryptionContext:<name>`, which the library accepts for every action.
 * Both keys are single-valued Strings, so every operator (StringEquals is case-sensitive on values,
 * IfExists, ForAnyValue, Null, ...) behaves exactly as on the original key; key names stay
 * case-insensitive because the library lower-cases context keys for lookup. aws:PrincipalTag was
 * chosen over aws:RequestTag because AWS defines it for every action, so future per-action
 * validation of global keys should keep accepting it. If the library ever drops the carrier key
 * anyway, `decide` throws (ignored context keys are an error here), so it can never fail silently.
 */
import { runSimulation, type RunSimulationResults, type Simulation } from "@cloud-copilot/iam-simulate";

export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

export interface PolicyDocument {
  Version?: string;
  Statement: unknown[] | unknown;
}

export interface AccessRequest {
  /** IAM ARN (role, user, assumed-role session) or a bare service principal such as `ec2.amazonaws.com`. */
  principal: string;
  action: string;
  resource: string;
  /** 12-digit account that owns the resource. */
  resourceAccount: string;
  /** The principal's identity policies; must be empty for a service principal. */
  identityPolicies: PolicyDocument[];
  /** Stream/consumer resource policy, KMS key policy, or role trust policy. */
  resourcePolicy?: PolicyDocument;
  context?: Record<string, string | string[]>;
}

const EC_PREFIX = "kms:encryptioncontext:"; // compared lower-case: condition keys are case-insensitive
const CARRIER_PREFIX = "aws:PrincipalTag/kms:EncryptionContext:";

/** Maps `kms:EncryptionContext:<name>` to the carrier key; every other key is returned unchanged. */
function carrierKey(key: string): string {
  const lower = key.toLowerCase();
  if (lower.startsWith(CARRIER_PREFIX.toLowerCase())) {
    throw new Error(`decide: context key "${key}" is reserved by the kms:EncryptionContext rewrite`);
  }
  return lower.startsWith(EC_PREFIX) ? CARRIER_PREFIX + key.slice(EC_PREFIX.length) : key;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Renames keys inside each statement's `Condition: {Operator: {Key: values}}` blocks, without mutating the input. */
function rewritePolicy(doc: PolicyDocument): PolicyDocument {
  const rewriteStatement = (statement: unknown): unknown => {
    if (!isRecord(statement) || !isRecord(statement.Condition)) return statement;
    const condition = Object.fromEntries(
      Object.entries(statement.Condition).map(([operator, block]) => [
        operator,
        isRecord(block) ? Object.fromEntries(Object.entries(block).map(([k, v]) => [carrierKey(k), v])) : block,
      ]),
    );
    return { ...statement, Condition: condition };
  };
  const { Statement } = doc;
  return { ...doc, Statement: Array.isArray(Statement) ? Statement.map(rewriteStatement) : rewriteStatement(Statement) };
}

function rewriteContext(context: Record<string, string | string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(context)) {
    const newKey = carrierKey(key);
    if (Object.keys(out).some((k) => k.toLowerCase() === newKey.toLowerCase())) {
      throw new Error(`decide: context key "${key}" is given twice (keys are case-insensitive)`);
    }
    out[newKey] = value;
  }
  return out;
}

/** Readable hints for the library's terse error codes. */
const ERROR_HINTS: Record<string, string> = {
  "invalid.service": "unknown service prefix",
  "invalid.action": "unknown action (check spelling/case of the action name)",
  "no.resource.types": "the resource ARN matches no resource type this action accepts",
  "multiple.resource.types": "the resource ARN matches several resource types of this action",
  "must.use.wildcard": "this action only supports Resource \"*\"",
  "policy.errors": "a policy document is invalid",
};

function isServicePrincipal(principal: string): boolean {
  return !principal.startsWith("arn:") && principal.endsWith("amazonaws.com");
}

function validate(req: AccessRequest): void {
  if (!/^\d{12}$/.test(req.resourceAccount)) {
    throw new Error(`decide: resourceAccount must be a 12-digit account id, got "${req.resourceAccount}"`);
  }
  // The library trusts resourceAccount blindly; a mismatch would silently flip same/cross-account rules.
  const arnAccount = req.resource.split(":")[4];
  if (req.resource.startsWith("arn:") && arnAccount && arnAccount !== req.resourceAccount) {
    throw new Error(`decide: resource ${req.resource} is in account ${arnAccount}, not resourceAccount ${req.resourceAccount}`);
  }
  if (isServicePrincipal(req.principal) && req.identityPolicies.length > 0) {
    throw new Error(`decide: service principal ${req.principal} cannot have identity policies`);
  }
}

function ignoredKeys(response: RunSimulationResults): string[] {
  if (response.resultType === "single") return response.result.ignoredContextKeys ?? [];
  if (response.resultType === "wildcard") return [...new Set(response.results.flatMap((r) => r.ignoredContextKeys ?? []))];
  return [];
}

async function simulate(req: AccessRequest, fixEncryptionContext: boolean): Promise<Decision> {
  validate(req);
  const policy = (doc: PolicyDocument): PolicyDocument => (fixEncryptionContext ? rewritePolicy(doc) : doc);
  const context = req.context ?? {};
  const simulation: Simulation = {
    request: {
      principal: req.principal,
      action: req.action,
      resource: { resource: req.resource, accountId: req.resourceAccount },
      contextVariables: fixEncryptionContext ? rewriteContext(context) : context,
    },
    identityPolicies: req.identityPolicies.map((doc, i) => ({ name: `identity-${i}`, policy: policy(doc) })),
    // No SCPs/RCPs: kgen's tests are about the identity/resource policies it generates.
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: req.resourcePolicy && policy(req.resourcePolicy),
  };
  const what = `${req.principal} -> ${req.action} on ${req.resource}`;

  let response: RunSimulationResults;
  try {
    response = await runSimulation(simulation, { simulationMode: "Strict" });
  } catch (error) {
    throw new Error(`decide: iam-simulate failed for ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (response.resultType === "error") {
    const { message, ...details } = response.errors;
    const hint = ERROR_HINTS[message] ? ` (${ERROR_HINTS[message]})` : "";
    throw new Error(`decide: iam-simulate rejected ${what}: ${message}${hint} ${JSON.stringify(details)}`);
  }
  // The library silently drops context keys that do not apply to the action/resource type; a
  // dropped key makes conditions on it fail or pass for the wrong reason, so treat it as an error.
  const ignored = ignoredKeys(response);
  if (fixEncryptionContext && ignored.length > 0) {
    throw new Error(`decide: context keys not valid for ${req.action} on ${req.resource}: ${ignored.join(", ")}`);
  }
  return response.overallResult;
}

/** Would AWS allow `req`? Throws (never returns a denial) if the simulator cannot evaluate it. */
export function decide(req: AccessRequest): Promise<Decision> {
  return simulate(req, true);
}

/**
 * The raw library behaviour: no kms:EncryptionContext rewrite and ignored context keys tolerated.
 * Exists only so tests can prove the fix is needed; never use it to assert policy behaviour.
 */
export function decideUnpatched(req: AccessRequest): Promise<Decision> {
  return simulate(req, false);
}
