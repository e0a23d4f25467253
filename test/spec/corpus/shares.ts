/** Rules about accounts and cross-account shares. */
import { ROLE, SHARED, STREAM, type BadSpec } from "./base";

export const SHARE_CASES: BadSpec[] = [
  {
    title: "a share naming an undefined account alias",
    text: SHARED + "  s: {account: analytic, streams: [Trades], access: read}\n",
    code: "KG2003",
    path: "shares.s.account",
    line: 13,
    column: 16,
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
    title: "two aliases for one account",
    text: STREAM + 'accounts:\n  analytics: "111122223333"\n  reporting: 111122223333\n',
    code: "KG2028",
    path: "accounts.reporting",
    line: 10,
    column: 14,
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
    title: "a fan-out consumer and a fan-out share registering one name",
    text: SHARED.replace("shares:\n", `consumers:\n  reader: {streams: [Trades], via: fan-out, ${ROLE}}\nshares:\n`) +
      "  reader: {account: analytics, streams: [Trades], access: fan-out}\n",
    code: "KG2027",
    path: "shares.reader",
    line: 15,
    column: 3,
  },
  {
    title: "a fan-out share read via lambda",
    text: SHARED + "  s: {account: analytics, streams: [Trades], access: fan-out, via: lambda}\n",
    code: "KG2032",
    path: "shares.s.via",
    line: 13,
    column: 68,
  },
  {
    title: "a KCL 1 application reading through a fan-out share",
    text: SHARED + "  s: {account: analytics, streams: [Trades], access: fan-out, via: kcl, kcl_version: 1}\n",
    code: "KG2032",
    path: "shares.s.kcl_version",
    line: 13,
    column: 86,
    also: ["KG2026"],
  },
  {
    title: "a KCL share whose name is too short for an application name",
    text: SHARED + "  ab: {account: analytics, streams: [Trades], access: read, via: kcl}\n",
    code: "KG2026",
    path: "shares.ab",
    line: 13,
    column: 3,
  },
  {
    title: "two KCL shares to one account with one application",
    text: SHARED + "  a: {account: analytics, streams: [Trades], access: read, via: kcl, application: Audit}\n" +
      "  b: {account: analytics, streams: [Trades], access: read, via: kcl, application: Audit}\n",
    code: "KG2027",
    path: "shares.b.application",
    line: 14,
    column: 83,
  },
  {
    title: "a reader kind on a write share",
    text: SHARED + "  s: {account: analytics, streams: [Trades], access: write, via: kcl}\n",
    code: "KG1019",
    path: "shares.s.via",
    line: 13,
    column: 61,
  },
];
