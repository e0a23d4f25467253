/** Rules about producers and consumers: their streams, how they read, and their roles. */
import type { Finding, Report } from "./diagnostics";
import { didYouMean, listNames } from "./did-you-mean";
import { ROLE_NAME_MAX_LENGTH, roleName } from "../model/names";
import { defaultTrustOf } from "../permissions/catalogue";
import { checkExistingRole, checkTrustedPrincipal } from "./rules-principals";
import { DATA_CONSUMER_VIAS, KCL_APPLICATION_FORMAT, KCL_APPLICATION_NAME, VIDEO_CONSUMER_VIAS } from "./schema";
import type { ConsumerSpec, ConsumerVia, ProducerSpec, Spec, StreamType } from "./types";


const VIAS_BY_TYPE: Record<StreamType, readonly ConsumerVia[]> = {
  data: DATA_CONSUMER_VIAS,
  video: VIDEO_CONSUMER_VIAS,
};

type Section = "producers" | "consumers";

export function checkParties(spec: Spec, report: Report): void {
  for (const [name, producer] of Object.entries(spec.producers)) {
    checkStreamReferences(spec, "producers", name, producer.streams, report);
    checkProducerStreamTypes(spec, name, producer.streams, report);
    checkProducerLibrary(spec, name, producer, report);
    checkRole(spec, "producers", name, producer, undefined, report);
  }
  for (const [name, consumer] of Object.entries(spec.consumers)) {
    checkStreamReferences(spec, "consumers", name, consumer.streams, report);
    checkStreamTypes(spec, name, consumer, report);
    // Consumers run by an AWS service may omit `role`: kgen then creates one trusting that service.
    checkRole(spec, "consumers", name, consumer, defaultTrustOf(consumer.via), report);
    // The default application is an AWS name: it follows aws_name.
    if (consumer.via === "kcl") checkKclApplicationName(["consumers", name], consumer.application ?? consumer.aws_name ?? name, report);
  }
}

/**
 * A KCL application name is a DynamoDB table name (3..255) and, for KCL 2 and 3, a registered
 * consumer name (1..128). A written name passed the schema; one that fails here is the default,
 * the entry's own name.
 */
export function checkKclApplicationName(path: ["consumers" | "shares", string], application: string, report: Report): void {
  if (KCL_APPLICATION_NAME.test(application)) return;
  report({
    code: "KG2026",
    path,
    message: `the KCL application name defaults to the ${path[0] === "consumers" ? "consumer" : "share"}'s name, and "${application}" is not a valid one`,
    hint: `set application: ${KCL_APPLICATION_FORMAT}`,
  });
}

/** The KPL writes data streams; Kinesis Video Streams producers use the KVS producer SDK. */
function checkProducerLibrary(spec: Spec, name: string, producer: ProducerSpec, report: Report): void {
  if (producer.library === undefined) return;
  const video = producer.streams.filter((stream) => Object.hasOwn(spec.streams, stream) && spec.streams[stream].type === "video");
  if (video.length === 0) return;
  report({
    code: "KG2031",
    path: ["producers", name, "library"],
    message: `library: ${producer.library} does not apply to video streams (${video.join(", ")})`,
    hint: "video producers write with the Kinesis Video Streams producer SDK; remove library",
  });
}

/** Undefined stream names, wherever a list of streams appears (parties and shares). */
export function checkStreamReferences(
  spec: Spec,
  section: Section | "shares",
  name: string,
  streams: string[],
  report: Report,
): void {
  const defined = Object.keys(spec.streams);
  streams.forEach((stream, index) => {
    if (Object.hasOwn(spec.streams, stream)) return;
    report({
      code: "KG2002",
      path: [section, name, "streams", index],
      message: `stream "${stream}" is not defined${didYouMean(stream, defined)}`,
      hint: defined.length > 0 ? `define it under streams, or use one of: ${listNames(defined)}` : "define it",
    });
  });
}

