/**
 * No name from the spec can make kgen write outside the output folder. Every place a spec names
 * something (the module, account aliases and ids, keys, aliases, streams, parties, applications,
 * shares, tags) gets each hostile name: `../`, `/`, absolute paths, NUL, Windows paths, encoded
 * dots, look-alike slashes, kgen's own manifest name. Each is refused by validation (exit 1) or
 * generated (exit 0), and either way every file written is inside `--out`, in a module folder
 * named after the module.
 *
 * Runs in-process through the CLI's entry point, from a scratch working directory, so that a
 * write relative to the working directory would show up too.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { Document, parse, stringify } from "yaml";
import { MODULE_TEST_FILE } from "../../src/render/module-tests";
import { run } from "../../src/cli/main";
import type { Console } from "../../src/cli/report";
import { writeModules } from "../../src/output/write";
import { exampleFiles, readExample } from "../support/examples";

type Spec = { [key: string]: unknown };
type Section = { [name: string]: unknown };

const CANARY = join(tmpdir(), `kgen-canary-${process.pid}`);
const HOSTILE = [
  "../escaped",
  "..",
  ".",
  "a/b",
  "a\\b",
  `${CANARY}/x`,
  "/etc/passwd",
  "C:\\Windows\\x",
  "nul\0byte",
  "%2e%2e%2fescaped",
  "..\u2215escaped",
  ".kgen-manifest.json",
  "-rf",
  "x".repeat(300),
];

/** trade-sharing.yaml: a key, an alias, two streams, a producer, a consumer, shares to two accounts. */
function baseSpec(): Spec {
  const file = exampleFiles().find((path) => path.endsWith("trade-sharing.yaml"));
  return parse(readExample(file ?? "")) as Spec;
}

function section(spec: Spec, name: string): Section {
  return spec[name] as Section;
}

/** Renames an entry of a section, keeping its place in the spec; `references` follows the rename. */
function rename(spec: Spec, sectionName: string, from: string, to: string, references: (spec: Spec, to: string) => void = () => {}): void {
  const entries = section(spec, sectionName);
  spec[sectionName] = Object.fromEntries(Object.entries(entries).map(([name, value]) => [name === from ? to : name, value]));
  references(spec, to);
}

const PLACES: Record<string, (spec: Spec, name: string) => void> = {
  "module name": (spec, name) => void (spec.name = name),
  "account alias": (spec, name) =>
    rename(spec, "accounts", "analytics", name, (s, to) => {
      for (const share of Object.values(section(s, "shares")) as Section[]) if (share.account === "analytics") share.account = to;
    }),
  "share account": (spec, name) => void ((section(spec, "shares")["partner-quotes"] as Section).account = name),
  "share name": (spec, name) => rename(spec, "shares", "analytics-live", name),
  "key name": (spec, name) =>
    rename(spec, "keys", "market", name, (s, to) => {
      for (const stream of Object.values(section(s, "streams")) as Section[]) stream.encryption = to;
    }),
  "key alias": (spec, name) => void ((section(spec, "keys").market as Section).alias = name),
  "stream name": (spec, name) =>
    rename(spec, "streams", "Trades", name, (s, to) => {
      for (const party of [...Object.values(section(s, "producers")), ...Object.values(section(s, "shares"))] as Section[]) {
        party.streams = (party.streams as string[]).map((stream) => (stream === "Trades" ? to : stream));
      }
    }),
  "producer name": (spec, name) => rename(spec, "producers", "trade-feed", name),
  "consumer name": (spec, name) => rename(spec, "consumers", "quote-auditor", name),
  "KCL application": (spec, name) => {
    section(spec, "consumers")["quote-auditor"] = { streams: ["Quotes"], via: "kcl", application: name, role: { assumed_by: ["ec2.amazonaws.com"] } };
  },
  "tag key": (spec, name) => void (spec.tags = { [name]: "x" }),
  "tag value": (spec, name) => void (spec.tags = { team: name }),
};

let root: string;
let previousDirectory: string;

/** Every path under a folder, files with their content; folders end with the separator. */
function tree(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) {
        found.set(relative(root, path) + sep, "");
        walk(path);
      } else {
        found.set(relative(root, path), readFileSync(path, "utf8"));
      }
    }
  };
  walk(dir);
  return found;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "kgen-hostile-"));
  previousDirectory = process.cwd();
  process.chdir(root);
});

afterAll(() => {
  process.chdir(previousDirectory);
  rmSync(root, { recursive: true, force: true });
});

const cases = Object.keys(PLACES).flatMap((place) => HOSTILE.map((name) => [place, name] as const));

