/**
 * Which principals each place in a spec accepts (permissions.md: "Administrators", "Trust
 * policies", "Cross-account shares"). Every check classifies first (principals.ts), then decides.
 */
import type { Report, SpecPath } from "./diagnostics";
import { classifyPrincipal, exampleRoleArn, type Principal } from "./principals";
import type { Owner } from "./types";

const KIND_NAMES: Record<Principal["kind"], string> = {
  wildcard: "a wildcard",
  service: "a service principal",
  "account-id": "an account id",
  iam: "an IAM principal",
  federated: "a federated principal",
  "canonical-user": "a canonical user id",
  "iam-group": "an IAM group, which no policy can name as a principal",
  "other-arn": "an ARN that is not an IAM role, user or root",
  malformed: "not a valid principal",
};

function describe(principal: Principal): string {
  return KIND_NAMES[principal.kind];
}

function partitionMismatch(principal: Principal, owner: Owner, text: string, path: SpecPath, report: Report): boolean {
  if (principal.kind !== "iam" || principal.partition === owner.partition) return false;
  report({
    code: "KG2019",
    path,
    message: `"${text}" is in partition ${principal.partition}, but the owner is in ${owner.partition}`,
    hint: `use an ARN starting arn:${owner.partition}:`,
  });
  return true;
}

/**
 * What no principal a policy names may hold, whatever its place:
 * - `${`: IAM reads `${...}` in a policy as a policy variable, substituted per request or making
 *   the statement invalid (IAM guide, "reference_policies_variables"), so the ARN would not name
 *   this principal (and `kgen explain` could not say whom it names);
 * - an IAM path over 512 characters: no role or user can have one (IAM quotas,
 *   "reference_iam-quotas": path, 512 characters; CreateRole/CreateUser `Path`, length 1-512).
 */
export function principalTextRefused(text: string, path: SpecPath, report: Report): boolean {
  const variable = text.indexOf("${");
  if (variable !== -1) {
    report({
      code: "KG2033",
      path,
      message: `principal "${text}" holds "\${" at character ${variable + 1}, which IAM policies read as the start of a policy variable`,
      hint: "name a principal whose ARN has no \"${\"; IAM cannot name this one literally",
    });
    return true;
  }
  const iamPath = iamPathOf(text);
  if (iamPath !== undefined && iamPath.length > IAM_PATH_MAX_LENGTH) {
    report({
      code: "KG2034",
      path,
      message: `principal "${text}" has an IAM path of ${iamPath.length} characters; IAM allows ${IAM_PATH_MAX_LENGTH}`,
      hint: "check the ARN: no IAM role or user can have this path",
    });
    return true;
  }
  return false;
}

/** IAM quotas ("reference_iam-quotas"): a path is at most 512 characters. */
export const IAM_PATH_MAX_LENGTH = 512;

/** `arn:aws:iam::1:role/a/b/Name` -> `/a/b/`; undefined for anything but an IAM role, user or group. */
function iamPathOf(text: string): string | undefined {
  const match = /^arn:[^:]*:iam::[^:]*:(?:role|user|group)(\/.*\/)[^/]*$/.exec(text);
  return match === null ? undefined : match[1];
}

/** Key and stream administrators: IAM roles, users or account roots, of any account. */
export function checkAdministrator(text: string, owner: Owner, path: SpecPath, report: Report): void {
  if (principalTextRefused(text, path, report)) return;
  const principal = classifyPrincipal(text);
  if (principal.kind === "iam") {
    partitionMismatch(principal, owner, text, path, report);
    return;
  }
  report({
    code: "KG2018",
    path,
    message: `administrator "${text}" is ${describe(principal)}; expected an IAM role, user or root ARN`,
    hint: `e.g. ${exampleRoleArn(owner.partition, owner.account)}`,
  });
}

/** `role.assumed_by`: whom the created role trusts for sts:AssumeRole. */
export function checkTrustedPrincipal(text: string, owner: Owner, path: SpecPath, report: Report): void {
  if (principalTextRefused(text, path, report)) return;
  const principal = classifyPrincipal(text);
  if (principal.kind === "service" || principal.kind === "account-id") return;
  if (principal.kind === "iam") {
    partitionMismatch(principal, owner, text, path, report);
    return;
  }
  report({
    code: "KG2016",
    path,
    message: `"${text}" is ${describe(principal)}; a created role trusts services, IAM principals and accounts only`,
    hint: "e.g. ec2.amazonaws.com, an IAM role ARN or a 12-digit account id",
  });
}

/** `role.arn`: an existing role of the owner account, which kgen attaches a policy to. */
export function checkExistingRole(text: string, owner: Owner, path: SpecPath, report: Report): void {
  if (principalTextRefused(text, path, report)) return;
  const principal = classifyPrincipal(text);
  const example = exampleRoleArn(owner.partition, owner.account);
  if (principal.kind !== "iam" || principal.resource !== "role") {
    // An existing user or group is named beside role, not in it (rules-identities.ts).
    const identity = principal.kind === "iam-group" ? "group" : principal.kind === "iam" && principal.resource === "user" ? "user" : undefined;
    const hint = identity === undefined ? `write it as ${example}` : `it is an IAM ${identity}: name it in the party's ${identity} field instead of role`;
    report({ code: "KG2014", path, message: `"${text}" is not an IAM role ARN`, hint });
    return;
  }
  if (principal.account !== owner.account || principal.partition !== owner.partition) {
    report({
      code: "KG2015",
      path,
      message: `role "${text}" is not in the owner account ${owner.account} (partition ${owner.partition})`,
      hint: `kgen can attach policies only to roles of the owner account: ${example}`,
    });
  }
}

/**
 * Share principals: the share account's id, or its IAM roles, users or root. A resource policy
 * must never open a stream to everyone, a service or an identity provider (spec-v1.md).
 */
export function checkSharePrincipal(
  text: string,
  shareAccount: string,
  owner: Owner,
  path: SpecPath,
  report: Report,
): void {
  if (principalTextRefused(text, path, report)) return;
  const principal = classifyPrincipal(text);
  if (principal.kind === "account-id" || principal.kind === "iam") {
    if (partitionMismatch(principal, owner, text, path, report)) return;
    if (principal.account !== shareAccount) {
      report({
        code: "KG2023",
        path,
        message: `principal "${text}" belongs to account ${principal.account}, not the share's account ${shareAccount}`,
        hint: "share with that account in its own entry under shares",
      });
    }
    return;
  }
  report({
    code: "KG2022",
    path,
    message: `share principal "${text}" is ${describe(principal)}; shares grant to an account or its roles and users only`,
    hint: `e.g. ${shareAccount} or ${exampleRoleArn(owner.partition, shareAccount)}`,
  });
}
