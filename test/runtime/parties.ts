/**
 * The spec's parties as the call model sees them, read from the validated spec alone (never from
 * src/model): each producer, consumer, administrator and share principal, its kind, and the
 * calls its real client makes — including the service or principal assuming a role kgen creates.
 */
import type { Spec } from "../../src/spec/types";
import { expectedTrust, partyPrincipal, shareAccount } from "../access/permissions-md";
import type { ModelledParty, Place, RuntimeCall } from "./calls";
import { KINDS, assumeRole } from "./kinds";

/** A party with its calls, ready to evaluate. */
export interface PartyCalls {
  party: ModelledParty;
  calls: RuntimeCall[];
}

export function modelledParties(spec: Spec, keyArn: (key: string) => string, memberOf: (account: string) => string): PartyCalls[] {
  const owner: Place = spec.owner;
  const keyOf = (stream: string): string | undefined => {
    const encryption = spec.streams[stream]?.encryption;
    return encryption !== undefined && Object.hasOwn(spec.keys, encryption) ? keyArn(encryption) : undefined;
  };
  const isVideo = (streams: readonly string[]) => streams.some((stream) => spec.streams[stream].type === "video");
  const parties: ModelledParty[] = [];
  const base = { owner, home: owner, keyOf };

  for (const [name, producer] of Object.entries(spec.producers)) {
    const kind = isVideo(producer.streams) ? "video producer" : producer.library === "kpl" ? "KPL producer" : "SDK producer";
    parties.push({ ...base, label: `producer ${name}`, principal: partyPrincipal(spec, name, producer), kind, streams: producer.streams });
  }
  for (const [name, consumer] of Object.entries(spec.consumers)) {
    const kind = {
      "get-records": "get-records consumer",
      kcl: `KCL ${consumer.kcl_version ?? 3} consumer`,
      "fan-out": "fan-out consumer",
      lambda: "Lambda consumer",
      firehose: "Firehose consumer",
      flink: "Flink consumer",
      media: "video media consumer",
      playback: "video playback consumer",
    }[consumer.via];
    const application = consumer.via === "kcl" ? (consumer.application ?? name) : undefined;
    parties.push({ ...base, label: `consumer ${name}`, principal: partyPrincipal(spec, name, consumer), kind, streams: consumer.streams, application, consumerName: name });
  }
  for (const [name, key] of Object.entries(spec.keys)) {
    for (const admin of key.administrators) {
      parties.push({ ...base, label: `administrator of key ${name}`, principal: admin, kind: "key administrator", streams: [], keys: [keyArn(name)] });
    }
  }
  for (const video of [false, true]) {
    const byAdmin = new Map<string, string[]>();
    for (const [stream, { type, administrators }] of Object.entries(spec.streams)) {
      if ((type === "video") !== video) continue;
      for (const admin of administrators) byAdmin.set(admin, [...(byAdmin.get(admin) ?? []), stream]);
    }
    for (const [admin, streams] of byAdmin) {
      const kind = video ? "video stream administrator" : "stream administrator";
      parties.push({ ...base, label: `${kind} of ${streams.join(", ")}`, principal: admin, kind, streams });
    }
  }
  for (const [name, share] of Object.entries(spec.shares)) {
    const account = shareAccount(spec, share.account);
    const reader = share.access === "write" ? (share.library === "kpl" ? "KPL writer" : "SDK writer") : share.via === "kcl" ? `KCL ${share.kcl_version ?? 3} reader` : share.via === "lambda" ? "Lambda reader" : share.access === "read" ? "get-records reader" : "fan-out reader";
    const principals = share.principals.length === 0 ? [memberOf(account)] : share.principals.map((p) => (/^\d{12}$/.test(p) || p.endsWith(":root") ? memberOf(account) : p));
    for (const principal of principals) {
      parties.push({
        ...base,
        home: { ...owner, account },
        label: `share ${name}`,
        principal,
        kind: `${share.access} share, ${reader}`,
        streams: share.streams,
        application: share.via === "kcl" ? (share.application ?? name) : undefined,
        consumerName: name,
      });
    }
  }

  const trust = expectedTrust(spec);
  return parties.map((party) => {
    const kind = KINDS[party.kind];
    if (kind === undefined) throw new Error(`the call model has no kind ${party.kind}`);
    const trustedBy = party.kind.endsWith("administrator") ? [] : (trust.get(party.principal) ?? []);
    return { party, calls: [...trustedBy.map((trusted) => assumeRole(party.principal, trusted, owner)), ...kind.calls(party)] };
  });
}
