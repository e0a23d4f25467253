/**
 * check.sh with the real AWS CLI, pointed at a local endpoint (AWS_ENDPOINT_URL) that answers as
 * IAM Access Analyzer would: the CLI itself accepts the parameter names, reads the `file://`
 * documents and serializes each request as the Access Analyzer service model says (REST-JSON, one
 * path per operation). Nothing leaves the machine: the endpoint is 127.0.0.1 and the credentials
 * are fake. Skipped, saying so, where no `aws` is installed.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveModel } from "../../src/model/resolve";
import { policyBundle } from "../../src/verify/bundle";
import { EXAMPLES_DIR } from "../support/examples";
import { specOf, type Manifest } from "./bundle-world";

const AWS = spawnSync("bash", ["-c", "command -v aws"], { encoding: "utf8" }).stdout.trim();
const describeWithCli = AWS === "" ? describe.skip : describe;
if (AWS === "") console.warn("test/verify/aws-cli.test.ts skipped: no AWS CLI (`aws`) on PATH");

/** The operation each request path is (Access Analyzer service model, `requestUri`). */
const OPERATIONS: Record<string, string> = {
  "/policy/validation": "ValidatePolicy",
  "/policy/check-no-new-access": "CheckNoNewAccess",
  "/policy/check-access-not-granted": "CheckAccessNotGranted",
  "/policy/check-no-public-access": "CheckNoPublicAccess",
};

interface Received {
  operation: string;
  body: Record<string, unknown>;
}

describeWithCli("check.sh with the AWS CLI", () => {
  let work: string;
  let server: Server;
  let received: Received[];
  let answer: (operation: string, body: Record<string, unknown>) => object;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let text = "";
      request.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      request.on("end", () => {
        const operation = OPERATIONS[(request.url ?? "").split("?")[0]] ?? `unknown ${request.method} ${request.url}`;
        const body = JSON.parse(text === "" ? "{}" : text) as Record<string, unknown>;
        received.push({ operation, body });
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(answer(operation, body)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });

  afterAll(
    () =>
      new Promise<void>((resolve) => {
        // The CLI keeps its connection alive: close it too, or the server waits for it.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "kgen-aws-cli-"));
    received = [];
    answer = (operation) => (operation === "ValidatePolicy" ? { findings: [] } : { result: "PASS", message: "No new access.", reasons: [] });
  });

  afterEach(() => rmSync(work, { recursive: true, force: true }));

  /**
   * trade-sharing's bundle, with two policies that between them make every kind of call with every
   * parameter: a trust policy (its own ValidatePolicy resource type) and a consumer's resource
   * policy (a deny list and a public access check). Each call of the CLI takes a second or more.
   */
  function bundle(): { dir: string; manifest: Manifest } {
    const dir = join(work, "trade-sharing");
    mkdirSync(dir);
    for (const [name, content] of policyBundle(resolveModel(specOf(join(EXAMPLES_DIR, "trade-sharing.yaml")))).files) writeFileSync(join(dir, name), content);
    const full = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
    const keep = ["aws_iam_role.trade_feed", "aws_kinesis_resource_policy.trades__analytics_live"];
    const manifest = { ...full, policies: full.policies.filter((policy) => keep.includes(policy.address)) };
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    return { dir, manifest };
  }

  function run(dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const { port } = server.address() as AddressInfo;
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: work,
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "fake",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_CONFIG_FILE: join(work, "no-config"),
      AWS_SHARED_CREDENTIALS_FILE: join(work, "no-credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_MAX_ATTEMPTS: "1",
      NO_PROXY: "127.0.0.1",
    };
    return new Promise((resolve) => {
      const child = spawn("bash", [join(dir, "check.sh")], { cwd: work, env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  test("each call reaches Access Analyzer as its API takes it, the documents as the bundle holds them, and a FAIL fails the run", async () => {
    const { dir, manifest } = bundle();
    answer = (operation, body) =>
      operation === "ValidatePolicy"
        ? { findings: [] }
        : operation === "CheckNoPublicAccess" && body.resourceType === "AWS::Kinesis::StreamConsumer"
          ? { result: "FAIL", message: "The resource policy grants public access for the given resource type.", reasons: [{ description: "Public access granted", statementIndex: 0, statementId: "ShareAnalyticsLive" }] }
          : { result: "PASS", message: "No new access.", reasons: [] };
    const result = await run(dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("FAIL  check-no-public-access    trade-sharing aws_kinesis_resource_policy.trades__analytics_live (AWS::Kinesis::StreamConsumer)");
    expect(result.stdout).toContain("statement 0 (ShareAnalyticsLive): Public access granted");
    expect(result.stdout).toContain("trade-sharing: 7 checks, 6 passed, 1 failed");
    const file = (name: string) => readFileSync(join(dir, name), "utf8");
    const expected: Received[] = manifest.policies.flatMap((policy) => {
      const document = file(policy.file);
      return [
        {
          operation: "ValidatePolicy",
          body: { policyDocument: document, policyType: policy.policyType, ...(policy.validationResourceType === null ? {} : { validatePolicyResourceType: policy.validationResourceType }) },
        },
        { operation: "CheckNoNewAccess", body: { newPolicyDocument: document, existingPolicyDocument: file(policy.reference), policyType: policy.policyType } },
        ...policy.denyLists.map((list) => ({
          operation: "CheckAccessNotGranted",
          body: { policyDocument: document, access: JSON.parse(file(list)) as unknown, policyType: policy.policyType },
        })),
        ...(policy.publicAccessResourceType === null ? [] : [{ operation: "CheckNoPublicAccess", body: { policyDocument: document, resourceType: policy.publicAccessResourceType } }]),
      ];
    });
    expect(received).toEqual(expected);
    expect(new Set(received.map((r) => r.operation))).toEqual(new Set(Object.values(OPERATIONS)));
  }, 180_000);
});
