import { decide, decideUnpatched, type AccessRequest, type PolicyDocument } from "./simulate";

const ACCOUNT = "123456789012";
const OTHER_ACCOUNT = "111122223333";
const REGION = "us-west-2";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/producer`;
const STREAM_A = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/A`;
const STREAM_B = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/B`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const VIA_KINESIS = `kinesis.${REGION}.amazonaws.com`;
const EC_STREAM_ARN = "kms:EncryptionContext:aws:kinesis:arn";

const policy = (...Statement: object[]): PolicyDocument => ({ Version: "2012-10-17", Statement });
const allow = (Action: string, Resource: string, Condition?: object) => ({ Effect: "Allow", Action, Resource, ...(Condition && { Condition }) });
const allowPrincipal = (AWS: string, Action: string, Condition?: object) => ({ ...allow(Action, "*", Condition), Principal: { AWS } });

describe("same-account Kinesis, identity policy only", () => {
  const req = (resource: string): AccessRequest => ({
    principal: ROLE,
    action: "kinesis:PutRecord",
    resource,
    resourceAccount: ACCOUNT,
    identityPolicies: [policy(allow("kinesis:PutRecord", STREAM_A))],
  });

  it("allows PutRecord on the exact stream ARN", async () => {
    expect(await decide(req(STREAM_A))).toBe("Allowed");
  });

  it("implicitly denies PutRecord on another stream", async () => {
    expect(await decide(req(STREAM_B))).toBe("ImplicitlyDenied");
  });
});

describe("KMS Decrypt restricted to Kinesis and one stream's encryption context", () => {
  const decryptRequest = (opts: { streamInContext?: string; viaService?: boolean; withEcCondition?: boolean; operator?: string }): AccessRequest => {
    const { streamInContext = STREAM_A, viaService = true, withEcCondition = true, operator = "StringEquals" } = opts;
    const condition: Record<string, Record<string, string | string[]>> = { StringEquals: { "kms:ViaService": VIA_KINESIS } };
    if (withEcCondition) condition[operator] = { ...condition[operator], [EC_STREAM_ARN]: [STREAM_A] };
    return {
      principal: ROLE,
      action: "kms:Decrypt",
      resource: KEY,
      resourceAccount: ACCOUNT,
      identityPolicies: [policy(allow("kms:Decrypt", KEY, condition))],
      resourcePolicy: policy(allowPrincipal(ROLE, "kms:Decrypt", condition)),
      context: {
        ...(viaService && { "kms:ViaService": VIA_KINESIS }),
        [EC_STREAM_ARN]: streamInContext,
      },
    };
  };

  it("allows Decrypt via Kinesis for stream A", async () => {
    expect(await decide(decryptRequest({}))).toBe("Allowed");
  });

  it("denies Decrypt when the encryption context names stream B", async () => {
    expect(await decide(decryptRequest({ streamInContext: STREAM_B }))).toBe("ImplicitlyDenied");
  });

  it("denies Decrypt without kms:ViaService", async () => {
    expect(await decide(decryptRequest({ viaService: false }))).toBe("ImplicitlyDenied");
  });

  it("proof: removing only the EncryptionContext condition allows stream B, so that condition is what denies it", async () => {
    expect(await decide(decryptRequest({ streamInContext: STREAM_B, withEcCondition: false }))).toBe("Allowed");
  });

  it("treats the condition key case-insensitively but compares values case-sensitively (StringEquals)", async () => {
    const req = decryptRequest({});
    const upperKey = { ...req, context: { "kms:ViaService": VIA_KINESIS, "KMS:ENCRYPTIONCONTEXT:AWS:KINESIS:ARN": STREAM_A } };
    expect(await decide(upperKey)).toBe("Allowed");
    expect(await decide(decryptRequest({ streamInContext: STREAM_A.replace("stream/A", "stream/a") }))).toBe("ImplicitlyDenied");
  });

  it("evaluates IfExists on the encryption context for real", async () => {
    expect(await decide(decryptRequest({ operator: "StringEqualsIfExists" }))).toBe("Allowed");
    expect(await decide(decryptRequest({ operator: "StringEqualsIfExists", streamInContext: STREAM_B }))).toBe("ImplicitlyDenied");
  });

  // Reproduction of the iam-simulate 0.1.x bug the rewrite in simulate.ts fixes. The library drops
  // `kms:EncryptionContext:<name>` from the request context, so the condition always sees a
  // missing key. If one of these starts failing, the library has fixed the bug upstream.
  describe("without the fix (decideUnpatched)", () => {
    it("wrongly denies the legitimate stream A: StringEquals never sees the key", async () => {
      expect(await decideUnpatched(decryptRequest({}))).toBe("ImplicitlyDenied");
    });

    it("wrongly allows stream B when the condition uses ...IfExists: the key always looks absent", async () => {
      expect(await decideUnpatched(decryptRequest({ operator: "StringEqualsIfExists", streamInContext: STREAM_B }))).toBe("Allowed");
    });
  });
});

describe("KMS key policy delegation to IAM (the account root statement)", () => {
  const ROOT_STATEMENT = allowPrincipal(`arn:aws:iam::${ACCOUNT}:root`, "kms:*");
  const decrypt = (keyPolicy: PolicyDocument | undefined, identityPolicies: PolicyDocument[]): AccessRequest => ({
    principal: ROLE,
    action: "kms:Decrypt",
    resource: KEY,
    resourceAccount: ACCOUNT,
    identityPolicies,
    resourcePolicy: keyPolicy,
  });
  const identityAllowsDecrypt = policy(allow("kms:Decrypt", KEY));

  it("allows when the key policy delegates to the account and the identity policy allows", async () => {
    expect(await decide(decrypt(policy(ROOT_STATEMENT), [identityAllowsDecrypt]))).toBe("Allowed");
  });

  it("denies when the key policy delegates to the account but no identity policy allows", async () => {
    expect(await decide(decrypt(policy(ROOT_STATEMENT), []))).toBe("ImplicitlyDenied");
  });

  it("denies when the key policy neither delegates nor names the principal, even with an identity allow", async () => {
    const otherRoleOnly = policy(allowPrincipal(`arn:aws:iam::${ACCOUNT}:role/admin`, "kms:*"));
    expect(await decide(decrypt(otherRoleOnly, [identityAllowsDecrypt]))).toBe("ImplicitlyDenied");
  });

  it("denies when there is no key policy at all", async () => {
    expect(await decide(decrypt(undefined, [identityAllowsDecrypt]))).toBe("ImplicitlyDenied");
  });

  it("allows when the key policy names the principal directly, without an identity policy", async () => {
    expect(await decide(decrypt(policy(allowPrincipal(ROLE, "kms:Decrypt")), []))).toBe("Allowed");
  });
});

describe("cross-account Kinesis access", () => {
  const CONSUMER = `arn:aws:iam::${OTHER_ACCOUNT}:role/consumer`;
  const streamPolicy = policy({ ...allowPrincipal(CONSUMER, "kinesis:GetRecords"), Resource: STREAM_A });
  const identityPolicy = policy(allow("kinesis:GetRecords", STREAM_A));
  const getRecords = (identityPolicies: PolicyDocument[], resourcePolicy?: PolicyDocument): AccessRequest => ({
    principal: CONSUMER,
    action: "kinesis:GetRecords",
    resource: STREAM_A,
    resourceAccount: ACCOUNT,
    identityPolicies,
    resourcePolicy,
  });

  it("denies with only the stream's resource policy", async () => {
    expect(await decide(getRecords([], streamPolicy))).toBe("ImplicitlyDenied");
  });

  it("denies with only the consumer's identity policy", async () => {
    expect(await decide(getRecords([identityPolicy]))).toBe("ImplicitlyDenied");
  });

  it("allows when both allow", async () => {
    expect(await decide(getRecords([identityPolicy], streamPolicy))).toBe("Allowed");
  });
});

describe("sts:AssumeRole by a service principal against a role trust policy", () => {
  const ROLE_TO_ASSUME = `arn:aws:iam::${ACCOUNT}:role/app`;
  const trustEc2 = policy({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });
  const assumeBy = (service: string): AccessRequest => ({
    principal: service,
    action: "sts:AssumeRole",
    resource: ROLE_TO_ASSUME,
    resourceAccount: ACCOUNT,
    identityPolicies: [],
    resourcePolicy: trustEc2,
  });

  it("allows the trusted service", async () => {
    expect(await decide(assumeBy("ec2.amazonaws.com"))).toBe("Allowed");
  });

  it("denies another service", async () => {
    expect(await decide(assumeBy("lambda.amazonaws.com"))).toBe("ImplicitlyDenied");
  });
});

describe("invalid requests throw instead of returning a denial", () => {
  const base: AccessRequest = {
    principal: ROLE,
    action: "kinesis:PutRecord",
    resource: STREAM_A,
    resourceAccount: ACCOUNT,
    identityPolicies: [policy(allow("kinesis:*", "*"))],
  };

  it("rejects an unknown action", async () => {
    await expect(decide({ ...base, action: "kinesis:PutRecrod" })).rejects.toThrow(/invalid\.action/);
  });

  it("rejects a resource type the action does not accept", async () => {
    await expect(decide({ ...base, resource: KEY })).rejects.toThrow(/no\.resource\.types/);
  });

  it("rejects a context key that does not apply to the action", async () => {
    await expect(decide({ ...base, context: { "kms:ViaService": VIA_KINESIS } })).rejects.toThrow(/kms:ViaService/);
  });

  it("rejects an invalid policy", async () => {
    const bad = policy({ Effect: "Allow", Actions: "kinesis:PutRecord", Resource: STREAM_A });
    await expect(decide({ ...base, identityPolicies: [bad] })).rejects.toThrow(/policy\.errors/);
  });

  it("rejects a resourceAccount that contradicts the ARN", async () => {
    await expect(decide({ ...base, resourceAccount: OTHER_ACCOUNT })).rejects.toThrow(/not resourceAccount/);
  });
});