test.each(cases)("%s %j: refused, or contained in --out", async (place, name) => {
  const work = join(root, "work");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "sibling"), { recursive: true });
  writeFileSync(join(work, "sibling", "keep.txt"), "untouched\n");
  const spec = baseSpec();
  PLACES[place](spec, name);
  const specFile = join(work, "spec.yaml");
  writeFileSync(specFile, stringify(spec));
  const out = join(work, "deep", "out");
  const before = tree(root);

  const printed: string[] = [];
  const io: Console = { out: (line) => printed.push(line), err: (line) => printed.push(line) };
  const code = await run(["synth", specFile, "--out", out], io, {});

  expect({ refusedOrWritten: code === 0 || code === 1, printed: printed.join("\n") }).toEqual({
    refusedOrWritten: true,
    printed: expect.not.stringContaining("internal error"),
  });
  const after = tree(root);
  const added = [...after.keys()].filter((path) => !before.has(path));
  const changed = [...before.keys()].filter((path) => after.get(path) !== before.get(path));
  // Everything new is the output folder or under it, in a module folder of this spec's name.
  const outRelative = relative(root, out);
  const outside = added.filter(
    (path) => !(path === join("work", "deep") + sep || path === outRelative + sep || path.startsWith(outRelative + sep)),
  );
  expect(outside).toEqual([]);
  expect(changed).toEqual([]);
  for (const path of added.filter((p) => p.startsWith(outRelative + sep) && p !== outRelative + sep)) {
    const [moduleFolder, file, ...deeper] = path.slice(outRelative.length + 1).split(sep);
    expect(moduleFolder.startsWith(String(spec.name))).toBe(true);
    // Only the generated test sits deeper, in the one subfolder kgen writes: no name moves it.
    const inSubfolder = deeper.filter((part) => part !== "");
    if (inSubfolder.length > 0) expect([file, ...inSubfolder].join("/")).toBe(MODULE_TEST_FILE);
    expect(file === undefined || !file.includes("\0")).toBe(true);
  }
  if (code === 1) expect(added).toEqual([]);
  expect(existsSync(CANARY)).toBe(false);
});

// Validation keeps such names out; the writer refuses them on its own as well.
describe("writeModules, given a name that is not a plain folder or file name", () => {
  test.each(["../escaped", "..", ".", "", "a/b", "a\\b", "/abs", "nul\0byte"])("module %j: throws, writes nothing", (name) => {
    const out = join(root, "direct", "out");
    rmSync(join(root, "direct"), { recursive: true, force: true });
    mkdirSync(join(root, "direct"));
    const files = new Map([["main.tf", "# x\n"]]);
    expect(() => writeModules(out, [{ name: "fine", spec: "fine", files }, { name, spec: "fine", files }])).toThrow(/not a plain folder name/);
    expect(readdirSync(join(root, "direct"))).toEqual([]);
  });

  // A file in a subfolder (`tests/kgen.tftest.hcl`) is a module file too; nothing may leave the folder.
  test.each(["../escaped.tf", "a/../../b.tf", "/abs.tf", "a//b.tf", "a\\b.tf", "tests/", "..", ".kgen-manifest.json", "x\0.tf"])("file %j: throws, writes nothing", (file) => {
    const out = join(root, "direct", "out");
    rmSync(join(root, "direct"), { recursive: true, force: true });
    mkdirSync(join(root, "direct"));
    expect(() => writeModules(out, [{ name: "fine", spec: "fine", files: new Map([["main.tf", "# x\n"], [file, "# x\n"]]) }])).toThrow(/not a plain file path inside the module folder/);
    expect(readdirSync(join(root, "direct"))).toEqual([]);
  });
});

/**
 * Names that are Object.prototype's own, and names whose derived identifiers meet, in every place
 * the spec takes a name or a field. Each used to end in exit 4 with a stack trace, or (a tag key
 * `__proto__`) in a module silently missing what the spec said.
 */
