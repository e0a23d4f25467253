/**
 * Rules about who a party runs as, besides `role.assumed_by` and `role.arn` (rules-parties.ts):
 * an existing IAM user or group of the owner account, and the controls on the roles kgen creates
 * (permissions boundary, managed policies), per role and under `defaults.role`.
 */
import type { Report, SpecPath } from "./diagnostics";
import { classifyPrincipal } from "./principals";
import { principalTextRefused } from "./rules-principals";
import type { ConsumerSpec, Owner, ProducerSpec, RoleControls, Spec } from "./types";

/** IAM quotas ("reference_iam-quotas"): managed policies attached to a role, 10 by default, adjustable to 20. */
export const ROLE_MANAGED_POLICIES_DEFAULT_QUOTA = 10;
export const ROLE_MANAGED_POLICIES_MAX = 20;

/** Consumers a service runs with a role it assumes: a user or group cannot stand in for that role. */
const SERVICE_RUN_VIAS = new Set(["lambda", "firehose", "flink"]);

type Section = "producers" | "consumers";

export function checkIdentities(spec: Spec, report: Report): void {
  const parties: Array<[Section, string, ProducerSpec | ConsumerSpec]> = [
    ...Object.entries(spec.producers).map(([name, party]): [Section, string, ProducerSpec] => ["producers", name, party]),
    ...Object.entries(spec.consumers).map(([name, party]): [Section, string, ConsumerSpec] => ["consumers", name, party]),
  ];
  for (const [section, name, party] of parties) {
    const path: SpecPath = [section, name];
    if (party.user !== undefined) checkExistingIdentity("user", party.user, spec.owner, [...path, "user"], report);
    if (party.group !== undefined) checkExistingIdentity("group", party.group, spec.owner, [...path, "group"], report);
    const via = section === "consumers" ? (party as ConsumerSpec).via : undefined;
    if (via !== undefined && SERVICE_RUN_VIAS.has(via) && (party.user !== undefined || party.group !== undefined)) {
      const field = party.user !== undefined ? "user" : "group";
      report({
        code: "KG2037",
        path: [...path, field],
        message: `a ${via} consumer runs as a role the service assumes; it cannot run as an IAM ${field}`,
        hint: `remove ${field}: kgen creates a role trusting the service, or name your role in role.arn`,
      });
    }
    if (party.role !== undefined && party.role.arn === undefined) {
      checkControls(spec, party.role, [...path, "role"], report);
      // Reported where the role adds policies; the spec-wide ones alone are reported at defaults.
      if ((party.role.managed_policies ?? []).length > 0) checkManagedPolicyCount(spec, party.role, [...path, "role"], report);
    }
  }
  if (spec.defaults?.role !== undefined) {
    checkControls(spec, spec.defaults.role, ["defaults", "role"], report);
    checkManagedPolicyCount(spec, {}, ["defaults", "role"], report);
  }
}

/** `user` and `group`: an existing user or group of the owner account, which kgen attaches a policy to. */
function checkExistingIdentity(kind: "user" | "group", text: string, owner: Owner, path: SpecPath, report: Report): void {
  if (principalTextRefused(text, path, report)) return;
  const principal = classifyPrincipal(text);
  const example = `arn:${owner.partition}:iam::${owner.account}:${kind}/NAME`;
  const fits = kind === "user" ? principal.kind === "iam" && principal.resource === "user" : principal.kind === "iam-group";
  if (!fits) {
    const role = principal.kind === "iam" && principal.resource === "role";
    report({
      code: "KG2035",
      path,
      message: `"${text}" is not an IAM ${kind} ARN`,
      hint: role ? "name an existing role in role.arn instead" : `write it as ${example}`,
    });
    return;
  }
  if (principal.kind !== "iam" && principal.kind !== "iam-group") return;
  if (principal.account !== owner.account || principal.partition !== owner.partition) {
    report({
      code: "KG2036",
      path,
      message: `${kind} "${text}" is not in the owner account ${owner.account} (partition ${owner.partition})`,
      hint: `kgen attaches policies only to identities of the owner account: ${example}; share with other accounts under shares`,
    });
  }
}

/** Policies a role kgen creates is bounded by or attached to: the owner account's, or AWS managed ones. */
function checkControls(spec: Spec, controls: RoleControls, path: SpecPath, report: Report): void {
  const check = (arn: string, at: SpecPath, what: string): void => {
    const [, partition, , , account] = arn.split(":");
    if (partition === spec.owner.partition && (account === spec.owner.account || account === "aws")) return;
    report({
      code: "KG2038",
      path: at,
      message: `${what} "${arn}" is not a policy of the owner account ${spec.owner.account} or an AWS managed policy of partition ${spec.owner.partition}`,
      hint: `IAM attaches only policies of the role's own account or AWS's: arn:${spec.owner.partition}:iam::${spec.owner.account}:policy/NAME or arn:${spec.owner.partition}:iam::aws:policy/NAME`,
    });
  };
  if (controls.permissions_boundary !== undefined) check(controls.permissions_boundary, [...path, "permissions_boundary"], "permissions boundary");
  controls.managed_policies?.forEach((arn, index) => check(arn, [...path, "managed_policies", index], "managed policy"));
}

/** The role's own managed policies and the spec-wide ones together, against IAM's quota. */
function checkManagedPolicyCount(spec: Spec, controls: RoleControls, path: SpecPath, report: Report): void {
  const count = new Set([...(spec.defaults?.role?.managed_policies ?? []), ...(controls.managed_policies ?? [])]).size;
  if (count <= ROLE_MANAGED_POLICIES_DEFAULT_QUOTA) return;
  const overMax = count > ROLE_MANAGED_POLICIES_MAX;
  report({
    code: "KG2044",
    severity: overMax ? "error" : "warning",
    path: [...path, "managed_policies"],
    message: overMax
      ? `the role would have ${count} managed policies; IAM allows at most ${ROLE_MANAGED_POLICIES_MAX}`
      : `the role would have ${count} managed policies; IAM's default quota is ${ROLE_MANAGED_POLICIES_DEFAULT_QUOTA} (adjustable to ${ROLE_MANAGED_POLICIES_MAX})`,
    hint: overMax ? "combine some into one policy of your own" : "raise the account's quota before applying, or combine some policies",
  });
}
