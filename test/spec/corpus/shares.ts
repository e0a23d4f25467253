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
];
