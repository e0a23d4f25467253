/**
 * Resource-side policies: each key's policy, and the resource policies of shared streams and of
 * the consumers registered for fan-out shares. Built from the same catalogue entries as the
 * identity policies in policies.ts.
 */
import { accountRootArn } from "../model/arns";
import type { Key, Model, Party, Share, Stream, VideoStream } from "../model/types";
import {
  ACCOUNT_ROOT_KEY_ACTIONS,
  KEY_ADMINISTRATOR_ACTIONS,
  KEY_USE_ACTION,
  SHAREABLE_ACTIONS,
  STREAM_ADMINISTRATOR_KEY_ACTIONS,
  accessProfile,
  shareProfile,
  type Action,
  type KeyUse,
  type StreamService,
} from "./catalogue";
import { KEY_USE_SIDS, keyScopesOf, keyUseCondition } from "./policies";
import { pascalCase, policyDocument, type PolicyDocument, type PolicyStatement } from "./policy-document";

/**
 * A key's full policy, in a fixed order: account root (lockout safety), key administrators,
 * stream administrators, then per data stream the producers' GenerateDataKey and the consumers'
 * Decrypt, the same per video stream, then the shares; each scoped to its stream's service and,
 * for data streams, to that one stream. `Resource: "*"` in a key policy means "this key" (KMS
 * guide "key-policy-overview").
 */
export function keyPolicy(model: Model, key: Key): PolicyDocument {
  const statements: PolicyStatement[] = [
    keyStatement("EnableAccountRootAccess", [accountRootArn(model.owner.partition, model.owner.account)], ACCOUNT_ROOT_KEY_ACTIONS),
  ];
  if (key.administrators.length > 0) statements.push(keyStatement("KeyAdministrators", key.administrators, KEY_ADMINISTRATOR_ACTIONS));
  const onKey = (stream: Stream | VideoStream) => stream.encryption.kind === "customer-managed" && stream.encryption.key === key.name;
  const streams = model.streams.filter(onKey);
  const streamAdmins = [...new Set([...streams, ...model.videoStreams.filter(onKey)].flatMap((s) => s.administrators))];
  if (streamAdmins.length > 0) statements.push(keyStatement("StreamAdministrators", streamAdmins, STREAM_ADMINISTRATOR_KEY_ACTIONS));
  const partiesOf = partiesByStream(model);
  const partyStatements = (stream: Stream | VideoStream, service: StreamService, arn: string) => {
    for (const use of ["encrypt", "decrypt"] as const) {
      // A group is no principal: its members reach the key through the account root's kms:*
      // (KMS guide "key-policy-default-allow-root-enable-iam") and the group's identity policy.
      const principals = (partiesOf.get(stream.name) ?? [])
        .filter((p) => accessProfile(p.profile).keyUse === use && p.role.kind !== "group")
        .map((p) => p.role.arn);
      if (principals.length > 0) statements.push(keyUseStatement(model, `${KEY_USE_SIDS[use]}For${pascalCase(stream.id)}`, principals, use, service, arn));
    }
  };
  for (const stream of streams) partyStatements(stream, "kinesis", stream.arn);
  for (const stream of model.videoStreams.filter(onKey)) partyStatements(stream, "kinesisvideo", stream.arnPattern);
  for (const share of model.shares) {
    for (const stream of streams.filter((s) => share.streams.includes(s.name))) {
      const use = shareProfile(share.profile).keyUse;
      const sid = `Share${pascalCase(share.id)}${KEY_USE_SIDS[use]}For${pascalCase(stream.id)}`;
      statements.push(keyUseStatement(model, sid, share.principals, use, "kinesis", stream.arn));
    }
  }
  return policyDocument(statements);
}

const partyIndexes = new WeakMap<Model, Map<string, Party[]>>();

/** Stream name -> its parties in model order, built once per model (key policies are built often). */
function partiesByStream(model: Model): Map<string, Party[]> {
  let index = partyIndexes.get(model);
  if (index === undefined) {
    index = new Map();
    for (const party of model.parties) {
      for (const stream of party.streams) index.set(stream, [...(index.get(stream) ?? []), party]);
    }
    partyIndexes.set(model, index);
  }
  return index;
}

/** The roles a key policy names: KMS rejects a policy naming a principal that does not exist yet. */
export function keyPolicyParties(model: Model, key: Key): Party[] {
  return model.parties.filter((party) => keyScopesOf(model, party.streams).some((scope) => scope.key.name === key.name));
}

/** A shared stream's resource policy: every share of the stream in one document (PutResourcePolicy replaces it whole). */
export function streamResourcePolicy(model: Model, stream: Stream): PolicyDocument | undefined {
  const statements = model.shares
    .filter((share) => share.streams.includes(stream.name))
    .map((share): PolicyStatement => ({
      Sid: `Share${pascalCase(share.id)}`,
      Effect: "Allow",
      Principal: { AWS: [...share.principals] },
      Action: actionsOn(share, "stream"),
      Resource: [stream.arn],
    }));
  return statements.length === 0 ? undefined : policyDocument(statements);
}

/** The resource policy of the consumer kgen registers for a fan-out share; its ARN is known after apply. */
export function consumerResourcePolicy(share: Share, consumerArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: `Share${pascalCase(share.id)}`,
      Effect: "Allow",
      Principal: { AWS: [...share.principals] },
      Action: actionsOn(share, "registered-consumer"),
      Resource: [consumerArn],
    },
  ]);
}

function actionsOn(share: Share, target: "stream" | "registered-consumer"): Action[] {
  const actions = shareProfile(share.profile).grants.filter((g) => g.on === target).flatMap((g) => [...g.actions]);
  const unshareable = actions.filter((action) => !SHAREABLE_ACTIONS.includes(action));
  if (unshareable.length > 0) throw new Error(`internal: ${unshareable.join(", ")} may never appear in a resource policy`);
  return actions;
}

function keyStatement(sid: string, principals: readonly string[], actions: readonly Action[]): PolicyStatement {
  return { Sid: sid, Effect: "Allow", Principal: { AWS: [...principals] }, Action: [...actions], Resource: ["*"] };
}

function keyUseStatement(model: Model, sid: string, principals: readonly string[], use: KeyUse, service: StreamService, streamArn: string): PolicyStatement {
  return { ...keyStatement(sid, [...new Set(principals)], [KEY_USE_ACTION[use]]), Condition: keyUseCondition(model, service, [streamArn]) };
}
