/**
 * "Who can do what" for a module README: the access matrix of `kgen explain` (decided by
 * evaluating the generated policies, not by re-reading the spec), folded to one row per
 * principal and resource with its allowed actions and the statements that allow them.
 */
import { resourceLabel } from "../explain/format";
import { accessMatrix } from "../explain/matrix";
import type { Model } from "../model/types";

export interface AccessSummaryRow {
  resource: string;
  actions: string[];
  via: string[];
}

export interface PartyAccess {
  party: string;
  principal: string;
  rows: AccessSummaryRow[];
}

export function accessSummary(model: Model): PartyAccess[] {
  const parties = new Map<string, PartyAccess>();
  for (const row of accessMatrix(model, { allowedOnly: true }).rows) {
    const key = `${row.party}\u0000${row.principal}`;
    const party = parties.get(key) ?? { party: row.party, principal: row.principal, rows: [] };
    parties.set(key, party);
    const resource = resourceLabel(row);
    let summary = party.rows.find((r) => r.resource === resource);
    if (summary === undefined) {
      summary = { resource, actions: [], via: [] };
      party.rows.push(summary);
    }
    summary.actions.push(row.action);
    for (const match of row.via) {
      const label = `${match.policy} ${match.sid}`;
      if (!summary.via.includes(label)) summary.via.push(label);
    }
  }
  return [...parties.values()];
}
