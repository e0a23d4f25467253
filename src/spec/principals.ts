/**
 * What kind of principal a spec string names. Policies accept many forms; kgen accepts only the
 * ones each place can use (permissions.md, "Trust policies" and "Cross-account shares"), so the
 * rules first classify, then decide.
 */

export type IamResource = "root" | "role" | "user";

export type Principal =
  | { kind: "wildcard" }
  | { kind: "service"; service: string }
  | { kind: "account-id"; account: string }
  | { kind: "iam"; resource: IamResource; partition: string; account: string }
  | { kind: "federated" }
  | { kind: "canonical-user" }
  /**
   * An IAM group: an identity policies attach to, never a principal a policy can name (IAM guide
   * "reference_policies_elements_principal": "You cannot identify a user group as a principal").
   */
  | { kind: "iam-group"; partition: string; account: string }
  /** A well-formed ARN that is not an IAM root, role, user or group (e.g. an STS session). */
  | { kind: "other-arn"; partition: string; account: string }
  | { kind: "malformed" };

// The service principal form the brief fixes; `.com.cn` is the China partition's suffix.
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
// Web identity providers are trusted with sts:AssumeRoleWithWebIdentity, never sts:AssumeRole.
const WEB_IDENTITY_PROVIDERS = new Set([
  "cognito-identity.amazonaws.com",
  "accounts.google.com",
  "graph.facebook.com",
  "www.amazon.com",
  "appleid.apple.com",
]);
// S3 canonical user ids are 64 hex characters.
const CANONICAL_USER = /^[0-9a-f]{64}$/;
const ARN = /^arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]+):([a-z0-9-]*):([0-9]{12}):(.+)$/;
// IAM names: [\w+=,.@-], at most 64 characters (groups 128); paths are "/" or "/segment/.../".
const IAM_ROLE_OR_USER = /^(role|user)\/(?:[!-~]*\/)?[\w+=,.@-]{1,64}$/;
const IAM_GROUP = /^group\/(?:[!-~]*\/)?[\w+=,.@-]{1,128}$/;

export function classifyPrincipal(text: string): Principal {
  if (text.includes("*")) return { kind: "wildcard" };
  if (/^[0-9]{12}$/.test(text)) return { kind: "account-id", account: text };
  if (WEB_IDENTITY_PROVIDERS.has(text)) return { kind: "federated" };
  if (SERVICE_PRINCIPAL.test(text)) return { kind: "service", service: text };
  if (CANONICAL_USER.test(text)) return { kind: "canonical-user" };
  const arn = ARN.exec(text);
  if (!arn) return { kind: "malformed" };
  const [, partition, service, region, account, resource] = arn;
  if (service === "iam" && region === "") {
    if (resource === "root") return { kind: "iam", resource: "root", partition, account };
    if (IAM_ROLE_OR_USER.test(resource)) {
      return { kind: "iam", resource: resource.startsWith("role/") ? "role" : "user", partition, account };
    }
    if (IAM_GROUP.test(resource)) return { kind: "iam-group", partition, account };
    if (/^(saml-provider|oidc-provider)\//.test(resource)) return { kind: "federated" };
  }
  return { kind: "other-arn", partition, account };
}

/** `arn:P:iam::ACCOUNT:role/NAME` for examples in hints. */
export function exampleRoleArn(partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:role/NAME`;
}
