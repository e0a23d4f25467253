/** Rules about keys and streams. */
import { HEADER, STREAM, yaml, type BadSpec } from "./base";

export const KEY_AND_STREAM_CASES: BadSpec[] = [
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
    title: "two streams with one Terraform identifier",
    text: HEADER + "streams:\n  trade-events: {}\n  trade_events: {}\n",
    code: "KG2004",
    path: "streams.trade_events",
    line: 8,
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
    title: "an unused key is a warning",
    text: STREAM + "keys:\n  spare: {}\n",
    code: "KG2029",
    path: "keys.spare",
    line: 9,
    column: 3,
    severity: "warning",
  },
  {
    title: "a policy variable in a key administrator's ARN",
    text: HEADER + 'keys:\n  k: {administrators: ["arn:aws:iam::123456789012:role/x${uuid()}/Admin"]}\nstreams:\n  Trades: {encryption: k}\n',
    code: "KG2033",
    path: "keys.k.administrators[0]",
    line: 7,
    column: 24,
  },
  {
    title: "a stream administrator with an IAM path over 512 characters",
    text: STREAM.replace("Trades: {}", `Trades: {administrators: ["arn:aws:iam::123456789012:role/${"p/".repeat(256)}Admin"]}`),
    code: "KG2034",
    path: "streams.Trades.administrators[0]",
    line: 7,
    column: 29,
  },
  {
    title: "an existing key given by its alias ARN",
    text: HEADER + "keys:\n  central:\n    arn: arn:aws:kms:us-east-1:444455556666:alias/payments\nstreams:\n  Trades: {encryption: central}\n",
    code: "KG2046",
    path: "keys.central.arn",
    line: 8,
    column: 10,
  },
  {
    title: "an existing key given by its key id, not its ARN",
    text: HEADER + "keys:\n  central:\n    arn: 1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b\nstreams:\n  Trades: {encryption: central}\n",
    code: "KG2046",
    path: "keys.central.arn",
    line: 8,
    column: 10,
  },
  {
    title: "an existing key in another Region than the streams",
    text: HEADER + "keys:\n  central:\n    arn: arn:aws:kms:eu-west-1:444455556666:key/1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b\nstreams:\n  Trades: {encryption: central}\n",
    code: "KG2047",
    path: "keys.central.arn",
    line: 8,
    column: 10,
  },
  {
    title: "an existing key in another partition than the streams",
    text: HEADER + "keys:\n  central:\n    arn: arn:aws-cn:kms:us-east-1:444455556666:key/1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b\nstreams:\n  Trades: {encryption: central}\n",
    code: "KG2047",
    path: "keys.central.arn",
    line: 8,
    column: 10,
  },
  {
    title: "two keys naming one existing key",
    text:
      HEADER +
      "keys:\n  a:\n    arn: arn:aws:kms:us-east-1:444455556666:key/1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b\n  b:\n    arn: arn:aws:kms:us-east-1:444455556666:key/1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b\nstreams:\n  Trades: {encryption: a}\n  Quotes: {encryption: b}\n",
    code: "KG2048",
    path: "keys.b.arn",
    line: 10,
    column: 10,
  },
  {
    title: "a created key's field next to an existing key's arn",
    text: HEADER + "keys:\n  central:\n    arn: arn:aws:kms:us-east-1:444455556666:key/1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b\n    rotation_days: 180\nstreams:\n  Trades: {encryption: central}\n",
    code: "KG1019",
    path: "keys.central.rotation_days",
    line: 9,
    column: 5,
  },
  {
    title: "an alias next to an existing key's arn",
    text: HEADER + "keys:\n  central:\n    arn: arn:aws:kms:us-east-1:444455556666:key/1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b\n    alias: payments\nstreams:\n  Trades: {encryption: central}\n",
    code: "KG1019",
    path: "keys.central.alias",
    line: 9,
    column: 5,
  },
];
