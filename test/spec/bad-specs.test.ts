/**
 * The bad-spec corpus: each case is a spec a user could write, the one diagnostic it must
 * produce (code, spec path, line, column) and nothing else. Together the cases cover every code
 * in the CODES table, which the last test enforces.
 */
import { CODES, type DiagnosticCode, type Severity } from "../../src/spec/diagnostics";
import { validateSpec } from "../../src/spec/rules";
import { HEADER, yaml } from "./spec-text";

interface BadSpec {
  title: string;
  text: string;
  code: DiagnosticCode;
  path: string;
  line: number;
  column: number;
  severity?: Severity;
  /** Other codes the same text rightly produces as well. */
  also?: DiagnosticCode[];
}

const STREAM = HEADER + yaml`
  streams:
    Trades: {}
`;
const ROLE = "role: {assumed_by: [ec2.amazonaws.com]}";

const deepFlow = `version: 1\nname: ${"[".repeat(70)}${"]".repeat(70)}\n`;
const deepBlock = `version: 1\nname:\n  ${"- ".repeat(70)}x\n`;
// 70 maps, each indented one space more: too deep for the parsed document, not for one line.
const deepIndent =
  "version: 1\n" +
  Array.from({ length: 70 }, (_, depth) => `${" ".repeat(depth)}k${depth}:\n`).join("") +
  `${" ".repeat(70)}x\n`;
// 300 producers share one 1000-item stream list: small to write, 300,000 nodes to check.
const aliasBomb =
  STREAM +
  "producers:\n" +
  `  p0: {streams: &many [${Array(1000).fill("Trades").join(", ")}], role: {assumed_by: [ec2.amazonaws.com]}}\n` +
  Array.from({ length: 300 }, (_, index) => `  p${index + 1}: {streams: *many}\n`).join("");

