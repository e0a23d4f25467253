/**
 * `kgen export-policies` as a user runs it: a policy folder per spec under --out, written through
 * kgen's output writer (all or nothing, only files it wrote ever replaced or removed), --check as
 * a CI gate, and the refusals: an invalid spec, two specs of one name, and a folder synth wrote.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { parse, stringify } from "yaml";
import { run } from "../../src/cli/main";
import type { Console } from "../../src/cli/report";
import { resolveModel } from "../../src/model/resolve";
import { policyBundle } from "../../src/verify/bundle";
import { specOf } from "../verify/bundle-world";
import { EXAMPLES_DIR, exampleFiles } from "../support/examples";

let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "kgen-export-"));
  cpSync(EXAMPLES_DIR, join(work, "examples"), { recursive: true });
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

/** kgen in-process; spec and folder names are under the test's folder, and the output folder too unless given. */
async function kgen(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  if (args[0] === "export-policies" && args.length > 1 && !args.includes("--out")) args = [...args, "--out", "policies"];
  const out: string[] = [];
  const err: string[] = [];
  const io: Console = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await run(args.map((arg) => (arg.startsWith("-") ? arg : arg.replace(/^(examples|policies|modules|specs)\b/, `${work}/$1`))), io, {});
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Every file under a folder, with its content. */
function tree(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else found[relative(dir, path).split(sep).join("/")] = readFileSync(path, "utf8");
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

test("a policy folder per spec, exactly the bundle and kgen's manifest; --check then passes", async () => {
  const written = await kgen("export-policies", ...exampleFiles().map((file) => `examples/${file.split("/").pop() ?? ""}`));
  expect(written.err.split("\n").filter((line) => line !== "" && !line.includes("warning KG2010"))).toEqual([]);
  expect(written.code).toBe(0);
  const folders = readdirSync(join(work, "policies")).sort();
  expect(folders).toEqual(["clickstream", "kds-tutorial", "order-sharing", "shared-key", "stock-trades", "store-cameras", "trade-sharing"]);
  for (const name of folders) {
    const bundle = policyBundle(resolveModel(specOf(join(EXAMPLES_DIR, `${name}.yaml`))));
    const files = tree(join(work, "policies", name));
    expect(JSON.parse(files[".kgen-manifest.json"])).toEqual({ spec: name, files: [...bundle.files.keys()].sort() });
    delete files[".kgen-manifest.json"];
    expect(files).toEqual(Object.fromEntries(bundle.files));
  }
  expect((await kgen("export-policies", "--check", "examples/trade-sharing.yaml")).code).toBe(0);
});

test("--check exits 3 on a hand-edited, missing or stale policy file, and writes nothing", async () => {
  await kgen("export-policies", "examples/trade-sharing.yaml");
  const folder = join(work, "policies", "trade-sharing");
  const reference = join(folder, "reference.party.producer.json");
  writeFileSync(reference, readFileSync(reference, "utf8").replace("kinesis:PutRecords", "kinesis:*"));
  rmSync(join(folder, "deny.reader.json"));
  const before = tree(folder);
  const checked = await kgen("export-policies", "--check", "examples/trade-sharing.yaml");
  expect(checked.code).toBe(3);
  expect(checked.err).toContain(`${reference}: differs at line`);
  expect(checked.err).toContain(`${join(folder, "deny.reader.json")}: missing`);
  expect(checked.err).toContain("run `kgen export-policies` and commit the result");
  expect(tree(folder)).toEqual(before);
});

test("a spec change removes the policies kgen wrote for what left the spec, and keeps a file of yours", async () => {
  await kgen("export-policies", "examples/trade-sharing.yaml");
  const folder = join(work, "policies", "trade-sharing");
  writeFileSync(join(folder, "notes.md"), "mine\n");
  const spec = parse(readFileSync(join(work, "examples", "trade-sharing.yaml"), "utf8")) as { consumers: Record<string, unknown> };
  delete spec.consumers["quote-auditor"];
  writeFileSync(join(work, "examples", "trade-sharing.yaml"), stringify(spec));
  const again = await kgen("export-policies", "examples/trade-sharing.yaml");
  expect(again.code).toBe(0);
  expect(again.err).toBe(`${folder}/notes.md: not written by kgen; kept`);
  expect(existsSync(join(folder, "policy.trade-sharing.aws_iam_role_policy.quote_auditor.json"))).toBe(false);
  expect(existsSync(join(folder, "policy.trade-sharing.aws_iam_role.quote_auditor.json"))).toBe(false);
  expect(readFileSync(join(folder, "notes.md"), "utf8")).toBe("mine\n");
  expect(existsSync(join(folder, "policy.trade-sharing.aws_iam_role_policy.trade_feed.json"))).toBe(true);
});

test("pointed at the modules synth wrote, it refuses (exit 2) and changes nothing", async () => {
  expect((await kgen("synth", "examples/stock-trades.yaml", "--out", "modules")).code).toBe(0);
  const before = tree(join(work, "modules"));
  const refused = await kgen("export-policies", "examples/stock-trades.yaml", "--out", "modules");
  expect(refused.code).toBe(2);
  expect(refused.err).toContain(`${join(work, "modules", "stock-trades")} holds what kgen synth wrote`);
  expect(refused.err).toContain("give export-policies an --out folder of its own");
  expect(tree(join(work, "modules"))).toEqual(before);
});

test("an invalid spec, or two specs of one name, write nothing (exit 1)", async () => {
  writeFileSync(join(work, "examples", "bad.yaml"), "version: 1\nname: bad\nowner: {account: '123', region: us-west-2}\n");
  const invalid = await kgen("export-policies", "examples/stock-trades.yaml", "examples/bad.yaml");
  expect(invalid.code).toBe(1);
  expect(invalid.err).toMatch(/bad\.yaml:3:\d+ error KG\d{4} owner\.account/);
  const twin = readFileSync(join(work, "examples", "clickstream.yaml"), "utf8").replace(/^name: clickstream$/m, "name: stock-trades");
  writeFileSync(join(work, "examples", "twin.yaml"), twin);
  const clash = await kgen("export-policies", "examples/stock-trades.yaml", "examples/twin.yaml");
  expect(clash.code).toBe(1);
  expect(clash.err).toContain("KG2030");
  expect(existsSync(join(work, "policies"))).toBe(false);
  expect((await kgen("export-policies")).code).toBe(2);
  expect((await kgen("export-policies", "examples/stock-trades.yaml", "--check=yes")).code).toBe(2);
});

test("names at the spec's limits give file names a file system takes, all inside --out", async () => {
  const spec = parse(readFileSync(join(work, "examples", "trade-sharing.yaml"), "utf8")) as Record<string, Record<string, Record<string, unknown>>>;
  const stream = `Trades.${"x".repeat(121)}`;
  const share = `share-${"y".repeat(58)}`;
  spec.streams = { [stream]: { encryption: "market" } };
  spec.producers = { "trade-feed": { streams: [stream], role: { assumed_by: ["ecs-tasks.amazonaws.com"] } } };
  spec.consumers = {};
  spec.shares = { [share]: { account: "analytics", streams: [stream], access: "fan-out" } };
  writeFileSync(join(work, "examples", "long.yaml"), stringify(spec));
  const written = await kgen("export-policies", "examples/long.yaml", "--out", "policies");
  expect(written.err).toBe("");
  expect(written.code).toBe(0);
  const files = Object.keys(tree(join(work, "policies")));
  expect(files.every((file) => file.startsWith("trade-sharing/") && file.split("/")[1].length <= 150)).toBe(true);
  expect(files.some((file) => /aws_kinesis_resource_policy\.trades_x+-[0-9a-f]{12}\.json$/.test(file))).toBe(true);
});

test("on a terminal it says what it wrote; with --format json, stdout holds the diagnostics array alone", async () => {
  const lines = { out: [] as string[], err: [] as string[] };
  const io: Console = { out: (line) => lines.out.push(line), err: (line) => lines.err.push(line), interactive: true };
  const out = join(work, "policies");
  expect(await run(["export-policies", join(work, "examples", "order-sharing.yaml"), "--out", out], io, {})).toBe(0);
  expect(lines.out).toEqual([`${join(out, "order-sharing")}: 9 policies, 28 reference policies, 4 deny lists; 44 written, 0 unchanged, 0 removed`]);
  lines.out.length = 0;
  expect(await run(["export-policies", join(work, "examples", "order-sharing.yaml"), "--out", out, "--format", "json"], io, {})).toBe(0);
  expect(JSON.parse(lines.out.join("\n"))).toEqual([]);
  expect(lines.err).toEqual([`${join(out, "order-sharing")}: 9 policies, 28 reference policies, 4 deny lists; 0 written, 44 unchanged, 0 removed`]);
});
