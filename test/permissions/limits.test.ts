/** Documents AWS would reject at apply time are errors at synth time, located in the spec. */
import { compileSpec } from "../../src/compile";

const base = `version: 1
name: limits
owner: { account: "123456789012", region: us-west-2 }
accounts: { partner: "111122223333" }
keys:
  k: {}
streams:
  s: { encryption: k }
`;

test("a stream resource policy over 20 KB is an error naming the stream", async () => {
  const principals = Array.from({ length: 300 }, (_, i) => `      - arn:aws:iam::111122223333:role/reader-with-a-rather-long-role-name-${String(i).padStart(4, "0")}`).join("\n");
  const spec = `${base}shares:\n  big:\n    account: partner\n    streams: [s]\n    access: read\n    principals:\n${principals}\n`;
  const { diagnostics, modules } = await compileSpec("limits.yaml", spec);
  expect(modules).toEqual([]);
  expect(diagnostics).toEqual([
    expect.objectContaining({ code: "KG3001", path: "streams.s", line: 8, column: 3, message: expect.stringMatching(/resource policy would be \d+ bytes; Kinesis allows 20480/) }),
  ]);
});

test("a role whose inline policy passes 10,240 characters is an error naming the party", async () => {
  const streams = Array.from({ length: 60 }, (_, i) => `  stream-with-a-long-descriptive-name-${i}: { encryption: k }`).join("\n");
  const names = Array.from({ length: 60 }, (_, i) => `stream-with-a-long-descriptive-name-${i}`).join(", ");
  const spec = `version: 1\nname: limits\nowner: { account: "123456789012", region: us-west-2 }\nkeys:\n  k: {}\nstreams:\n${streams}\nproducers:\n  writer:\n    streams: [${names}]\n    role: { assumed_by: [ec2.amazonaws.com] }\n`;
  const { diagnostics } = await compileSpec("limits.yaml", spec);
  expect(diagnostics).toContainEqual(expect.objectContaining({ code: "KG3001", path: "producers.writer", message: expect.stringMatching(/inline policy would be \d+ characters; IAM allows 10240/) }));
});
