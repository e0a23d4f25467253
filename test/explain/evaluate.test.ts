/**
 * The access evaluator on hand-written policies: the IAM and KMS rules explain relies on, each
 * shown by a pair of requests that differ in exactly one thing.
 */
import { evaluate, wildcardMatch, type AccessRequest, type ResourcePolicy } from "../../src/explain/evaluate";
import type { PolicyDocument, PolicyStatement } from "../../src/permissions/policy-document";

const OWNER = "123456789012";
const OTHER = "111122223333";
const STREAM = `arn:aws:kinesis:us-west-2:${OWNER}:stream/Trades`;
const OTHER_STREAM = `arn:aws:kinesis:us-west-2:${OWNER}:stream/Audit`;
const KEY = `arn:aws:kms:us-west-2:${OWNER}:key/trades`;
const READER = `arn:aws:iam::${OWNER}:role/reader`;
const PARTNER = `arn:aws:iam::${OTHER}:role/partner`;
const root = (account: string) => `arn:aws:iam::${account}:root`;

const doc = (...statements: PolicyStatement[]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements });
const allow = (Sid: string, Action: string[], Resource: string[], extra: Partial<PolicyStatement> = {}): PolicyStatement =>
  ({ Sid, Effect: "Allow", Action, Resource, ...extra }) as PolicyStatement;
const principals = (...arns: string[]) => ({ Principal: { AWS: arns } });
const request = (principal: string, action: string, resource: string, context: Record<string, string> = {}): AccessRequest => ({
  principal,
  action,
  resource,
  resourceAccount: OWNER,
  context,
});
const resource = (...statements: PolicyStatement[]): ResourcePolicy => ({ kind: "resource", document: doc(...statements) });
const keyPolicy = (...statements: PolicyStatement[]): ResourcePolicy => ({ kind: "key", document: doc(...statements) });

const THROUGH_KINESIS = { "kms:ViaService": "kinesis.us-west-2.amazonaws.com", "kms:EncryptionContext:aws:kinesis:arn": STREAM };
const kinesisCondition = (stream: string) => ({
  Condition: { StringEquals: { "kms:ViaService": "kinesis.us-west-2.amazonaws.com", "kms:EncryptionContext:aws:kinesis:arn": [stream] } },
});

describe("same account", () => {
  const readStream = doc(allow("Streams", ["kinesis:GetRecords"], [STREAM]));

  test("the identity policy alone allows, and names the statement", () => {
    expect(evaluate(request(READER, "kinesis:GetRecords", STREAM), [readStream])).toEqual({ allowed: true, via: [{ policy: "identity", sid: "Streams" }] });
    expect(evaluate(request(READER, "kinesis:GetRecords", OTHER_STREAM), [readStream]).allowed).toBe(false);
    expect(evaluate(request(READER, "kinesis:PutRecord", STREAM), [readStream]).allowed).toBe(false);
  });

  test("a resource policy naming the principal's ARN allows without an identity policy; naming the account does not", () => {
    const byArn = resource(allow("Reader", ["kinesis:GetRecords"], [STREAM], principals(READER)));
    expect(evaluate(request(READER, "kinesis:GetRecords", STREAM), [], byArn)).toEqual({ allowed: true, via: [{ policy: "resource", sid: "Reader" }] });
    const byAccount = resource(allow("Account", ["kinesis:GetRecords"], [STREAM], principals(root(OWNER))));
    expect(evaluate(request(READER, "kinesis:GetRecords", STREAM), [], byAccount).allowed).toBe(false);
  });
});

describe("KMS keys: the key policy must allow", () => {
  const decrypt = request(READER, "kms:Decrypt", KEY, THROUGH_KINESIS);
  const identity = [doc(allow("DecryptWithTradesKey", ["kms:Decrypt"], [KEY], kinesisCondition(STREAM)))];

  test("a statement naming the principal allows on its own", () => {
    const policy = keyPolicy(allow("DecryptForTrades", ["kms:Decrypt"], ["*"], { ...principals(READER), ...kinesisCondition(STREAM) }));
    expect(evaluate(decrypt, [], policy)).toEqual({ allowed: true, via: [{ policy: "key", sid: "DecryptForTrades" }] });
  });

  test("a statement naming the account root delegates to the identity policy, which must allow too", () => {
    const policy = keyPolicy(allow("EnableAccountRootAccess", ["kms:*"], ["*"], principals(root(OWNER))));
    expect(evaluate(decrypt, [], policy).allowed).toBe(false);
    expect(evaluate(decrypt, identity, policy)).toEqual({
      allowed: true,
      via: [
        { policy: "identity", sid: "DecryptWithTradesKey" },
        { policy: "key", sid: "EnableAccountRootAccess" },
      ],
    });
  });

  test("an identity policy alone is not enough, unlike for a stream", () => {
    const administrators = keyPolicy(allow("KeyAdministrators", ["kms:DescribeKey"], ["*"], principals(`arn:aws:iam::${OWNER}:role/KeyAdmin`)));
    expect(evaluate(decrypt, identity, administrators).allowed).toBe(false);
  });
});

