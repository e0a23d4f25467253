/**
 * Deny lists for IAM Access Analyzer's CheckAccessNotGranted: per kind of holder, the actions the
 * catalogue says it never holds (permissions/catalogue-never-granted.ts), as the access objects
 * the API takes.
 */
import type { Action } from "../permissions/action-grant";
import type { KeyUse } from "../permissions/catalogue";
import {
  NEVER_GRANTED_BY_KEY_USE,
  NEVER_GRANTED_TO_ANYONE,
  NEVER_GRANTED_TO_STREAM_ADMINISTRATORS,
  type Prohibition,
} from "../permissions/catalogue-never-granted";
import { MAX_ACTIONS_PER_ACCESS_OBJECT } from "./access-analyzer";

export type DenyListName = "anyone" | "writer" | "reader" | "stream-administrator";

export interface DenyList {
  name: DenyListName;
  holders: string;
  actions: Action[];
  why: Readonly<Record<string, string>>;
}

/** A party's or share's list, by its key use: writers never read, readers never write. */
export const KEY_USE_DENY_LIST: Readonly<Record<KeyUse, DenyListName>> = { encrypt: "writer", decrypt: "reader" };

function withAnyone(name: DenyListName, prohibition: Prohibition): DenyList {
  return {
    name,
    holders: prohibition.holders,
    actions: [...new Set([...NEVER_GRANTED_TO_ANYONE.actions, ...prohibition.actions])],
    why: { ...NEVER_GRANTED_TO_ANYONE.why, ...prohibition.why },
  };
}

/** Every deny list, in the order the bundle lists them. */
export function denyLists(): DenyList[] {
  return [
    { name: "anyone", holders: NEVER_GRANTED_TO_ANYONE.holders, actions: [...NEVER_GRANTED_TO_ANYONE.actions], why: NEVER_GRANTED_TO_ANYONE.why },
    withAnyone(KEY_USE_DENY_LIST.encrypt, NEVER_GRANTED_BY_KEY_USE.encrypt),
    withAnyone(KEY_USE_DENY_LIST.decrypt, NEVER_GRANTED_BY_KEY_USE.decrypt),
    withAnyone("stream-administrator", NEVER_GRANTED_TO_STREAM_ADMINISTRATORS),
  ];
}

/** The `access` argument of one CheckAccessNotGranted call: one access object of actions only. */
export type AccessArgument = [{ actions: string[] }];

/**
 * A list as CheckAccessNotGranted calls: one access object each, of at most 100 actions. With
 * actions only, Access Analyzer checks them "on all resources in the policy" (API reference).
 */
export function accessArguments(actions: readonly string[]): AccessArgument[] {
  const calls: AccessArgument[] = [];
  for (let start = 0; start < actions.length; start += MAX_ACTIONS_PER_ACCESS_OBJECT) {
    calls.push([{ actions: actions.slice(start, start + MAX_ACTIONS_PER_ACCESS_OBJECT) }]);
  }
  return calls;
}