const shapeCases: BadSpec[] = [
  // The unclosed list is noticed at the end of the file, inside its last item.
  {
    title: "YAML syntax error",
    text: "version: 1\nstreams: [a, b\n",
    code: "KG1001",
    path: "streams[1]",
    line: 3,
    column: 1,
  },
  {
    title: "duplicate key",
    text: STREAM + "  Trades: {}\n",
    code: "KG1002",
    path: "streams.Trades",
    line: 8,
    column: 3,
  },
  {
    title: "a number key and a string key with the same name",
    text: HEADER + 'streams:\n  2024: {}\n  "2024": {}\n',
    code: "KG1002",
    path: "streams.2024",
    line: 8,
    column: 3,
  },
  {
    title: "spec over 1 MiB",
    text: STREAM + `# ${"x".repeat(1024 * 1024)}\n`,
    code: "KG1003",
    path: "",
    line: 1,
    column: 1,
  },
  { title: "flow nesting over 64 levels", text: deepFlow, code: "KG1004", path: "", line: 2, column: 71 },
  { title: "block nesting over 64 levels", text: deepBlock, code: "KG1004", path: "", line: 3, column: 131 },
  { title: "indentation nesting over 64 levels", text: deepIndent, code: "KG1004", path: "", line: 66, column: 65 },
  { title: "alias bomb", text: aliasBomb, code: "KG1005", path: "", line: 1, column: 1 },
  { title: "empty spec", text: "# nothing yet\n", code: "KG1006", path: "", line: 1, column: 1 },
  {
    title: "unknown YAML tag",
    text: HEADER + "streams:\n  Trades:\n    encryption: !Ref TradesKey\n",
    code: "KG1009",
    path: "streams.Trades.encryption",
    line: 8,
    column: 17,
    severity: "warning",
    also: ["KG2001"],
  },
  {
    title: "unknown key with a did-you-mean",
    text: STREAM.replace("Trades: {}", "Trades:\n    shard: 2"),
    code: "KG1010",
    path: "streams.Trades.shard",
    line: 8,
    column: 5,
  },
  {
    title: "a list where the streams map belongs",
    text: HEADER + "streams: [Trades]\n",
    code: "KG1011",
    path: "streams",
    line: 6,
    column: 10,
  },
  {
    title: "a quoted number",
    text: STREAM.replace("Trades: {}", 'Trades:\n    retention_hours: "48"'),
    code: "KG1011",
    path: "streams.Trades.retention_hours",
    line: 8,
    column: 22,
  },
  {
    title: "an unquoted number as a tag value",
    text: STREAM + "tags:\n  cost-center: 4711\n",
    code: "KG1011",
    path: "tags.cost-center",
    line: 9,
    column: 16,
  },
  {
    title: "missing version",
    text: STREAM.replace("version: 1\n", ""),
    code: "KG1012",
    path: "version",
    line: 1,
    column: 1,
  },
  {
    title: "missing owner.region",
    text: STREAM.replace("  region: us-east-1\n", ""),
    code: "KG1012",
    path: "owner.region",
    line: 3,
    column: 1,
  },
  {
    title: "rotation_days below the KMS minimum",
    text: STREAM + "keys:\n  k:\n    rotation_days: 30\n",
    code: "KG1013",
    path: "keys.k.rotation_days",
    line: 10,
    column: 20,
  },
  {
    title: "zero shards",
    text: STREAM.replace("Trades: {}", "Trades: {capacity: provisioned, shards: 0}"),
    code: "KG1013",
    path: "streams.Trades.shards",
    line: 7,
    column: 43,
  },
  {
    title: "stream name with a space",
    text: HEADER + "streams:\n  Stock Trades: {}\n",
    code: "KG1014",
    path: "streams.Stock Trades",
    line: 7,
    column: 3,
  },
  {
    title: "upper-case module name",
    text: STREAM.replace("name: trades", "name: Trades"),
    code: "KG1014",
    path: "name",
    line: 2,
    column: 7,
  },
  {
    title: "account id with 11 digits",
    text: STREAM.replace('"123456789012"', '"12345678901"'),
    code: "KG1014",
    path: "owner.account",
    line: 4,
    column: 12,
  },
  {
    title: "unknown via with a did-you-mean",
    text: STREAM + "consumers:\n  c: {streams: [Trades], via: kcl3, role: {arn: arn:aws:iam::123456789012:role/c}}\n",
    code: "KG1015",
    path: "consumers.c.via",
    line: 9,
    column: 31,
  },
  {
    title: "version 2",
    text: STREAM.replace("version: 1", "version: 2"),
    code: "KG1015",
    path: "version",
    line: 1,
    column: 10,
  },
  {
    title: "unknown region",
    text: STREAM.replace("us-east-1", "us-west-3"),
    code: "KG1015",
    path: "owner.region",
    line: 5,
    column: 11,
  },
  {
    title: "a producer with no streams",
    text: STREAM + "producers:\n  p:\n    streams: []\n    role: {assumed_by: [ec2.amazonaws.com]}\n",
    code: "KG1016",
    path: "producers.p.streams",
    line: 10,
    column: 5,
  },
  {
    title: "a party naming the same stream twice",
    text: STREAM + "producers:\n  p:\n    streams: [Trades, Trades]\n    role: {assumed_by: [ec2.amazonaws.com]}\n",
    code: "KG1017",
    path: "producers.p.streams[1]",
    line: 10,
    column: 23,
  },
  {
    title: "a role with both assumed_by and arn",
    text:
      STREAM +
      yaml`
        producers:
          p:
            streams: [Trades]
            role: {assumed_by: [ec2.amazonaws.com], arn: arn:aws:iam::123456789012:role/p}
      `,
    code: "KG1018",
    path: "producers.p.role",
    line: 11,
    column: 5,
  },
  {
    title: "a role with neither assumed_by nor arn",
    text: STREAM + "producers:\n  p:\n    streams: [Trades]\n    role: {}\n",
    code: "KG1018",
    path: "producers.p.role",
    line: 11,
    column: 5,
  },
  {
    title: "shards without provisioned capacity",
    text: STREAM.replace("Trades: {}", "Trades: {shards: 2}"),
    code: "KG1019",
    path: "streams.Trades.shards",
    line: 7,
    column: 12,
  },
  {
    title: "media_type on a data stream",
    text: STREAM.replace("Trades: {}", "Trades: {media_type: video/h264}"),
    code: "KG1019",
    path: "streams.Trades.media_type",
    line: 7,
    column: 12,
  },
  {
    title: "capacity on a video stream",
    text: STREAM.replace("Trades: {}", "Trades: {type: video, capacity: provisioned, shards: 1}"),
    code: "KG1019",
    path: "streams.Trades.capacity",
    line: 7,
    column: 25,
  },
  {
    title: "kcl_version on a non-KCL consumer",
    text:
      STREAM +
      yaml`
        consumers:
          c:
            streams: [Trades]
            via: fan-out
            kcl_version: 2
            ${ROLE}
      `,
    code: "KG1019",
    path: "consumers.c.kcl_version",
    line: 12,
    column: 5,
  },
  {
    title: "application on a consumer with the default via",
    text:
      STREAM +
      yaml`
        consumers:
          c:
            streams: [Trades]
            application: MyApp
            ${ROLE}
      `,
    code: "KG1019",
    path: "consumers.c.application",
    line: 11,
    column: 5,
  },
  {
    title: "provisioned capacity without shards",
    text: STREAM.replace("Trades: {}", "Trades: {capacity: provisioned}"),
    code: "KG1020",
    path: "streams.Trades.shards",
    line: 7,
    column: 3,
  },
  {
    title: "unquoted account id with a leading zero",
    text: STREAM.replace('"123456789012"', "012345678901"),
    code: "KG1021",
    path: "owner.account",
    line: 4,
    column: 12,
  },
  {
    title: "region outside the partition",
    text: STREAM.replace("us-east-1", "cn-north-1"),
    code: "KG1023",
    path: "owner.region",
    line: 5,
    column: 11,
  },
];