describe("cross account: both halves must allow", () => {
  const read = request(PARTNER, "kinesis:GetRecords", STREAM);
  const identity = [doc(allow("Streams", ["kinesis:GetRecords"], [STREAM]))];
  const shared = resource(allow("SharePartner", ["kinesis:GetRecords"], [STREAM], principals(PARTNER)));

  test("identity policy alone, resource policy alone: denied; both: allowed through both", () => {
    expect(evaluate(read, identity).allowed).toBe(false);
    expect(evaluate(read, [], shared).allowed).toBe(false);
    expect(evaluate(read, identity, shared)).toEqual({
      allowed: true,
      via: [
        { policy: "identity", sid: "Streams" },
        { policy: "resource", sid: "SharePartner" },
      ],
    });
  });

  test("a resource policy naming the root of the principal's account counts as naming it, another account's root does not", () => {
    const toAccount = resource(allow("ShareAccount", ["kinesis:GetRecords"], [STREAM], principals(root(OTHER))));
    expect(evaluate(read, identity, toAccount).allowed).toBe(true);
    const elsewhere = resource(allow("ShareElsewhere", ["kinesis:GetRecords"], [STREAM], principals(root("444455556666"))));
    expect(evaluate(read, identity, elsewhere).allowed).toBe(false);
  });

  test("a key shared with the partner needs the key policy and the partner's identity policy", () => {
    const decrypt = request(PARTNER, "kms:Decrypt", KEY, THROUGH_KINESIS);
    const partnerIdentity = [doc(allow("DecryptWithTradesKey", ["kms:Decrypt"], [KEY], kinesisCondition(STREAM)))];
    const policy = keyPolicy(
      allow("EnableAccountRootAccess", ["kms:*"], ["*"], principals(root(OWNER))),
      allow("SharePartnerDecrypt", ["kms:Decrypt"], ["*"], { ...principals(PARTNER), ...kinesisCondition(STREAM) }),
    );
    expect(evaluate(decrypt, [], policy).allowed).toBe(false);
    expect(evaluate(decrypt, partnerIdentity, keyPolicy(allow("EnableAccountRootAccess", ["kms:*"], ["*"], principals(root(OWNER))))).allowed).toBe(false);
    expect(evaluate(decrypt, partnerIdentity, policy).via).toEqual([
      { policy: "identity", sid: "DecryptWithTradesKey" },
      { policy: "key", sid: "SharePartnerDecrypt" },
    ]);
  });
});

describe("conditions", () => {
  const policy = keyPolicy(allow("DecryptForTrades", ["kms:Decrypt"], ["*"], { ...principals(READER), ...kinesisCondition(STREAM) }));

  test("another stream's encryption context is denied, so is a missing one or another service", () => {
    expect(evaluate(request(READER, "kms:Decrypt", KEY, THROUGH_KINESIS), [], policy).allowed).toBe(true);
    const otherStream = { ...THROUGH_KINESIS, "kms:EncryptionContext:aws:kinesis:arn": OTHER_STREAM };
    expect(evaluate(request(READER, "kms:Decrypt", KEY, otherStream), [], policy).allowed).toBe(false);
    expect(evaluate(request(READER, "kms:Decrypt", KEY, { "kms:ViaService": "kinesis.us-west-2.amazonaws.com" }), [], policy).allowed).toBe(false);
    expect(evaluate(request(READER, "kms:Decrypt", KEY, { ...THROUGH_KINESIS, "kms:ViaService": "s3.us-west-2.amazonaws.com" }), [], policy).allowed).toBe(false);
    expect(evaluate(request(READER, "kms:Decrypt", KEY), [], policy).allowed).toBe(false);
  });

  test("condition key names are case-insensitive, values are not", () => {
    const lowerKeys = { "KMS:VIASERVICE": "kinesis.us-west-2.amazonaws.com", "kms:encryptioncontext:aws:kinesis:arn": STREAM };
    expect(evaluate(request(READER, "kms:Decrypt", KEY, lowerKeys), [], policy).allowed).toBe(true);
    const upperValue = { ...THROUGH_KINESIS, "kms:EncryptionContext:aws:kinesis:arn": STREAM.toUpperCase() };
    expect(evaluate(request(READER, "kms:Decrypt", KEY, upperValue), [], policy).allowed).toBe(false);
  });
});

