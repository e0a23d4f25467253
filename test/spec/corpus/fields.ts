/** Shape problems found against the schema (KG1010-KG1025). */
import { HEADER, ROLE, STREAM, yaml, type BadSpec } from "./base";

export const FIELD_CASES: BadSpec[] = [
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
    code: "KG2013",
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
  {
    // A right-to-left override makes a reviewer read `ReaderS` where AWS reads `SredaeR`.
    title: "a bidirectional-format character in a key description",
    text: HEADER + 'keys:\n  k: {description: "admin \\u202Ekey"}\nstreams:\n  Trades: {encryption: k}\n',
    code: "KG1024",
    path: "keys.k.description",
    line: 7,
    column: 20,
  },
  {
    // An escape sequence would recolour or rewrite the terminal that prints this ARN.
    title: "an escape character in a principal ARN",
    text: STREAM.replace("Trades: {}", 'Trades: {administrators: ["arn:aws:iam::123456789012:role/a\\u001b[2Jb/x"]}'),
    code: "KG1024",
    path: "streams.Trades.administrators[0]",
    line: 7,
    column: 29,
  },
  {
    title: "a newline in a single-line field",
    text: STREAM.replace("Trades: {}", 'Trades: {administrators: ["arn:aws:iam::123456789012:role/a\\n::error::forged/x"]}'),
    code: "KG1024",
    path: "streams.Trades.administrators[0]",
    line: 7,
    column: 29,
  },
  {
    title: "CDKTF's token syntax in a key description",
    text: HEADER + 'keys:\n  k: {description: "x ${TfToken[TOKEN.1]}"}\nstreams:\n  Trades: {encryption: k}\n',
    code: "KG1025",
    path: "keys.k.description",
    line: 7,
    column: 20,
  },
  {
    // HCL normalizes strings to NFC: Terraform would store "é" where the spec says "e" + U+0301.
    title: "a key description not in Unicode NFC",
    text: HEADER + 'keys:\n  k: {description: "cafe\\u0301"}\nstreams:\n  Trades: {encryption: k}\n',
    code: "KG1026",
    path: "keys.k.description",
    line: 7,
    column: 20,
  },
];