/** Lines 6-12: a key-encrypted stream and an account alias, ready to be shared on line 13. */
const SHARED = HEADER + yaml`
  keys:
    k: {}
  streams:
    Trades: {encryption: k}
  accounts:
    analytics: "111122223333"
  shares:
`;

const ruleCases: BadSpec[] = [
  {
    title: "encryption naming an undefined key",
    text: HEADER + "streams:\n  Trades: {encryption: trade}\nkeys:\n  trades: {}\n",
    code: "KG2001",
    path: "streams.Trades.encryption",
    line: 7,
    column: 24,
    also: ["KG2029"],
  },
  {
    title: "a producer naming an undefined stream",
    text: STREAM + `producers:\n  p:\n    streams: [Trade]\n    ${ROLE}\n`,
    code: "KG2002",
    path: "producers.p.streams[0]",
    line: 10,
    column: 15,
  },
  {
    title: "a share naming an undefined stream",
    text: SHARED + "  s: {account: analytics, streams: [Trades, Audit], access: read}\n",
    code: "KG2002",
    path: "shares.s.streams[1]",
    line: 13,
    column: 45,
  },
  {
    title: "a share naming an undefined account alias",
    text: SHARED + "  s: {account: analytic, streams: [Trades], access: read}\n",
    code: "KG2003",
    path: "shares.s.account",
    line: 13,
    column: 16,
  },
  {
    title: "two streams with one Terraform identifier",
    text: HEADER + "streams:\n  trade-events: {}\n  trade_events: {}\n",
    code: "KG2004",
    path: "streams.trade_events",
    line: 8,
    column: 3,
  },
  {
    title: "a producer and a consumer with one Terraform identifier",
    text:
      STREAM +
      yaml`
        producers:
          TradeIngest: {streams: [Trades], ${ROLE}}
        consumers:
          trade-ingest: {streams: [Trades], ${ROLE}}
      `,
    code: "KG2004",
    path: "consumers.trade-ingest",
    line: 11,
    column: 3,
  },
  {
    title: "the same name under producers and consumers",
    text: STREAM + `producers:\n  p: {streams: [Trades], ${ROLE}}\nconsumers:\n  p: {streams: [Trades], ${ROLE}}\n`,
    code: "KG2005",
    path: "consumers.p",
    line: 11,
    column: 3,
  },
  {
    title: "a key named like an encryption mode",
    text: HEADER + "keys:\n  aws-managed: {}\nstreams:\n  Trades: {}\n",
    code: "KG2006",
    path: "keys.aws-managed",
    line: 7,
    column: 3,
  },
  {
    title: "data stream retention under 24 hours",
    text: STREAM.replace("Trades: {}", "Trades: {retention_hours: 12}"),
    code: "KG2007",
    path: "streams.Trades.retention_hours",
    line: 7,
    column: 29,
  },
  {
    title: "data stream name over 128 characters",
    text: STREAM.replace("Trades", "T".repeat(129)),
    code: "KG2008",
    path: `streams.${"T".repeat(129)}`,
    line: 7,
    column: 3,
  },
  {
    title: "an unencrypted video stream",
    text: STREAM.replace("Trades: {}", "Camera: {type: video, encryption: none}"),
    code: "KG2009",
    path: "streams.Camera.encryption",
    line: 7,
    column: 37,
  },
  {
    title: "an unencrypted data stream is a warning",
    text: STREAM.replace("Trades: {}", "Trades: {encryption: none}"),
    code: "KG2010",
    path: "streams.Trades.encryption",
    line: 7,
    column: 24,
    severity: "warning",
  },
  {
    title: "a consumer of data and video streams",
    text: STREAM + `  Camera: {type: video}\nconsumers:\n  c: {streams: [Trades, Camera], ${ROLE}}\n`,
    code: "KG2011",
    path: "consumers.c.streams",
    line: 10,
    column: 7,
  },
  {
    title: "fan-out on a video stream",
    text: HEADER + `streams:\n  Camera: {type: video}\nconsumers:\n  c: {streams: [Camera], via: fan-out, ${ROLE}}\n`,
    code: "KG2012",
    path: "consumers.c.via",
    line: 9,
    column: 31,
  },
  {
    title: "playback on a data stream",
    text: STREAM + `consumers:\n  c: {streams: [Trades], via: playback, ${ROLE}}\n`,
    code: "KG2012",
    path: "consumers.c.via",
    line: 9,
    column: 31,
  },
  {
    title: "a producer without a role",
    text: STREAM + "producers:\n  p: {streams: [Trades]}\n",
    code: "KG2013",
    path: "producers.p",
    line: 9,
    column: 3,
  },
  {
    title: "a get-records consumer without a role",
    text: STREAM + "consumers:\n  c: {streams: [Trades]}\n",
    code: "KG2013",
    path: "consumers.c",
    line: 9,
    column: 3,
  },
  {
    title: "role.arn naming a user",
    text: STREAM + 'producers:\n  p:\n    streams: [Trades]\n    role: {arn: "arn:aws:iam::123456789012:user/p"}\n',
    code: "KG2014",
    path: "producers.p.role.arn",
    line: 11,
    column: 17,
  },
  {
    title: "role.arn of another account",
    text: STREAM + 'producers:\n  p:\n    streams: [Trades]\n    role: {arn: "arn:aws:iam::999999999999:role/p"}\n',
    code: "KG2015",
    path: "producers.p.role.arn",
    line: 11,
    column: 17,
  },
  {
    title: "a role trusting everyone",
    text: STREAM + 'producers:\n  p:\n    streams: [Trades]\n    role: {assumed_by: ["*"]}\n',
    code: "KG2016",
    path: "producers.p.role.assumed_by[0]",
    line: 11,
    column: 25,
  },
  {
    title: "a role trusting a web identity provider",
    text:
      STREAM +
      yaml`
        producers:
          p:
            streams: [Trades]
            role:
              assumed_by:
                - accounts.google.com
      `,
    code: "KG2016",
    path: "producers.p.role.assumed_by[0]",
    line: 13,
    column: 11,
  },
  {
    title: "a created role name over 64 characters",
    text: STREAM + `consumers:\n  ${"c".repeat(58)}: {streams: [Trades], via: lambda}\n`,
    code: "KG2017",
    path: `consumers.${"c".repeat(58)}`,
    line: 9,
    column: 3,
  },
  {
    title: "a key administrator that is a group",
    text:
      HEADER +
      yaml`
        keys:
          k:
            administrators: ["arn:aws:iam::123456789012:group/Admins"]
        streams:
          Trades: {encryption: k}
      `,
    code: "KG2018",
    path: "keys.k.administrators[0]",
    line: 8,
    column: 22,
  },
  {
    title: "a stream administrator in another partition",
    text:
      HEADER +
      yaml`
        streams:
          Trades:
            administrators:
              - arn:aws-us-gov:iam::123456789012:role/Admin
      `,
    code: "KG2019",
    path: "streams.Trades.administrators[0]",
    line: 9,
    column: 9,
  },
  {
    title: "a share of a video stream",
    text: SHARED.replace("Trades: {encryption: k}", "Camera: {type: video, encryption: k}") +
      "  s: {account: analytics, streams: [Camera], access: read}\n",
    code: "KG2020",
    path: "shares.s.streams[0]",
    line: 13,
    column: 37,
  },
  {
    title: "a share of a stream on the AWS-managed key",
    text: SHARED.replace("Trades: {encryption: k}", "Trades: {encryption: aws-managed}") +
      "  s: {account: analytics, streams: [Trades], access: read}\n",
    code: "KG2021",
    path: "shares.s.streams[0]",
    line: 13,
    column: 37,
    also: ["KG2029"],
  },
  {
    title: "a share to everyone",
    text: SHARED + '  s: {account: analytics, streams: [Trades], access: read, principals: ["*"]}\n',
    code: "KG2022",
    path: "shares.s.principals[0]",
    line: 13,
    column: 73,
  },
  {
    title: "a share to a SAML provider",
    text: SHARED + "  s:\n    account: analytics\n    streams: [Trades]\n    access: read\n    principals:\n" +
      "      - arn:aws:iam::111122223333:saml-provider/Okta\n",
    code: "KG2022",
    path: "shares.s.principals[0]",
    line: 18,
    column: 9,
  },
  {
    title: "a share principal of another account",
    text: SHARED + "  s:\n    account: analytics\n    streams: [Trades]\n    access: read\n    principals:\n" +
      "      - arn:aws:iam::444455556666:role/Reader\n",
    code: "KG2023",
    path: "shares.s.principals[0]",
    line: 18,
    column: 9,
  },
  {
    title: "a share to the owner account",
    text: SHARED + "  s: {account: 123456789012, streams: [Trades], access: write}\n",
    code: "KG2024",
    path: "shares.s.account",
    line: 13,
    column: 16,
  },
  {
    title: "two keys with one alias",
    text:
      HEADER +
      yaml`
        keys:
          a: {alias: trades}
          b: {alias: trades}
        streams:
          A: {encryption: a}
          B: {encryption: b}
      `,
    code: "KG2025",
    path: "keys.b.alias",
    line: 8,
    column: 14,
  },
  {
    title: "a KCL consumer whose name is too short for an application name",
    text: STREAM + `consumers:\n  ab: {streams: [Trades], via: kcl, ${ROLE}}\n`,
    code: "KG2026",
    path: "consumers.ab",
    line: 9,
    column: 3,
  },
  {
    title: "a fan-out consumer and a fan-out share registering one name",
    text: SHARED.replace("shares:\n", `consumers:\n  reader: {streams: [Trades], via: fan-out, ${ROLE}}\nshares:\n`) +
      "  reader: {account: analytics, streams: [Trades], access: fan-out}\n",
    code: "KG2027",
    path: "shares.reader",
    line: 15,
    column: 3,
  },
  {
    title: "two KCL consumers with one application",
    text: STREAM + `consumers:\n  audit-a: {streams: [Trades], via: kcl, application: Audit, ${ROLE}}\n` +
      `  audit-b: {streams: [Trades], via: kcl, application: Audit, ${ROLE}}\n`,
    code: "KG2027",
    path: "consumers.audit-b.application",
    line: 10,
    column: 55,
  },
  {
    title: "two aliases for one account",
    text: STREAM + 'accounts:\n  analytics: "111122223333"\n  reporting: 111122223333\n',
    code: "KG2028",
    path: "accounts.reporting",
    line: 10,
    column: 14,
  },
  {
    title: "an unused key is a warning",
    text: STREAM + "keys:\n  spare: {}\n",
    code: "KG2029",
    path: "keys.spare",
    line: 9,
    column: 3,
    severity: "warning",
  },
];

const CASES: BadSpec[] = [...shapeCases, ...ruleCases];

describe("bad specs", () => {
  test.each(CASES.map((c) => [c.title, c] as const))("%s", (_title, badSpec) => {
    const result = validateSpec("spec.yaml", badSpec.text);
    const found = result.diagnostics.find((d) => d.code === badSpec.code && d.path === badSpec.path);
    expect(found).toEqual({
      code: badSpec.code,
      severity: badSpec.severity ?? "error",
      file: "spec.yaml",
      line: badSpec.line,
      column: badSpec.column,
      path: badSpec.path,
      message: expect.stringMatching(/\S/),
      hint: expect.stringMatching(/\S/),
    });
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual([badSpec.code, ...(badSpec.also ?? [])].sort());
    if ((badSpec.severity ?? "error") === "error") expect(result.spec).toBeUndefined();
  });

  test("the corpus covers every diagnostic code of validation", () => {
    const covered = new Set<string>(CASES.map((c) => c.code));
    const emittedAfterValidation = new Set(["KG2900", "KG3001"]);
    const uncovered = Object.keys(CODES).filter((code) => !covered.has(code) && !emittedAfterValidation.has(code));
    expect(uncovered).toEqual([]);
  });
});
