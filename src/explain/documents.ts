/**
 * The deployment explain evaluates: every policy document kgen generates for a model, built by
 * the same builders the constructs use, placed where Terraform would put it — identity policies
 * on the principals that hold them, key, stream, consumer and trust policies on their resources.
 */
import { requestingPrincipal } from "../model/arns";
import { compareText } from "../model/resolve";
import type { Key, Model } from "../model/types";
import { partyPolicy, sharePolicy, streamAdministratorPolicy, trustPolicy } from "../permissions/policies";
import type { PolicyDocument } from "../permissions/policy-document";
import { keyPolicyStatementsFile } from "../model/names";
import { consumerResourcePolicy, keyPolicy, keyPolicyHandOver, streamResourcePolicy } from "../permissions/resource-policies";
import type { ResourcePolicy } from "./evaluate";

/**
 * Key ARNs are only known after apply, so explain names each key `arn:P:kms:R:A:key/<key name>`.
 * Policies reference the key by ARN only, so the placeholder changes no decision. An existing
 * key has its own ARN, whose account decides whether its use is cross-account.
 */
export function placeholderKeyArn(model: Model, key: Key): string {
  if (key.existing !== undefined) return key.existing.arn;
  const { partition, region, account } = model.owner;
  return `arn:${partition}:kms:${region}:${account}:key/${key.name}`;
}

/**
 * A registered consumer's ARN ends in its registration time, known after apply; explain writes
 * `S/consumer/NAME:<created>`. Identity policies name `S/consumer/NAME:*`, which matches it.
 */
export const CREATED_PLACEHOLDER = "<created>";

export function placeholderConsumerArn(streamArn: string, consumer: string): string {
  return `${streamArn}/consumer/${consumer}:${CREATED_PLACEHOLDER}`;
}

/** A principal the matrix asks about, and what the spec calls it. */
export interface ExplainedPrincipal {
  arn: string;
  /** Spec names: party or share names, `administrator of key K`, `administrator of stream S`; sorted. */
  names: string[];
}

/** A role kgen creates, its trust policy, and who it trusts. */
export interface TrustedRole {
  arn: string;
  party: string;
  trusted: readonly string[];
}

export interface Deployment {
  principals: ExplainedPrincipal[];
  /** Principal ARN -> the identity policies it holds. */
  identity: Map<string, PolicyDocument[]>;
  /** Key, stream, consumer or role ARN -> its key, resource or trust policy. */
  resources: Map<string, ResourcePolicy>;
  roles: TrustedRole[];
}

export function deploymentOf(model: Model): Deployment {
  const names = new Map<string, Set<string>>();
  const identity = new Map<string, PolicyDocument[]>();
  const resources = new Map<string, ResourcePolicy>();
  const name = (arn: string, label: string): void => {
    names.set(arn, (names.get(arn) ?? new Set()).add(label));
  };
  const hold = (arn: string, document: PolicyDocument): void => {
    identity.set(arn, [...(identity.get(arn) ?? []), document]);
  };
  const keyArnOf = (key: Key): string => placeholderKeyArn(model, key);

  for (const party of model.parties) {
    const principal = requestingPrincipal(party.role);
    name(principal, party.name);
    hold(principal, partyPolicy(model, party, keyArnOf));
  }
  // Policies kgen cannot attach itself (to users, roots, other accounts' principals) are assumed
  // attached, as the generated README asks: explain shows the access the module is meant to give.
  for (const admin of model.streamAdministrators) {
    const streams = [...admin.streams, ...admin.videoStreams].sort();
    name(admin.principal, `administrator of stream${streams.length > 1 ? "s" : ""} ${streams.join(", ")}`);
    hold(admin.principal, streamAdministratorPolicy(model, admin));
  }
  for (const key of model.keys) {
    for (const admin of key.administrators) name(admin, `administrator of key ${key.name}`);
    // An existing key's policy is its owner's: explain assumes the statements handed over added,
    // and marks every access resting on them as conditional on that (matrix.ts).
    resources.set(
      keyArnOf(key),
      key.existing === undefined
        ? { kind: "key", document: keyPolicy(model, key) }
        : { kind: "key", document: keyPolicyHandOver(model, key), handOver: keyPolicyStatementsFile(key) },
    );
  }
  // Each share principal holds the companion module's policy: the companion attaches it to roles,
  // and users and account roots attach it themselves.
  for (const share of model.shares) {
    const document = sharePolicy(model, share, keyArnOf);
    for (const principal of share.principals) {
      name(principal, share.name);
      hold(principal, document);
    }
    for (const consumer of share.registeredConsumers) {
      const stream = model.streams.find((s) => s.name === consumer.stream);
      if (stream === undefined) throw new Error(`internal: share ${share.name} registers a consumer on unknown stream ${consumer.stream}`);
      const arn = placeholderConsumerArn(stream.arn, consumer.name);
      resources.set(arn, { kind: "resource", document: consumerResourcePolicy(share, arn) });
    }
  }
  for (const stream of model.streams) {
    const document = streamResourcePolicy(model, stream);
    if (document !== undefined) resources.set(stream.arn, { kind: "resource", document });
  }
  const roles: TrustedRole[] = [];
  for (const party of model.parties) {
    if (party.role.kind !== "created") continue;
    resources.set(party.role.arn, { kind: "trust", document: trustPolicy(party.role, model.owner) });
    roles.push({ arn: party.role.arn, party: party.name, trusted: [...party.role.trustedServices, ...party.role.trustedPrincipals] });
  }
  const principals = [...names].map(([arn, labels]) => ({ arn, names: [...labels].sort(compareText) })).sort((a, b) => compareText(a.arn, b.arn));
  return { principals, identity, resources, roles };
}
