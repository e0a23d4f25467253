/**
 * Specs whose every free-text and ARN field holds hostile but legal text: what HCL, Terraform
 * templates, JSON, Markdown and Mermaid treat specially. IAM paths may hold any printable ASCII
 * (CreateRole `Path`: "any ASCII character from the ! (\u0021) through the DEL character"), so
 * principal ARNs carry it all but `*` (a wildcard principal, refused) and `${` (a policy
 * variable, refused). Used by the HCL, Terraform and README property tests.
 */
import fc from "fast-check";
import { Document } from "yaml";

export const OWNER = "123456789012";
export const PARTNER = "111122223333";

const ASCII = Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i)).filter((c) => c !== "*" && c !== "/");
const TRICKY = ["%{", "%%{", "$$", "$", "{", "}", '"', "\\", "|", "`", "``", "<", ">", "&", "#", "[", "]", "(", ")", "_", "!", "<br>", "<!--", "-->", "&lt;", "#quot;", "::", "%25", "%0A"];

const pathSegment = fc.array(fc.oneof(fc.constantFrom(...ASCII), fc.constantFrom(...TRICKY)), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(""));
const iamPath = fc.array(pathSegment, { maxLength: 3 }).map((segments) => (segments.length === 0 ? "/" : `/${segments.join("/")}/`));
const iamName = fc.stringMatching(/^[\w+=,.@-]{1,16}$/);

/** A role or user ARN of `account` with a hostile path; never holding `${`. */
export function hostileArn(account: string, kind: "role" | "user" | "either" = "either"): fc.Arbitrary<string> {
  const resource = kind === "either" ? fc.constantFrom("role", "user") : fc.constant(kind);
  return fc
    .tuple(resource, iamPath, iamName)
    .map(([type, path, name]) => `arn:aws:iam::${account}:${type}${path}${name}`)
    .filter((arn) => !arn.includes("${"));
}

/**
 * Free text for a key description: templates, quotes, newlines, Markdown, non-ASCII, invisible but
 * legal characters. Only NFC text: HCL normalizes strings (KG1026 refuses the rest).
 */
export const hostileDescription = fc
  .array(
    fc.oneof(
      fc.constantFrom(...ASCII, " ", "/", "*"),
      fc.constantFrom(...TRICKY, "${", "${var.x}", "%{ if true }x%{ endif }", "$${", "\n", "\t", "\n::error::forged", "é", "😀", "\u00a0", "\u200b", "\ufeff", "流"),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""))
  .filter((text) => text.length <= 8192 && !text.includes("{TfToken[") && text === text.normalize("NFC"));

export interface HostileValues {
  description: string;
  keyAdministrators: string[];
  streamAdministrators: string[];
  trusted: string;
  existingRole: string;
  sharePrincipals: string[];
}

export const hostileValues: fc.Arbitrary<HostileValues> = fc.record({
  description: hostileDescription,
  keyAdministrators: fc.uniqueArray(hostileArn(OWNER), { minLength: 1, maxLength: 2 }),
  streamAdministrators: fc.uniqueArray(fc.oneof(hostileArn(OWNER), hostileArn("999999999999")), { minLength: 1, maxLength: 2 }),
  trusted: hostileArn("444455556666"),
  existingRole: hostileArn(OWNER, "role"),
  sharePrincipals: fc.uniqueArray(hostileArn(PARTNER), { minLength: 1, maxLength: 2 }),
});

/** Every hostile principal of the values. */
export function principalsOf(values: HostileValues): string[] {
  return [...values.keyAdministrators, ...values.streamAdministrators, values.trusted, values.existingRole, ...values.sharePrincipals];
}

/** A key, a stream, a producer, a consumer with an existing role and a fan-out share, each holding hostile text. */
export function hostileSpec(values: HostileValues): string {
  return new Document({
    version: 1,
    name: "hostile",
    owner: { account: OWNER, region: "us-west-2" },
    accounts: { partner: PARTNER },
    keys: { k: { description: values.description, administrators: values.keyAdministrators } },
    streams: { S: { encryption: "k", administrators: values.streamAdministrators } },
    producers: { p: { streams: ["S"], role: { assumed_by: [values.trusted] } } },
    consumers: { c: { streams: ["S"], role: { arn: values.existingRole } } },
    shares: { sh: { account: "partner", streams: ["S"], access: "fan-out", principals: values.sharePrincipals } },
  }).toString();
}
