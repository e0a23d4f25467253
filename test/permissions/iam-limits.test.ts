/**
 * IAM limits kgen checks at synth, before writing a module AWS would reject at apply time
 * (IAM quotas, "reference_iam-quotas"; CreateRole/CreatePolicy `Description`).
 */
import { compileSpec } from "../../src/compile";
import { DESCRIPTION_MAX_CHARS, TRUST_POLICY_MAX_CHARS } from "../../src/permissions/limits";

const HEADER = `version: 1
name: limits
owner: {account: "123456789012", region: us-east-1}
`;

/** n streams with names of `length` characters. */
function streams(n: number, length: number): string[] {
  return Array.from({ length: n }, (_, i) => `s${String(i).padStart(3, "0")}`.padEnd(length, "x"));
}

async function problems(text: string): Promise<string[]> {
  const { diagnostics, modules } = await compileSpec("limits.yaml", text);
  const errors = diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.path}: ${d.message}`);
  expect(modules.length > 0).toBe(errors.length === 0);
  return errors;
}

test("a consumer of 22 long-named streams: its role's description is over 1,000 characters (KG3002)", async () => {
  const names = streams(22, 45);
  const text = `${HEADER}streams:\n${names.map((n) => `  ${n}: {}`).join("\n")}\nconsumers:\n  c: {streams: [${names.join(", ")}], role: {assumed_by: [ec2.amazonaws.com]}}\n`;
  expect(await problems(text)).toEqual([expect.stringMatching(new RegExp(`^KG3002 consumers\\.c: the role's description would be 10\\d\\d characters; IAM allows ${DESCRIPTION_MAX_CHARS}$`))]);
  // 20 of them fit.
  const fewer = streams(20, 45);
  expect(await problems(`${HEADER}streams:\n${fewer.map((n) => `  ${n}: {}`).join("\n")}\nconsumers:\n  c: {streams: [${fewer.join(", ")}], role: {assumed_by: [ec2.amazonaws.com]}}\n`)).toEqual([]);
});

// An IAM policy's description cannot change in place (state/force-new.ts), so an administrator's
// and a share's policy descriptions name no streams: however many there are, they stay short.
test("a stream administrator or a share of 1,000 characters of streams keeps a short policy description", async () => {
  const names = streams(22, 45);
  const admin = "arn:aws:iam::999999999999:role/Admin";
  expect(await problems(`${HEADER}streams:\n${names.map((n) => `  ${n}: {administrators: ["${admin}"]}`).join("\n")}\n`)).toEqual([]);
  const shared = `${HEADER}keys: {k: {}}\naccounts: {partner: "111122223333"}\nstreams:\n${names.map((n) => `  ${n}: {encryption: k}`).join("\n")}\nshares:\n  sh: {account: partner, access: read, streams: [${names.join(", ")}]}\n`;
  expect(await problems(shared)).toEqual([]);
});

test("a role trusting 50 roles: its trust policy is over the default 2,048 characters (KG3001)", async () => {
  const trusted = Array.from({ length: 50 }, (_, i) => `"arn:aws:iam::444455556666:role/trusted-${i}"`);
  const text = `${HEADER}streams: {s: {}}\nproducers:\n  p: {streams: [s], role: {assumed_by: [${trusted.join(", ")}]}}\n`;
  expect(await problems(text)).toEqual([expect.stringMatching(new RegExp(`^KG3001 producers\\.p\\.role\\.assumed_by: the role's trust policy would be \\d+ characters; IAM allows ${TRUST_POLICY_MAX_CHARS} \\(the default quota\\)$`))]);
  // 30 fit.
  expect(await problems(`${HEADER}streams: {s: {}}\nproducers:\n  p: {streams: [s], role: {assumed_by: [${trusted.slice(0, 30).join(", ")}]}}\n`)).toEqual([]);
});
