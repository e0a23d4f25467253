/** Rules about `accounts` and cross-account `shares` (spec-v1.md, "Share companion modules"). */
import type { Report } from "./diagnostics";
import { didYouMean, listNames } from "./did-you-mean";
import { checkKclApplicationName, checkStreamReferences } from "./rules-parties";
import { checkSharePrincipal } from "./rules-principals";
import { SHARE_VIAS } from "./schema";
import { AWS_MANAGED, NO_ENCRYPTION, type ShareSpec, type Spec } from "./types";

export function checkAccounts(spec: Spec, report: Report): void {
  const aliasOf = new Map<string, string>();
  for (const [alias, account] of Object.entries(spec.accounts)) {
    const other = aliasOf.get(account);
    if (other === undefined) {
      aliasOf.set(account, alias);
      continue;
    }
    // Each external account gets one companion module, named after its alias.
    report({
      code: "KG2028",
      path: ["accounts", alias],
      message: `account ${account} already has the alias "${other}"`,
      hint: "give each account one alias",
    });
  }
}

export function checkShares(spec: Spec, report: Report): void {
  for (const [name, share] of Object.entries(spec.shares)) {
    const account = shareAccountId(spec, name, share, report);
    checkStreamReferences(spec, "shares", name, share.streams, report);
    share.streams.forEach((stream, index) => checkSharedStream(spec, name, stream, index, report));
    checkShareReader(name, share, report);
    if (account === undefined) continue;
    share.principals.forEach((principal, index) =>
      checkSharePrincipal(principal, account, spec.owner, ["shares", name, "principals", index], report),
    );
  }
}

/** `via` names who reads through a share; each reading access has its own readers (the schema keeps it off write shares). */
function checkShareReader(name: string, share: ShareSpec, report: Report): void {
  if (share.access === "write" || share.via === undefined) return;
  const fitting: readonly string[] = SHARE_VIAS[share.access];
  if (!fitting.includes(share.via)) {
    report({
      code: "KG2032",
      path: ["shares", name, "via"],
      message: `via ${share.via} does not fit access ${share.access}`,
      hint: `${share.access} shares are read via: ${fitting.join(", ")}`,
    });
    return;
  }
  if (share.via !== "kcl") return;
  if (share.access === "fan-out" && share.kcl_version === 1) {
    report({
      code: "KG2032",
      path: ["shares", name, "kcl_version"],
      message: "KCL 1.x has no enhanced fan-out; it cannot read through a fan-out share",
      hint: "use kcl_version 2 or 3, or share with access: read",
    });
  }
  checkKclApplicationName(["shares", name], share.application ?? share.aws_name ?? name, report);
}

/** The 12-digit id the share grants to, or undefined when it cannot be known. */
function shareAccountId(spec: Spec, name: string, share: ShareSpec, report: Report): string | undefined {
  const path = ["shares", name, "account"];
  let account: string | undefined = share.account;
  if (!/^[0-9]{12}$/.test(share.account)) {
    account = Object.hasOwn(spec.accounts, share.account) ? spec.accounts[share.account] : undefined;
    if (account === undefined) {
      const aliases = Object.keys(spec.accounts);
      report({
        code: "KG2003",
        path,
        message: `account alias "${share.account}" is not defined${didYouMean(share.account, aliases)}`,
        hint:
          aliases.length > 0
            ? `define it under accounts, or use one of: ${listNames(aliases)}`
            : "define it under accounts, or write the 12-digit id",
      });
      return undefined;
    }
  }
  if (account === spec.owner.account) {
    report({
      code: "KG2024",
      path,
      message: `share "${name}" grants access to the owner account ${account} itself`,
      hint: "give parties of the owner account access as producers or consumers",
    });
    return undefined;
  }
  return account;
}

function checkSharedStream(spec: Spec, name: string, stream: string, index: number, report: Report): void {
  if (!Object.hasOwn(spec.streams, stream)) return;
  const path = ["shares", name, "streams", index];
  const { type, encryption } = spec.streams[stream];
  if (type === "video") {
    report({
      code: "KG2020",
      path,
      message: `stream "${stream}" is a video stream; only data streams can be shared`,
      hint: "video streams have no resource policies; remove it from the share",
    });
  } else if (encryption === AWS_MANAGED || encryption === NO_ENCRYPTION) {
    // The other account decrypts with the key; only a key policy kgen writes can allow that.
    // (An undefined key is KG2001 already.)
    report({
      code: "KG2021",
      path,
      message: `stream "${stream}" uses encryption: ${encryption}; a shared stream must use a key from keys`,
      hint: `set streams.${stream}.encryption to a key defined under keys`,
    });
  }
}
