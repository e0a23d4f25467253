/**
 * check.sh, the script form of the checks, run with bash and jq against a fake `aws` on PATH that
 * records every call and answers as Access Analyzer would (PASS, FAIL, findings, or an error): the
 * calls it makes for each policy of the manifest, and its exit codes. No test calls AWS.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveModel } from "../../src/model/resolve";
import { policyBundle } from "../../src/verify/bundle";
import { EXAMPLES_DIR } from "../support/examples";
import { specOf, type Manifest } from "./bundle-world";

const FAKE_AWS = `#!/usr/bin/env bash
# Records the call, then answers as IAM Access Analyzer would.
( IFS=$'\\x1f'; printf '%s\\n' "$*" ) >> "$FAKE_AWS_LOG"
if [ -n "\${FAKE_AWS_EXIT:-}" ]; then
  echo "An error occurred (AccessDeniedException) when calling the $2 operation: not allowed" >&2
  exit "$FAKE_AWS_EXIT"
fi
none='{"findings": []}'
case $2 in
  validate-policy) printf '%s\\n' "\${FAKE_AWS_FINDINGS:-$none}" ;;
  *)
    if [ -n "\${FAKE_AWS_FAIL:-}" ] && [[ "$*" == *"$FAKE_AWS_FAIL"* ]]; then
      echo '{"result": "FAIL", "message": "The policy grants new access.", "reasons": [{"description": "New access in the statement", "statementIndex": 0, "statementId": "Streams"}]}'
    else
      echo '{"result": "PASS", "message": "No new access."}'
    fi
    ;;
esac
`;

/** bash itself, found once: some runs below have a PATH without it. */
const BASH = spawnSync("bash", ["-c", "command -v bash"], { encoding: "utf8" }).stdout.trim();

let work: string;
let bundle: string;
let bin: string;
let manifest: Manifest;

function writeBundle(specFile: string, dir: string): Manifest {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of policyBundle(resolveModel(specOf(specFile))).files) writeFileSync(join(dir, name), content);
  return JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-check-"));
  bundle = join(work, "policies", "trade-sharing");
  manifest = writeBundle(join(EXAMPLES_DIR, "trade-sharing.yaml"), bundle);
  bin = join(work, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "aws"), FAKE_AWS);
  chmodSync(join(bin, "aws"), 0o755);
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Each aws call, its arguments. */
  calls: string[][];
}

function check(args: string[], env: Record<string, string> = {}, path = `${bin}:${process.env.PATH ?? ""}`): Run {
  const log = join(work, "aws.log");
  rmSync(log, { force: true });
  const result = spawnSync(BASH, [join(bundle, "check.sh"), ...args], {
    cwd: work,
    encoding: "utf8",
    env: { PATH: path, HOME: work, FAKE_AWS_LOG: log, ...env },
  });
  const calls = existsSync(log) ? readFileSync(log, "utf8").trimEnd().split("\n").filter((l) => l !== "").map((line) => line.split("\x1f")) : [];
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, calls };
}

/** What the manifest asks for, as the AWS CLI takes it (AWS CLI reference, `aws accessanalyzer`). */
function expectedCalls(policies: string, trusted: string): string[][] {
  return manifest.policies.flatMap((policy) => {
    const document = `file://${policies}/${policy.file}`;
    const calls = [
      [
        "accessanalyzer", "validate-policy", "--policy-document", document, "--policy-type", policy.policyType,
        ...(policy.validationResourceType === null ? [] : ["--validate-policy-resource-type", policy.validationResourceType]),
        "--output", "json",
      ],
      [
        "accessanalyzer", "check-no-new-access", "--new-policy-document", document,
        "--existing-policy-document", `file://${trusted}/${policy.reference}`, "--policy-type", policy.policyType, "--output", "json",
      ],
      ...policy.denyLists.map((list) => [
        "accessanalyzer", "check-access-not-granted", "--policy-document", document,
        "--access", `file://${trusted}/${list}`, "--policy-type", policy.policyType, "--output", "json",
      ]),
    ];
    if (policy.publicAccessResourceType !== null) {
      calls.push(["accessanalyzer", "check-no-public-access", "--policy-document", document, "--resource-type", policy.publicAccessResourceType, "--output", "json"]);
    }
    return calls;
  });
}

test("every check passes: exit 0, one call per check of each policy, as the manifest lists them", () => {
  const run = check([]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.calls).toEqual(expectedCalls(bundle, bundle));
  expect(run.stdout).toContain(`trade-sharing: ${run.calls.length} checks, ${run.calls.length} passed, 0 failed`);
  expect(run.stdout).toMatch(/^PASS {2}check-no-public-access {4}trade-sharing aws_kms_key_policy\.market \(AWS::KMS::Key\)$/m);
}, 120_000); // about forty calls of a fake aws and jq: seconds alone, more on a busy runner

/** Keeps the policies at these addresses only: each test below needs a few, and each call takes a process or two. */
function keepOnly(...addresses: string[]): void {
  manifest = { ...manifest, policies: manifest.policies.filter((policy) => addresses.includes(policy.address)) };
  expect(manifest.policies).toHaveLength(addresses.length);
  writeFileSync(join(bundle, "manifest.json"), JSON.stringify(manifest));
}

