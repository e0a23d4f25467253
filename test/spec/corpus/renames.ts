/** Bad specs about renames: `renamed_from` and `aws_name` (rules-renames.ts). */
import { HEADER, ROLE, yaml, type BadSpec } from "./base";

export const RENAME_CASES: BadSpec[] = [
  {
    title: "renamed_from naming a stream the spec still has",
    text:
      HEADER +
      yaml`
        streams:
          Orders: {}
          OrderEvents: {renamed_from: [Orders], aws_name: Orders}
      `,
    code: "KG2040",
    path: "streams.OrderEvents.renamed_from[0]",
    line: 8,
    column: 32,
    also: ["KG2043"],
  },
  {
    title: "renamed_from naming a name with the entry's own identifier",
    text: HEADER + yaml`
      streams:
        order-events: {renamed_from: [order_events], aws_name: order_events}
    `,
    code: "KG2040",
    path: "streams.order-events.renamed_from[0]",
    line: 7,
    column: 33,
  },
  {
    title: "a chain written as two entries: the middle name still exists",
    text:
      HEADER +
      yaml`
        keys:
          b: {renamed_from: [a]}
          c: {renamed_from: [b]}
        streams:
          S: {encryption: c}
          T: {encryption: b}
      `,
    code: "KG2040",
    path: "keys.c.renamed_from[0]",
    line: 8,
    column: 22,
  },
  {
    title: "two parties claiming one earlier name",
    text:
      HEADER +
      yaml`
        streams:
          S: {}
        producers:
          writer-a: {streams: [S], ${ROLE}, renamed_from: [writer], aws_name: writer}
        consumers:
          reader: {streams: [S], ${ROLE}, renamed_from: [Writer], aws_name: reader-old}
      `,
    code: "KG2041",
    path: "consumers.reader.renamed_from[0]",
    line: 11,
    column: 82,
  },
  {
    title: "a renamed stream without aws_name would be replaced",
    text: HEADER + yaml`
      streams:
        OrderEvents: {renamed_from: [Orders]}
    `,
    code: "KG2042",
    path: "streams.OrderEvents.renamed_from",
    line: 7,
    column: 17,
  },
  {
    title: "two parties with one AWS name",
    text:
      HEADER +
      yaml`
        streams:
          S: {}
        producers:
          writer: {streams: [S], ${ROLE}}
        consumers:
          reader: {streams: [S], ${ROLE}, aws_name: writer}
      `,
    code: "KG2043",
    path: "consumers.reader.aws_name",
    line: 11,
    column: 77,
  },
];
