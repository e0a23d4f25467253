/**
 * Rules about who a party runs as, besides `role.assumed_by` and `role.arn` (rules-parties.ts):
 * an existing IAM user or group of the owner account.
 */
import type { Report, SpecPath } from "./diagnostics";
import { classifyPrincipal } from "./principals";
import { principalTextRefused } from "./rules-principals";
import type { ConsumerSpec, Owner, ProducerSpec, Spec } from "./types";

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
