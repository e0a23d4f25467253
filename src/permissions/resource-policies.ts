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
 * then the statements of the key's users (keyUseStatements). `Resource: "*"` in a key policy
 * means "this key" (KMS guide "key-policy-overview").
 */
export function keyPolicy(model: Model, key: Key): PolicyDocument {
  if (key.existing !== undefined) throw new Error(`internal: kgen writes no policy for the existing key ${key.name}`);
  const statements: PolicyStatement[] = [
    keyStatement("EnableAccountRootAccess", [accountRootArn(model.owner.partition, model.owner.account)], ACCOUNT_ROOT_KEY_ACTIONS),
  ];
  if (key.administrators.length > 0) statements.push(keyStatement("KeyAdministrators", key.administrators, KEY_ADMINISTRATOR_ACTIONS));
  return policyDocument([...statements, ...keyUseStatements(model, key, "")]);
}

/**
 * What the owner of an existing key must add to its policy for this module: exactly the
 * statements kgen would write in a key policy of its own for the same principals, without the
 * root and key administrator statements, which are the key owner's. Each Sid starts with the
 * module's name, so that statements of several modules sharing one key never collide. A group
 * is no principal: its members reach the key through the owner account's root, scoped to the
 * same stream (see keyUseStatements).
 */
export function keyPolicyHandOver(model: Model, key: Key): PolicyDocument {
  if (key.existing === undefined) throw new Error(`internal: key ${key.name} is kgen's own; its policy is keyPolicy`);
  return policyDocument(keyUseStatements(model, key, pascalCase(model.name)));
}

/**
 * The statements of a key's users: stream administrators, then per data stream the producers'
 * GenerateDataKey and the consumers' Decrypt, the same per video stream, then the shares; each
 * scoped to its stream's service and, for data streams, to that one stream.
 */
function keyUseStatements(model: Model, key: Key, sidPrefix: string): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const onKey = (stream: Stream | VideoStream) => stream.encryption.kind === "customer-managed" && stream.encryption.key === key.name;
  const streams = model.streams.filter(onKey);
  const streamAdmins = [...new Set([...streams, ...model.videoStreams.filter(onKey)].flatMap((s) => s.administrators))];
  if (streamAdmins.length > 0) statements.push(keyStatement(`${sidPrefix}StreamAdministrators`, streamAdmins, STREAM_ADMINISTRATOR_KEY_ACTIONS));
  const partiesOf = partiesByStream(model);
  const ownerRoot = accountRootArn(model.owner.partition, model.owner.account);
  const partyStatements = (stream: Stream | VideoStream, service: StreamService, arn: string) => {
    for (const use of ["encrypt", "decrypt"] as const) {
      const parties = (partiesOf.get(stream.name) ?? []).filter((p) => accessProfile(p.profile).keyUse === use);
      const principals = parties.filter((p) => p.role.kind !== "group").map((p) => p.role.arn);
      const sid = `${sidPrefix}${KEY_USE_SIDS[use]}For${pascalCase(stream.id)}`;
      if (principals.length > 0) statements.push(keyUseStatement(model, sid, principals, use, service, arn));
      // A group is no principal: its members reach the key through the owner account's root and
      // the group's identity policy (KMS guide "key-policy-default-allow-root-enable-iam"). kgen's
      // own keys give the root kms:* (above); a key of another owner must say it, scoped as for a role.
      if (key.existing !== undefined && parties.some((p) => p.role.kind === "group")) {
        statements.push(keyUseStatement(model, `${sid}ByGroupMembers`, [ownerRoot], use, service, arn));
      }
    }
  };
  for (const stream of streams) partyStatements(stream, "kinesis", stream.arn);
  for (const stream of model.videoStreams.filter(onKey)) partyStatements(stream, "kinesisvideo", stream.arnPattern);
  for (const share of model.shares) {
    for (const stream of streams.filter((s) => share.streams.includes(s.name))) {
      const use = shareProfile(share.profile).keyUse;
      const sid = `${sidPrefix}Share${pascalCase(share.id)}${KEY_USE_SIDS[use]}For${pascalCase(stream.id)}`;
      statements.push(keyUseStatement(model, sid, share.principals, use, "kinesis", stream.arn));
    }
  }
  return statements;
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