test("the bundle named as an argument, relative to the working directory, is the one checked", () => {
  keepOnly("aws_kms_key_policy.market");
  const run = check(["policies/trade-sharing"]);
  expect(run.code).toBe(0);
  expect(run.calls).toEqual(expectedCalls("policies/trade-sharing", "policies/trade-sharing"));
});

test("a FAIL fails the run (exit 1) after every check, with Access Analyzer's message and reasons, and an annotation on GitHub", () => {
  keepOnly("aws_iam_role_policy.trade_feed", "aws_iam_policy.partner_quotes", "aws_iam_policy.analytics_read");
  const run = check([], { FAKE_AWS_FAIL: "deny.writer.json", GITHUB_ACTIONS: "true" });
  expect(run.code).toBe(1);
  expect(run.calls).toHaveLength(expectedCalls(bundle, bundle).length);
  const writers = manifest.policies.filter((p) => p.denyLists.includes("deny.writer.json"));
  expect(writers.length).toBeGreaterThan(0);
  expect(run.stdout).toMatch(/^FAIL {2}check-access-not-granted {2}trade-sharing aws_iam_role_policy\.trade_feed \(deny\.writer\.json\)$/m);
  expect(run.stdout).toContain("      The policy grants new access.\n      statement 0 (Streams): New access in the statement");
  expect(run.stdout).toContain("::error title=IAM Access Analyzer::check-access-not-granted failed for trade-sharing aws_iam_role_policy.trade_feed (deny.writer.json): The policy grants new access.%0Astatement 0");
  expect(run.stdout).toContain(`${writers.length} failed`);
});

test("validate-policy: an ERROR or SECURITY_WARNING fails the run, a SUGGESTION is only shown", () => {
  keepOnly("aws_iam_role.quote_auditor");
  const finding = (type: string) => JSON.stringify({ findings: [{ findingType: type, issueCode: "EXAMPLE_CODE", findingDetails: "what Access Analyzer says", learnMoreLink: "https://example.com", locations: [] }] });
  for (const type of ["ERROR", "SECURITY_WARNING"]) {
    const run = check([], { FAKE_AWS_FINDINGS: finding(type) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FAIL  validate-policy           trade-sharing aws_iam_role.quote_auditor\n      ${type} EXAMPLE_CODE: what Access Analyzer says`);
  }
  const suggestion = check([], { FAKE_AWS_FINDINGS: finding("SUGGESTION") });
  expect(suggestion.code).toBe(0);
  expect(suggestion.stdout).toContain("PASS  validate-policy           trade-sharing aws_iam_role.quote_auditor\n      SUGGESTION EXAMPLE_CODE: what Access Analyzer says");
});

test("an aws call that fails stops the run with exit 2 and shows aws's error", () => {
  const run = check([], { FAKE_AWS_EXIT: "254" });
  expect(run.code).toBe(2);
  expect(run.calls).toHaveLength(1);
  expect(run.stderr).toContain("aws accessanalyzer validate-policy exited 254");
  expect(run.stderr).toContain("AccessDeniedException");
});

test("--trusted takes the references and deny lists from the default branch's copy", () => {
  keepOnly("aws_iam_policy.analytics_live", "aws_kinesis_resource_policy.trades");
  const trusted = join(work, "base", "trade-sharing");
  cpSync(bundle, trusted, { recursive: true });
  const run = check(["--trusted", trusted]);
  expect(run.code).toBe(0);
  expect(run.calls).toEqual(expectedCalls(bundle, trusted));

  // A kind of policy the default branch has no reference for needs a review: it fails.
  rmSync(join(trusted, "reference.share.fan-out.json"));
  const missing = check(["--trusted", trusted]);
  expect(missing.code).toBe(1);
  expect(missing.stdout).toContain(`FAIL  check-no-new-access       trade-sharing-analytics aws_iam_policy.analytics_live\n      ${trusted} has no reference.share.fan-out.json`);

  // Another spec's folder is a mistake, not a check.
  const other = join(work, "base", "stock-trades");
  writeBundle(join(EXAMPLES_DIR, "stock-trades.yaml"), other);
  const wrong = check(["--trusted", other]);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain("holds the policies of another spec than trade-sharing");
  expect(wrong.calls).toEqual([]);
});

test("without the AWS CLI, with a manifest of another format, or with a wrong command line, nothing is checked: exit 2", () => {
  const tools = join(work, "tools");
  mkdirSync(tools);
  for (const tool of ["jq", "dirname", "mktemp", "rm", "cat"]) {
    const found = spawnSync(BASH, ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
    symlinkSync(found, join(tools, tool));
  }
  const noAws = check([], {}, tools);
  expect(noAws.code).toBe(2);
  expect(noAws.stderr).toContain("the AWS CLI is not installed");

  expect(check(["--trusted"]).code).toBe(2);
  expect(check(["--frobnicate"]).stderr).toContain("unknown option --frobnicate");
  expect(check([join(work, "nowhere")]).stderr).toContain("manifest.json not found");

  const text = readFileSync(join(bundle, "manifest.json"), "utf8");
  writeFileSync(join(bundle, "manifest.json"), text.replace('"format": 1', '"format": 2'));
  const future = check([]);
  expect(future.code).toBe(2);
  expect(future.stderr).toContain("has format 2; this script reads format 1");
  expect(future.calls).toEqual([]);
});
