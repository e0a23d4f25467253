import { classifyPrincipal } from "../../src/spec/principals";

describe("classifyPrincipal", () => {
  test.each([
    ["*", "wildcard"],
    ["arn:aws:iam::123456789012:role/*", "wildcard"],
    ["ec2.amazonaws.com", "service"],
    ["ecs-tasks.amazonaws.com", "service"],
    ["ec2.amazonaws.com.cn", "service"],
    ["123456789012", "account-id"],
    ["arn:aws:iam::123456789012:root", "iam"],
    ["arn:aws:iam::123456789012:role/StreamAdmin", "iam"],
    ["arn:aws:iam::123456789012:role/compliance/ComplianceReader", "iam"],
    ["arn:aws-cn:iam::123456789012:user/ops/alice", "iam"],
    ["cognito-identity.amazonaws.com", "federated"],
    ["accounts.google.com", "federated"],
    ["arn:aws:iam::123456789012:saml-provider/Okta", "federated"],
    ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com", "federated"],
    ["79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", "canonical-user"],
    ["arn:aws:iam::123456789012:group/Admins", "iam-group"],
    ["arn:aws:iam::123456789012:group/teams/Admins", "iam-group"],
    ["arn:aws:sts::123456789012:assumed-role/Reader/session", "other-arn"],
    ["arn:aws:iam:us-east-1:123456789012:role/Regional", "other-arn"],
    ["role/StreamAdmin", "malformed"],
    ["arn:aws:iam::12345:role/Short", "malformed"],
    ["arn:aws-iso:iam::123456789012:role/Isolated", "malformed"],
    ["EC2.amazonaws.com", "malformed"],
  ])("%s is %s", (text, kind) => {
    expect(classifyPrincipal(text).kind).toBe(kind);
  });

  test("an IAM principal carries its partition, account and resource type", () => {
    expect(classifyPrincipal("arn:aws-us-gov:iam::111122223333:user/ops/alice")).toEqual({
      kind: "iam",
      resource: "user",
      partition: "aws-us-gov",
      account: "111122223333",
    });
  });
});
