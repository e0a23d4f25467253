/**
 * "Who can do what" for a module README: the access matrix of `kgen explain` (decided by
 * evaluating the generated policies, not by re-reading the spec), folded to one group per
 * principal and resource, with each allowed action, the client call it serves (the catalogue's
 * `why`) and the statements that allow it.
 */
import { handOverNote, resourceLabel } from "../explain/format";
import { accessMatrix } from "../explain/matrix";
import type { Model } from "../model/types";
import { actionReasons } from "./action-reasons";

export interface AccessSummaryRow {
  /** Set on the first row of each resource: the resource and the statements allowing its actions. */
  resource?: string;
  via?: string[];
  action: string;
  why: string;
}

export interface PartyAccess {
  party: string;
  principal: string;
  rows: AccessSummaryRow[];
}

export function accessSummary(model: Model): PartyAccess[] {
  const reasonOf = actionReasons(model);
  const parties = new Map<string, { party: string; principal: string; groups: Map<string, { via: string[]; actions: AccessSummaryRow[] }> }>();
  for (const row of accessMatrix(model, { allowedOnly: true }).rows) {
    const key = `${row.party}\u0000${row.principal}`;
    const party = parties.get(key) ?? { party: row.party, principal: row.principal, groups: new Map() };
    parties.set(key, party);
    const resource = resourceLabel(row, model.owner.account);
    const group = party.groups.get(resource) ?? { via: [], actions: [] };
    party.groups.set(resource, group);
    const why = reasonOf(row.principal, row.action, row.resource);
    if (why === undefined) throw new Error(`internal: no reason for ${row.principal} ${row.action} on ${row.resource}`);
    group.actions.push({ action: row.action, why });
    for (const match of row.via) {
      const label = `${match.policy} ${match.sid}${match.handOver === undefined ? "" : ` ${handOverNote(match.handOver, (text) => text)}`}`;
      if (!group.via.includes(label)) group.via.push(label);
    }
  }
  return [...parties.values()].map(({ party, principal, groups }) => ({
    party,
    principal,
    rows: [...groups].flatMap(([resource, { via, actions }]) => actions.map((row, index) => (index === 0 ? { resource, via, ...row } : row))),
  }));
}
