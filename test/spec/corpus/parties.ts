/** Rules about producers, consumers and their roles. */
import { HEADER, ROLE, STREAM, yaml, type BadSpec } from "./base";

export const PARTY_CASES: BadSpec[] = [
  {
    title: "a producer naming an undefined stream",
    text: STREAM + `producers:\n  p:\n    streams: [Trade]\n    ${ROLE}\n`,
    code: "KG2002",
    path: "producers.p.streams[0]",
    line: 10,
    column: 15,
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
    title: "a party with both a role and a user",
    text: STREAM + 'producers:\n  p:\n    streams: [Trades]\n    ' + ROLE + '\n    user: "arn:aws:iam::123456789012:user/p"\n',
    code: "KG1027",
    path: "producers.p.user",
    line: 12,
    column: 5,
  },
  {
    title: "user naming a role",
    text: STREAM + 'producers:\n  p:\n    streams: [Trades]\n    user: "arn:aws:iam::123456789012:role/p"\n',
    code: "KG2035",
    path: "producers.p.user",
    line: 11,
    column: 11,
  },
  {
    title: "group naming a user",
    text: STREAM + 'consumers:\n  c:\n    streams: [Trades]\n    group: "arn:aws:iam::123456789012:user/readers"\n',
    code: "KG2035",
    path: "consumers.c.group",
    line: 11,
    column: 12,
  },
  {
    title: "a user of another account",
    text: STREAM + 'producers:\n  p:\n    streams: [Trades]\n    user: "arn:aws:iam::999999999999:user/p"\n',
    code: "KG2036",
    path: "producers.p.user",
    line: 11,
    column: 11,
  },
  {
    title: "a Lambda consumer running as a group",
    text: STREAM + 'consumers:\n  c:\n    streams: [Trades]\n    via: lambda\n    group: "arn:aws:iam::123456789012:group/readers"\n',
    code: "KG2037",
    path: "consumers.c.group",
    line: 12,
    column: 12,
  },
  {
    title: "a producer's role with controls but neither assumed_by nor arn",
    text: STREAM + 'producers:\n  p:\n    streams: [Trades]\n    role: {path: /teams/}\n',
    code: "KG2013",
    path: "producers.p.role",
    line: 11,
    column: 5,
  },
  {
    title: "a permissions boundary on an existing role",
    text: STREAM + 'producers:\n  p:\n    streams: [Trades]\n    role:\n      arn: "arn:aws:iam::123456789012:role/p"\n      permissions_boundary: "arn:aws:iam::aws:policy/PowerUserAccess"\n',
    code: "KG1019",
    path: "producers.p.role.permissions_boundary",
    line: 13,
    column: 7,
  },
  {
    title: "a role path without its closing slash",
    text: STREAM + 'producers:\n  p:\n    streams: [Trades]\n    role: {assumed_by: [ec2.amazonaws.com], path: /teams}\n',
    code: "KG1014",
    path: "producers.p.role.path",
    line: 11,
    column: 51,
  },
  {
    title: "a session longer than IAM allows",
    text: STREAM + 'consumers:\n  c:\n    streams: [Trades]\n    via: lambda\n    role: {max_session_duration: 86400}\n',
    code: "KG1013",
    path: "consumers.c.role.max_session_duration",
    line: 12,
    column: 34,
  },
  {
    title: "a managed policy of another account",
    text: STREAM + 'consumers:\n  c:\n    streams: [Trades]\n    via: lambda\n    role:\n      managed_policies: ["arn:aws:iam::999999999999:policy/Logs"]\n',
    code: "KG2038",
    path: "consumers.c.role.managed_policies[0]",
    line: 13,
    column: 26,
  },
  {
    title: "a spec-wide boundary of another partition",
    text: HEADER + 'defaults:\n  role:\n    permissions_boundary: "arn:aws-cn:iam::123456789012:policy/B"\nstreams:\n  Trades: {}\n',
    code: "KG2038",
    path: "defaults.role.permissions_boundary",
    line: 8,
    column: 27,
  },
  {
    title: "role.name taken by another party's role",
    text: STREAM + 'producers:\n  p: {streams: [Trades], role: {assumed_by: [ec2.amazonaws.com], name: Shared}}\nconsumers:\n  c: {streams: [Trades], role: {assumed_by: [ec2.amazonaws.com], name: shared}}\n',
    code: "KG2039",
    path: "consumers.c.role.name",
    line: 11,
    column: 72,
  },
  {
    title: "more managed policies than the default quota",
    text:
      STREAM +
      'consumers:\n  c:\n    streams: [Trades]\n    via: lambda\n    role:\n      managed_policies:\n' +
      Array.from({ length: 11 }, (_, i) => `        - arn:aws:iam::aws:policy/P${i}\n`).join(""),
    code: "KG2044",
    severity: "warning",
    path: "consumers.c.role.managed_policies",
    line: 13,
    column: 7,
  },
  {
    title: "a stream with more tags than AWS allows, the spec-wide ones included",
    text: HEADER + "tags: {team: a, env: b}\nstreams:\n  Trades:\n    tags: {t0: v, t1: v, t2: v, t3: v, t4: v, t5: v, t6: v, t7: v, t8: v, t9: v, t10: v, t11: v, t12: v, t13: v, t14: v, t15: v, t16: v, t17: v, t18: v, t19: v, t20: v, t21: v, t22: v, t23: v, t24: v, t25: v, t26: v, t27: v, t28: v, t29: v, t30: v, t31: v, t32: v, t33: v, t34: v, t35: v, t36: v, t37: v, t38: v, t39: v, t40: v, t41: v, t42: v, t43: v, t44: v, t45: v, t46: v, t47: v, t48: v}\n",
    code: "KG2045",
    path: "streams.Trades.tags",
    line: 9,
    column: 5,
  },
  {
    title: "yes for a true-or-false field",
    text: STREAM + "defaults:\n  tag_registered_consumers: yes\n",
    code: "KG1011",
    path: "defaults.tag_registered_consumers",
    line: 9,
    column: 29,
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
    title: "a KCL consumer whose name is too short for an application name",
    text: STREAM + `consumers:\n  ab: {streams: [Trades], via: kcl, ${ROLE}}\n`,
    code: "KG2026",
    path: "consumers.ab",
    line: 9,
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
    title: "a KPL producer of a video stream",
    text: HEADER + yaml`
      streams:
        Camera: {type: video}
      producers:
        cam: {streams: [Camera], library: kpl, ${ROLE}}
    `,
    code: "KG2031",
    path: "producers.cam.library",
    line: 9,
    column: 37,
  },
];