describe("anything it does not understand is an internal error, never a guess", () => {
  const read = request(READER, "kinesis:GetRecords", STREAM);
  const withStatement = (statement: object): PolicyDocument => doc(statement as PolicyStatement);

  test.each([
    ["an unknown condition operator", allow("S", ["kinesis:GetRecords"], [STREAM], { Condition: { StringLike: { "aws:SourceIp": "10.*" } } }), /condition operator StringLike/],
    ["an IfExists operator", allow("S", ["kinesis:GetRecords"], [STREAM], { Condition: { StringEqualsIfExists: { "kms:ViaService": "x" } } }), /StringEqualsIfExists/],
    ["a Deny", { ...allow("S", ["kinesis:GetRecords"], [STREAM]), Effect: "Deny" }, /Effect Deny/],
    ["NotAction", { Sid: "S", Effect: "Allow", NotAction: ["kinesis:PutRecord"], Action: ["kinesis:GetRecords"], Resource: [STREAM] }, /NotAction/],
    ["a Principal in an identity policy", allow("S", ["kinesis:GetRecords"], [STREAM], principals(READER)), /has a Principal/],
    ["a policy variable", allow("S", ["kinesis:GetRecords"], ["arn:aws:kinesis:us-west-2:123456789012:stream/${aws:username}"]), /policy variable/],
    ["a statement without a Sid", { Effect: "Allow", Action: ["kinesis:GetRecords"], Resource: [STREAM] }, /no Sid/],
  ])("%s", (_what, statement, message) => {
    expect(() => evaluate(read, [withStatement(statement)])).toThrow(message);
    expect(() => evaluate(read, [withStatement(statement)])).toThrow(/^internal: /);
  });

  test("a wildcard or federated principal in a resource policy", () => {
    expect(() => evaluate(read, [], resource(allow("S", ["kinesis:GetRecords"], [STREAM], principals("*"))))).toThrow(/names principal \*/);
    const federated = { Principal: { Federated: ["cognito-identity.amazonaws.com"] } } as Partial<PolicyStatement>;
    expect(() => evaluate(read, [], resource(allow("S", ["kinesis:GetRecords"], [STREAM], federated)))).toThrow(/Principal Federated/);
  });

  test("a request by something that is not a role, user, root or service", () => {
    expect(() => evaluate(request(`arn:aws:sts::${OWNER}:assumed-role/reader/session`, "kinesis:GetRecords", STREAM), [])).toThrow(/internal: .*assumed-role/);
  });
});

