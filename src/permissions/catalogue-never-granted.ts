/**
 * The permission catalogue, continued (catalogue.ts re-exports it): what kgen never grants. The
 * grants of catalogue.ts say what each party gets; these say what must stay out, whoever holds
 * the policy, so that IAM Access Analyzer can check it in the user's own account
 * (CheckAccessNotGranted, `kgen export-policies`) and the tests can check it here. "PERMS" is
 * ../shared/design/permissions.md.
 */
import type { Action } from "./action-grant";
import { KEY_USE_ACTION, type KeyUse } from "./catalogue";

/** Actions that must never be granted, each with the reason a reviewer reads. */
export interface Prohibition {
  /** Who it binds, in a few words. */
  holders: string;
  actions: readonly Action[];
  why: Readonly<Record<string, string>>;
}

function prohibit(holders: string, why: Readonly<Partial<Record<Action, string>>>): Prohibition {
  const reasons = why as Readonly<Record<string, string>>;
  return { holders, actions: Object.keys(reasons) as Action[], why: reasons };
}

const TERRAFORM = "Terraform owns it: a party that could do it could undo what the module declares";

/**
 * Bound by every policy kgen writes but the key policy's account-root statement (which keeps
 * kms:* so the key is never orphaned): every party, share, stream administrator, and the stream
 * and consumer resource policies.
 */
export const NEVER_GRANTED_TO_ANYONE: Prohibition = prohibit("every party, share, stream administrator and resource policy", {
  // PERMS "Administrators": "no DeleteStream, no resource-policy or encryption changes: those
  // belong to Terraform"; README "Who gets what": no deleting, no media-type changes (video).
  "kinesis:DeleteStream": TERRAFORM,
  "kinesis:PutResourcePolicy": TERRAFORM,
  "kinesis:DeleteResourcePolicy": TERRAFORM,
  "kinesis:StartStreamEncryption": TERRAFORM,
  "kinesis:StopStreamEncryption": TERRAFORM,
  "kinesisvideo:DeleteStream": TERRAFORM,
  "kinesisvideo:UpdateStream": TERRAFORM,
  // PERMS Revision 2 "Key administrators manage, and cannot give themselves use" (KMS guide
  // "key-policy-default"): with either, a holder "can give themselves and others AWS KMS
  // permissions not specified in this policy".
  "kms:CreateGrant": "would let the holder grant itself or others use of the key",
  "kms:PutKeyPolicy": "would let the holder rewrite the key policy, which Terraform owns",
});

/**
 * The other direction's data plane (PERMS "KMS scoping" and the party tables): a writer never
 * reads records or media, nor decrypts; a reader never writes, nor encrypts. Bound by every party
 * and share of that key use.
 */
export const NEVER_GRANTED_BY_KEY_USE: Readonly<Record<KeyUse, Prohibition>> = {
  encrypt: prohibit("producers and write shares: they never read", {
    "kinesis:GetRecords": "reads records",
    "kinesis:GetShardIterator": "starts reading a shard",
    "kinesis:SubscribeToShard": "reads records over enhanced fan-out",
    "kinesisvideo:GetMedia": "reads live media",
    "kinesisvideo:GetMediaForFragmentList": "reads archived media",
    "kinesisvideo:GetClip": "downloads media",
    "kinesisvideo:GetImages": "reads images of the media",
    "kinesisvideo:GetHLSStreamingSessionURL": "plays media back",
    "kinesisvideo:GetDASHStreamingSessionURL": "plays media back",
    [KEY_USE_ACTION.decrypt]: "decrypts what the streams hold",
  }),
  decrypt: prohibit("consumers and read or fan-out shares: they never write", {
    "kinesis:PutRecord": "writes a record",
    "kinesis:PutRecords": "writes records",
    "kinesisvideo:PutMedia": "writes media",
    [KEY_USE_ACTION.encrypt]: "encrypts what is written to the streams",
  }),
};

/**
 * Stream administrators manage without using (PERMS "Administrators": "No data-plane access (no
 * Get/Put records, no Decrypt)"): neither direction's data plane.
 */
export const NEVER_GRANTED_TO_STREAM_ADMINISTRATORS: Prohibition = {
  holders: "stream administrators: they manage streams and never read or write them",
  actions: [...NEVER_GRANTED_BY_KEY_USE.encrypt.actions, ...NEVER_GRANTED_BY_KEY_USE.decrypt.actions],
  why: { ...NEVER_GRANTED_BY_KEY_USE.encrypt.why, ...NEVER_GRANTED_BY_KEY_USE.decrypt.why },
};