describe("prototype names and identifiers that meet: a located error or a module, never exit 4", () => {
  const PROTOTYPE_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

  async function runSynth(spec: Spec | string): Promise<{ code: number; printed: string; out: string }> {
    const work = mkdtempSync(join(root, "proto-"));
    const specFile = join(work, "spec.yaml");
    writeFileSync(specFile, typeof spec === "string" ? spec : stringify(spec));
    const printed: string[] = [];
    const io: Console = { out: (line) => printed.push(line), err: (line) => printed.push(line) };
    const out = join(work, "out");
    const code = await run(["synth", specFile, "--out", out], io, {});
    return { code, printed: printed.join("\n"), out };
  }

  // Paths in the YAML document, so that `__proto__` is written as a key like any other.
  const FIELD_PLACES: Record<string, string[]> = {
    "the spec": [],
    owner: ["owner"],
    "a key": ["keys", "market"],
    "a stream": ["streams", "Trades"],
    "a share": ["shares", "partner-quotes"],
  };
  const fieldCases = Object.keys(FIELD_PLACES).flatMap((place) => PROTOTYPE_NAMES.map((field) => [place, field] as const));

  test.each(fieldCases)("a field of %s named %s is an unknown key (KG1010)", async (place, field) => {
    const document = new Document(baseSpec());
    document.setIn([...FIELD_PLACES[place], field], 1);
    const { code, printed } = await runSynth(document.toString());
    expect({ code, printed }).toEqual({ code: 1, printed: expect.stringMatching(new RegExp(`error KG1010 [^\\n]*unknown key "${field}"`)) });
  });

  test.each(PROTOTYPE_NAMES.filter((name) => name !== "__proto__"))("tag key %s is kept", async (name) => {
    const spec = baseSpec();
    spec.tags = { [name]: "x" };
    const { code, out } = await runSynth(spec);
    expect(code).toBe(0);
    expect(readFileSync(join(out, String(spec.name), "streams.tf"), "utf8")).toContain(`${name} = "x"`);
  });

  test("tag key __proto__ is refused, never dropped", async () => {
    const spec = baseSpec();
    spec.tags = JSON.parse('{"__proto__": "x"}') as Section;
    const { code, printed } = await runSynth(spec);
    expect({ code, printed }).toEqual({ code: 1, printed: expect.stringContaining('error KG1014 tags.__proto__: invalid tag key "__proto__"') });
  });

  test("stream administrators role/a-b and role/a_b each get their own policy", async () => {
    const spec = baseSpec();
    (section(spec, "streams").Trades as Section).administrators = ["arn:aws:iam::123456789012:role/a-b", "arn:aws:iam::123456789012:role/a_b"];
    const { code, out } = await runSynth(spec);
    expect(code).toBe(0);
    const iam = readFileSync(join(out, String(spec.name), "iam.tf"), "utf8");
    expect(iam.match(/role += "a-b"/g)?.length).toBe(1);
    expect(iam.match(/role += "a_b"/g)?.length).toBe(1);
  });

  test("share principals role/a-b and role/a_b each get their policy attached", async () => {
    const spec = baseSpec();
    const share = section(spec, "shares")["partner-quotes"] as Section;
    share.principals = ["arn:aws:iam::444455556666:role/a-b", "arn:aws:iam::444455556666:role/a_b"];
    const { code, printed, out } = await runSynth(spec);
    expect({ code, printed }).toEqual({ code: 0, printed: expect.anything() });
    const companion = readdirSync(out).find((folder) => folder !== spec.name && readdirSync(join(out, folder)).includes("iam.tf") && readFileSync(join(out, folder, "iam.tf"), "utf8").includes('"a-b"'));
    expect(companion).toBeDefined();
    const iam = readFileSync(join(out, companion ?? "", "iam.tf"), "utf8");
    expect(iam.match(/aws_iam_role_policy_attachment/g)?.length).toBe(2);
  });

  // IAM reads `${` in a policy as a policy variable: as an administrator of a key-encrypted stream,
  // a trusted principal or a share principal it ended in exit 4 (the evaluator refused it).
  const POLICY_VARIABLE_PLACES: Record<string, (spec: Spec) => void> = {
    "a stream administrator of a CMK stream": (spec) => {
      (section(spec, "streams").Trades as Section).administrators = ["arn:aws:iam::123456789012:role/x${uuid()}/A"];
    },
    "a trusted principal": (spec) => {
      (section(spec, "producers")["trade-feed"] as Section).role = { assumed_by: ["arn:aws:iam::123456789012:role/a${b}/c"] };
    },
    "a share principal": (spec) => {
      (section(spec, "shares")["partner-quotes"] as Section).principals = ["arn:aws:iam::444455556666:role/q${x}/R"];
    },
  };
  test.each(Object.keys(POLICY_VARIABLE_PLACES))("${ in the ARN of %s: KG2033", async (place) => {
    const spec = baseSpec();
    POLICY_VARIABLE_PLACES[place](spec);
    const { code, printed } = await runSynth(spec);
    expect({ code, printed }).toEqual({ code: 1, printed: expect.stringContaining("error KG2033") });
  });

  test("a data stream cam_video and a video stream cam would give one output: KG2004", async () => {
    const spec = baseSpec();
    const streams = section(spec, "streams");
    streams.cam_video = {};
    streams.cam = { type: "video" };
    const { code, printed } = await runSynth(spec);
    expect({ code, printed }).toEqual({ code: 1, printed: expect.stringContaining('error KG2004 streams.cam_video: streams.cam_video and streams.cam would both give the module output "cam_video_stream_arn"') });
  });
});