describe("services and wildcards", () => {
  test("a trust policy lets exactly the named service assume the role; a service holds no identity policy", () => {
    const role = `arn:aws:iam::${OWNER}:role/stock-trades-alerts`;
    const trust: ResourcePolicy = { kind: "trust", document: doc({ Sid: "AssumeRole", Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com"] }, Action: ["sts:AssumeRole"] }) };
    expect(evaluate(request("lambda.amazonaws.com", "sts:AssumeRole", role), [], trust)).toEqual({ allowed: true, via: [{ policy: "trust", sid: "AssumeRole" }] });
    expect(evaluate(request("ec2.amazonaws.com", "sts:AssumeRole", role), [], trust).allowed).toBe(false);
    expect(() => evaluate(request("lambda.amazonaws.com", "sts:AssumeRole", role), [doc(allow("S", ["sts:AssumeRole"], ["*"]))], trust)).toThrow(/service principal/);
  });

  test("actions match case-insensitively with wildcards, resources case-sensitively", () => {
    const policy = keyPolicy(allow("EnableAccountRootAccess", ["kms:*"], ["*"], principals(READER)));
    expect(evaluate(request(READER, "KMS:decrypt", KEY), [], policy).allowed).toBe(true);
    expect(evaluate(request(READER, "kinesis:GetRecords", KEY), [], policy).allowed).toBe(false);
    expect(wildcardMatch(`${STREAM}/consumer/dashboard:*`, `${STREAM}/consumer/dashboard:1700000000`)).toBe(true);
    expect(wildcardMatch(`${STREAM}/consumer/dashboard:*`, `${STREAM}/consumer/dashboard2:1700000000`)).toBe(false);
    expect(wildcardMatch(STREAM, STREAM.replace("Trades", "trades"))).toBe(false);
    expect(wildcardMatch("arn:aws:s3:::bucket-?", "arn:aws:s3:::bucket-1")).toBe(true);
    // Only `*` and `?` are wildcards, wherever they stand: a `.` is a dot, a trailing `*` may match nothing.
    expect(wildcardMatch("arn:aws:dynamodb:us-west-2:123456789012:table/app.v1/index/*", "arn:aws:dynamodb:us-west-2:123456789012:table/appXv1/index/i")).toBe(false);
    expect(wildcardMatch("arn:aws:dynamodb:us-west-2:123456789012:table/app.v1/index/*", "arn:aws:dynamodb:us-west-2:123456789012:table/app.v1/index/")).toBe(true);
    expect(wildcardMatch("arn:aws:s3:::b.*-1", "arn:aws:s3:::b.x-1")).toBe(true);
    expect(wildcardMatch("arn:aws:s3:::b.*-1", "arn:aws:s3:::bXx-1")).toBe(false);
  });
});

/**
 * DescribeStreamConsumer(StreamARN, ConsumerName): IAM sees `S/consumer/NAME`, without the
 * registration time (permissions.md Revision 2). The IAM simulator cannot place that ARN, so the
 * call model (test/runtime) decides it with this evaluator: these pairs hold it to the form.
 */
describe("a consumer looked up by stream ARN and name", () => {
  const BY_NAME = `${STREAM}/consumer/app`;
  const BY_ARN = `${STREAM}/consumer/app:1700000000`;
  const lookup = (resource: string, principal = READER) => request(principal, "kinesis:DescribeStreamConsumer", resource);
  const grantOn = (...resources: string[]) => [doc(allow("Lookups", ["kinesis:DescribeStreamConsumer"], resources))];

  test("the name form is allowed by exactly that ARN, never by the registered form `:*`", () => {
    expect(evaluate(lookup(BY_NAME), grantOn(BY_NAME)).allowed).toBe(true);
    expect(evaluate(lookup(BY_NAME), grantOn(`${STREAM}/consumer/app:*`)).allowed).toBe(false);
    expect(evaluate(lookup(BY_ARN), grantOn(`${STREAM}/consumer/app:*`)).allowed).toBe(true);
    expect(evaluate(lookup(BY_ARN), grantOn(BY_NAME)).allowed).toBe(false);
  });

  test("the name form matches no other consumer; a prefix `app*` would match app2 too", () => {
    expect(evaluate(lookup(`${STREAM}/consumer/app2`), grantOn(BY_NAME)).allowed).toBe(false);
    expect(evaluate(lookup(`${STREAM}/consumer/app2`), grantOn(`${STREAM}/consumer/app*`)).allowed).toBe(true);
    expect(evaluate(lookup(`${OTHER_STREAM}/consumer/app`), grantOn(BY_NAME)).allowed).toBe(false);
  });

  test("across accounts the identity half alone does not allow it", () => {
    expect(evaluate(lookup(BY_NAME, PARTNER), grantOn(BY_NAME)).allowed).toBe(false);
    const shared = resource(allow("Partner", ["kinesis:DescribeStreamConsumer"], [BY_NAME], principals(PARTNER)));
    expect(evaluate(lookup(BY_NAME, PARTNER), grantOn(BY_NAME), shared).allowed).toBe(true);
  });

  test("the IAM simulator cannot evaluate the form at all, which is why kgen's evaluator decides it", async () => {
    const { decide } = await import("../support/simulate");
    await expect(
      decide({ principal: READER, action: "kinesis:DescribeStreamConsumer", resource: BY_NAME, resourceAccount: OWNER, identityPolicies: grantOn(BY_NAME) }),
    ).rejects.toThrow(/no\.resource\.types/);
  });
});
