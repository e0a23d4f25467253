/**
 * The access matrix: every principal x resource x action of a spec, decided by evaluating the
 * policy documents kgen generates (not the spec or the catalogue), so it shows what AWS will
 * enforce once the module is applied — including what is denied.
 */
import type { Location } from "../model/arns";
import { compareText } from "../model/resolve";
import type { Model } from "../model/types";
import { deploymentOf } from "./documents";
import { evaluate, type MatchedStatement } from "./evaluate";
import { STREAM_KEY_ACTIONS, inventoryOf, type ExplainedResource } from "./requests";

export interface AccessRow {
  /** An IAM ARN, or a service principal in the rows about assuming a role. */
  principal: string;
  /** What the spec calls the principal; in sts:AssumeRole rows, the party whose role it may assume. */
  party: string;
  resource: string;
  /** For the KMS calls a stream service makes: the stream whose records or media they are for. */
  through?: string;
  action: string;
  allowed: boolean;
  via: MatchedStatement[];
}

/** A row with what the --who and --on filters match on. */
interface ExplainedRow extends AccessRow {
  names: readonly string[];
  streams: readonly string[];
}

export interface AccessMatrix {
  /** The module name. */
  name: string;
  owner: Location;
  /** The spec's stream names, data and video, sorted. */
  streams: string[];
  rows: ExplainedRow[];
}

export function accessMatrix(model: Model): AccessMatrix {
  const deployment = deploymentOf(model);
  const inventory = inventoryOf(model, deployment);
  const resourcesOfKind = (kinds: ReadonlySet<string>): ExplainedResource[] => [...inventory.resources.values()].filter((r) => kinds.has(r.kind));
  const rows: ExplainedRow[] = [];
  const { account } = model.owner;

  for (const principal of deployment.principals) {
    const identity = deployment.identity.get(principal.arn) ?? [];
    for (const [action, kinds] of inventory.actions) {
      for (const resource of resourcesOfKind(kinds)) {
        const policy = deployment.resources.get(resource.arn);
        const ask = (context: Record<string, string>, through?: string): void => {
          const decision = evaluate({ principal: principal.arn, action, resource: resource.arn, resourceAccount: account, context }, identity, policy);
          const streams = through === undefined ? resource.streams : [through];
          rows.push({ principal: principal.arn, party: principal.names.join(", "), resource: resource.arn, through, action, ...decision, names: principal.names, streams });
        };
        if (resource.keyUses !== undefined && STREAM_KEY_ACTIONS.includes(action)) {
          for (const use of resource.keyUses) ask(use.context, use.stream);
        } else {
          ask({});
        }
      }
    }
  }

  // Who may become each party: every principal some role trusts, asked of every role.
  const trusted = [...new Set(deployment.roles.flatMap((role) => role.trusted))].sort(compareText);
  for (const role of deployment.roles) {
    const policy = deployment.resources.get(role.arn);
    for (const principal of trusted) {
      for (const action of new Set(policy?.document.Statement.flatMap((s) => s.Action) ?? [])) {
        const identity = deployment.identity.get(principal) ?? [];
        const decision = evaluate({ principal, action, resource: role.arn, resourceAccount: account, context: {} }, identity, policy);
        rows.push({ principal, party: role.party, resource: role.arn, action, ...decision, names: [role.party], streams: [] });
      }
    }
  }
  const streams = [...model.streams, ...model.videoStreams].map((s) => s.name).sort(compareText);
  return { name: model.name, owner: model.owner, streams, rows: rows.sort(compareRows) };
}

/** Party, principal, resource, stream, action: the order every format prints. */
function compareRows(a: AccessRow, b: AccessRow): number {
  return (
    compareText(a.party, b.party) ||
    compareText(a.principal, b.principal) ||
    compareText(a.resource, b.resource) ||
    compareText(a.through ?? "", b.through ?? "") ||
    compareText(a.action, b.action)
  );
}

export interface MatrixFilter {
  /** A principal ARN, a party or share name, `administrator of ...`, or a role or user name. */
  who?: string;
  /** A stream name: rows on the stream, its consumers, and its key (for this stream or the key itself). */
  on?: string;
}

export function filterRows(matrix: AccessMatrix, filter: MatrixFilter): AccessRow[] {
  return matrix.rows.filter((row) => matchesWho(row, filter.who) && matchesOn(row, filter.on)).map(toAccessRow);
}

/** Why a filter can match nothing (a name not in the spec), for a usage error; undefined when it is fine. */
export function unknownFilter(matrix: AccessMatrix, filter: MatrixFilter): string | undefined {
  if (filter.who !== undefined && !matrix.rows.some((row) => matchesWho(row, filter.who))) {
    const known = [...new Set(matrix.rows.flatMap((row) => row.names))].sort(compareText);
    return `--who ${filter.who}: no principal of the spec has that ARN or name; known names: ${known.join(", ")}`;
  }
  if (filter.on !== undefined && !matrix.streams.includes(filter.on)) {
    return `--on ${filter.on}: the spec has no stream of that name; streams: ${matrix.streams.join(", ")}`;
  }
  return undefined;
}

function matchesWho(row: ExplainedRow, who: string | undefined): boolean {
  if (who === undefined) return true;
  // The last path segment of an IAM ARN is the role or user name (`role/compliance/ComplianceReader`).
  const iamName = row.principal.startsWith("arn:") ? row.principal.slice(row.principal.lastIndexOf("/") + 1) : undefined;
  return row.principal === who || iamName === who || row.names.includes(who);
}

/** A key row counts for a stream when it is about that stream's records, or about the key itself. */
function matchesOn(row: ExplainedRow, on: string | undefined): boolean {
  return on === undefined || (row.streams.includes(on) && (row.through === undefined || row.through === on));
}

function toAccessRow({ names: _names, streams: _streams, ...row }: ExplainedRow): AccessRow {
  return row;
}