/** A producer's role gets one kind of grants: data-stream writes or video PutMedia, not both. */
function checkProducerStreamTypes(spec: Spec, name: string, streams: string[], report: Report): void {
  const types = new Set(streams.filter((stream) => Object.hasOwn(spec.streams, stream)).map((stream) => spec.streams[stream].type));
  if (types.size < 2) return;
  report({
    code: "KG2011",
    path: ["producers", name, "streams"],
    message: `producer "${name}" writes to data and video streams`,
    hint: "a producer writes one kind of stream; split it into two producers",
  });
}

function checkStreamTypes(spec: Spec, name: string, consumer: ConsumerSpec, report: Report): void {
  const byType: Record<StreamType, string[]> = { data: [], video: [] };
  for (const stream of consumer.streams) {
    if (Object.hasOwn(spec.streams, stream)) byType[spec.streams[stream].type].push(stream);
  }
  if (byType.data.length > 0 && byType.video.length > 0) {
    report({
      code: "KG2011",
      path: ["consumers", name, "streams"],
      message: `consumer "${name}" reads data (${byType.data.join(", ")}) and video (${byType.video.join(", ")}) streams`,
      hint: "a consumer reads one kind of stream; split it into two consumers",
    });
    return;
  }
  const type: StreamType | undefined = byType.video.length > 0 ? "video" : byType.data.length > 0 ? "data" : undefined;
  if (type && !VIAS_BY_TYPE[type].includes(consumer.via)) {
    report({
      code: "KG2012",
      path: ["consumers", name, "via"],
      message: `via ${consumer.via} does not fit ${type} streams`,
      hint: `${type} stream consumers use: ${VIAS_BY_TYPE[type].join(", ")}`,
    });
  }
}

function checkRole(
  spec: Spec,
  section: Section,
  name: string,
  party: ProducerSpec | ConsumerSpec,
  defaultTrust: string | undefined,
  report: Report,
): void {
  const path = [section, name];
  const { role } = party;
  // A user or group (rules-identities.ts) is the party's identity instead of a role.
  if (party.user !== undefined || party.group !== undefined) return;
  if (!role && !defaultTrust) {
    const what = section === "producers" ? "a producer" : "this consumer";
    report({
      code: "KG2013",
      path,
      message: `${section === "producers" ? "producer" : "consumer"} "${name}" has no role, user or group`,
      hint: `${what} needs role.assumed_by (kgen creates the role), role.arn (an existing role), user or group`,
    });
  }
  // Neither assumed_by nor arn: the controls of the role kgen creates from the default trust.
  if (role !== undefined && role.assumed_by === undefined && role.arn === undefined && !defaultTrust) {
    report({
      code: "KG2013",
      path: [...path, "role"],
      message: `${section === "producers" ? "producer" : "consumer"} "${name}" has a role with neither assumed_by nor arn`,
      hint: `${section === "producers" ? "a producer" : "this consumer"} has no default trust: say who assumes the role kgen creates (assumed_by), or name an existing role (arn)`,
    });
  }
  if (role?.arn !== undefined) checkExistingRole(role.arn, spec.owner, [...path, "role", "arn"], report);
  role?.assumed_by?.forEach((principal, index) =>
    checkTrustedPrincipal(principal, spec.owner, [...path, "role", "assumed_by", index], report),
  );
  // kgen creates the role from assumed_by or from the default trust; IAM caps its name's length.
  const created = role?.assumed_by !== undefined || (role?.arn === undefined && defaultTrust !== undefined);
  if (created && role?.name === undefined) checkCreatedRoleName(spec, section, name, report);
}

function checkCreatedRoleName(spec: Spec, section: Section, name: string, report: Report): void {
  const created = roleName(spec.name, spec[section][name].aws_name ?? name);
  if (created.length <= ROLE_NAME_MAX_LENGTH) return;
  const finding: Finding = {
    code: "KG2017",
    path: [section, name],
    message: `IAM role name "${created}" (name-${section.slice(0, -1)}) is ${created.length} characters; IAM allows ${ROLE_NAME_MAX_LENGTH}`,
    hint: `set role.name to a name of at most ${ROLE_NAME_MAX_LENGTH} characters (the party keeps its name), shorten "${spec[section][name].aws_name ?? name}" or name by ${created.length - ROLE_NAME_MAX_LENGTH}, or name an existing role in role.arn`,
  };
  report(finding);
}
