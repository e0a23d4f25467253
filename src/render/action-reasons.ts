/**
 * Why a principal holds an action: the real client call the catalogue says the grant serves
 * (permissions/catalogue.ts, `why`), found from the model's parties, administrators and shares.
 * Module READMEs print it next to each allowed action, so a reviewer sees what each grant is for.
 */
import { requestingPrincipal } from "../model/arns";
import type { Model } from "../model/types";
import {
  ASSUME_ROLE_ACTION,
  ASSUME_ROLE_WHY,
  KEY_ADMINISTRATOR_GRANT,
  KEY_USE_ACTION,
  KEY_USE_WHY,
  STREAM_ADMINISTRATOR_GRANTS,
  STREAM_ADMINISTRATOR_KEY_GRANT,
  STREAM_ADMINISTRATOR_KEY_LISTING,
  accessProfile,
  shareProfile,
  trustConditionOf,
  type AccessProfile,
  type ActionGrant,
  type Target,
} from "../permissions/catalogue";

/** What a principal holds: the catalogue grants it got, and the key grants it got. */
interface Holding {
  grants: ActionGrant[];
  /** Grants held in key policies (administrators). */
  keyGrants: ActionGrant[];
  keyUses: string[];
}

/** The targets a resource of a README row can have come from, by the shape of its ARN. */
function targetsOf(resource: string): readonly Target[] | "key" {
  if (resource === "*") return ["any"];
  const parts = resource.split(":");
  const service = parts[2];
  const rest = parts.slice(5).join(":");
  if (service === "kms") return "key";
  if (service === "kinesisvideo") return ["video-stream"];
  if (service === "dynamodb") {
    if (rest.includes("/index/")) return ["lease-table-indexes"];
    if (rest.endsWith("-WorkerMetricStats")) return ["worker-metrics-table"];
    if (rest.endsWith("-CoordinatorState")) return ["coordinator-state-table"];
    return ["lease-table"];
  }
  if (/\/consumer\/[^/:]+$/.test(rest)) return ["registered-consumer-name", "kcl-consumer-name"];
  if (rest.includes("/consumer/")) return ["registered-consumer", "kcl-consumer"];
  return ["stream"];
}

export type ReasonOf = (principal: string, action: string, resource: string) => string | undefined;

export function actionReasons(model: Model): ReasonOf {
  const holdings = new Map<string, Holding>();
  const hold = (principal: string, profile: AccessProfile | undefined, extra: Partial<Holding> = {}): void => {
    const holding = holdings.get(principal) ?? { grants: [], keyGrants: [], keyUses: [] };
    if (profile !== undefined) {
      holding.grants.push(...profile.grants);
      holding.keyUses.push(KEY_USE_ACTION[profile.keyUse]);
    }
    holding.grants.push(...(extra.grants ?? []));
    holding.keyGrants.push(...(extra.keyGrants ?? []));
    holdings.set(principal, holding);
  };
  for (const party of model.parties) hold(requestingPrincipal(party.role), accessProfile(party.profile));
  for (const share of model.shares) for (const principal of share.principals) hold(principal, shareProfile(share.profile));
  for (const key of model.keys) for (const admin of key.administrators) hold(admin, undefined, { keyGrants: [KEY_ADMINISTRATOR_GRANT] });
  for (const admin of model.streamAdministrators) {
    const grants = [
      ...(admin.streams.length > 0 ? STREAM_ADMINISTRATOR_GRANTS.data : []),
      ...(admin.videoStreams.length > 0 ? STREAM_ADMINISTRATOR_GRANTS.video : []),
      STREAM_ADMINISTRATOR_KEY_LISTING,
    ];
    hold(admin.principal, undefined, { grants, keyGrants: [STREAM_ADMINISTRATOR_KEY_GRANT] });
  }
  return (principal, action, resource) => {
    if (action === ASSUME_ROLE_ACTION) {
      const condition = trustConditionOf(principal);
      return condition === undefined ? ASSUME_ROLE_WHY : `${ASSUME_ROLE_WHY}, only for account ${model.owner.account} (${condition})`;
    }
    const holding = holdings.get(principal);
    if (holding === undefined) return undefined;
    const targets = targetsOf(resource);
    if (targets === "key") {
      const use = Object.entries(KEY_USE_ACTION).find(([, keyAction]) => keyAction === action)?.[0] as keyof typeof KEY_USE_WHY | undefined;
      if (use !== undefined && holding.keyUses.includes(action)) return KEY_USE_WHY[use];
      return holding.keyGrants.find((grant) => Object.hasOwn(grant.why, action))?.why[action];
    }
    for (const target of targets) {
      const grant = holding.grants.find((candidate) => candidate.on === target && Object.hasOwn(candidate.why, action));
      if (grant !== undefined) return grant.why[action];
    }
    return undefined;
  };
}
