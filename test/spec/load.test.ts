import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadSpec } from "../../src/spec/load";
import { validateSpec } from "../../src/spec/rules";
import { HEADER, yaml } from "./spec-text";

describe("loadSpec", () => {
  test("reports every structural problem at once, not only the first", () => {
    const text = yaml`
      version: 1
      name: Trades
      owner:
        account: "123456789012"
        region: us-east-1
        partiton: aws
      streams:
        A:
          shard: 2
          retention_hours: 100000
        B: {type: audio}
    `;
    const result = loadSpec("spec.yaml", text);
    expect(result.spec).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.path, d.line, d.column])).toEqual([
      ["KG1014", "name", 2, 7],
      ["KG1010", "owner.partiton", 6, 3],
      ["KG1010", "streams.A.shard", 9, 5],
      ["KG1013", "streams.A.retention_hours", 10, 22],
      ["KG1015", "streams.B.type", 11, 13],
    ]);
  });

  test("reports every semantic problem at once, sorted by position", () => {
    const text =
      HEADER +
      yaml`
        streams:
          A: {encryption: missing}
        producers:
          p: {streams: [B]}
        consumers:
          c: {streams: [A], via: media}
      `;
    const result = validateSpec("spec.yaml", text);
    expect(result.spec).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.path}`)).toEqual([
      "7:19 KG2001 streams.A.encryption",
      "9:3 KG2013 producers.p",
      "9:17 KG2002 producers.p.streams[0]",
      "11:3 KG2013 consumers.c",
      "11:26 KG2012 consumers.c.via",
    ]);
  });

  test("suggests the closest name for misspelt keys, values and references", () => {
    const text = HEADER + "streams:\n  Trades: {retention: 48}\nconsumers:\n  c: {streams: [Trades], via: lamda}\n";
    expect(loadSpec("spec.yaml", text).diagnostics.map((d) => d.message)).toEqual([
      'unknown key "retention" (did you mean "retention_hours"?)',
      'unknown via "lamda" (did you mean "lambda"?)',
    ]);
    const reference = HEADER + "streams:\n  Trades: {}\nconsumers:\n  c: {streams: [trades], via: lambda}\n";
    expect(validateSpec("spec.yaml", reference).diagnostics[0].message).toBe(
      'stream "trades" is not defined (did you mean "Trades"?)',
    );
  });

  test("YAML key order does not change the resulting Spec", () => {
    const ordered = yaml`
      version: 1
      name: trades
      owner: {account: "123456789012", region: us-east-1}
      keys:
        k: {alias: trades, rotation_days: 90}
      streams:
        A: {encryption: k, capacity: provisioned, shards: 2}
        B: {type: video, media_type: video/h264}
      consumers:
        c: {streams: [A], via: kcl, role: {assumed_by: [ec2.amazonaws.com]}}
        d: {streams: [B]}
    `;
    const shuffled = yaml`
      consumers:
        d: {streams: [B]}
        c: {role: {assumed_by: [ec2.amazonaws.com]}, via: kcl, streams: [A]}
      streams:
        B: {media_type: video/h264, type: video}
        A: {shards: 2, capacity: provisioned, encryption: k}
      keys:
        k: {rotation_days: 90, alias: trades}
      owner: {region: us-east-1, account: "123456789012"}
      name: trades
      version: 1
    `;
    const first = loadSpec("a.yaml", ordered).spec;
    const second = loadSpec("b.yaml", shuffled).spec;
    expect(first).toBeDefined();
    expect(second).toEqual(first);
    // Not only equal: the same key order, so even JSON output cannot tell them apart.
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  test("accepts a 12-digit account id written unquoted and keeps its digits", () => {
    const unquoted = HEADER.replace('"123456789012"', "123456789012");
    const text = unquoted + "streams:\n  A: {}\naccounts:\n  analytics: 111122223333\n";
    const spec = loadSpec("spec.yaml", text).spec;
    expect(spec?.owner.account).toBe("123456789012");
    expect(spec?.accounts.analytics).toBe("111122223333");
  });

  test("a consumer's via defaults by its streams' type; KCL fields default for KCL only", () => {
    const text =
      HEADER +
      yaml`
        streams:
          A: {}
          Camera: {type: video, media_type: video/h264}
        consumers:
          reader: {streams: [A], role: {assumed_by: [ec2.amazonaws.com]}}
          viewer: {streams: [Camera], role: {assumed_by: [ec2.amazonaws.com]}}
          app: {streams: [A], via: kcl, role: {assumed_by: [ec2.amazonaws.com]}}
      `;
    const result = validateSpec("spec.yaml", text);
    expect(result.diagnostics).toEqual([]);
    expect(result.spec?.consumers).toEqual({
      app: {
        streams: ["A"],
        via: "kcl",
        application: "app",
        kcl_version: 3,
        role: { assumed_by: ["ec2.amazonaws.com"] },
      },
      reader: { streams: ["A"], via: "get-records", role: { assumed_by: ["ec2.amazonaws.com"] } },
      viewer: { streams: ["Camera"], via: "media", role: { assumed_by: ["ec2.amazonaws.com"] } },
    });
    expect(result.spec?.streams.Camera).toMatchObject({
      type: "video",
      retention_hours: 24,
      encryption: "aws-managed",
    });
  });

  test("lambda, firehose and flink consumers may omit their role", () => {
    const text = HEADER + yaml`
      streams:
        A: {}
      consumers:
        fn: {streams: [A], via: lambda}
        delivery: {streams: [A], via: firehose}
        analytics: {streams: [A], via: flink}
    `;
    const result = validateSpec("spec.yaml", text);
    expect(result.diagnostics).toEqual([]);
    expect(result.spec?.consumers.fn.role).toBeUndefined();
  });

  test("a stream named like an Object.prototype member is an ordinary name", () => {
    const text =
      HEADER +
      yaml`
        streams:
          __proto__: {}
          constructor: {}
        producers:
          p: {streams: [toString], role: {assumed_by: [ec2.amazonaws.com]}}
      `;
    const result = validateSpec("spec.yaml", text);
    expect(Object.keys(loadSpec("spec.yaml", text).spec?.streams ?? {})).toEqual(["__proto__", "constructor"]);
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([["KG2002", "producers.p.streams[0]"]]);
  });

  test("aliases are followed: one role shared by two producers", () => {
    const text = HEADER + yaml`
      streams:
        A: {}
      producers:
        a: {streams: [A], role: &ec2 {assumed_by: [ec2.amazonaws.com]}}
        b: {streams: [A], role: *ec2}
    `;
    const spec = loadSpec("spec.yaml", text).spec;
    expect(spec?.producers.b.role).toEqual({ assumed_by: ["ec2.amazonaws.com"] });
  });
});

describe("locate", () => {
  const text = HEADER + yaml`
    streams:
      Trades:
        shards: 2
        administrators:
          - arn:aws:iam::123456789012:role/Admin
      Empty:
  `;
  const { locate } = loadSpec("spec.yaml", text);

  const cases: { path: (string | number)[]; line: number; column: number; what: string }[] = [
    { path: ["streams", "Trades"], line: 7, column: 3, what: "an entry holding a map: its key" },
    { path: ["streams", "Trades", "shards"], line: 8, column: 13, what: "a scalar: its value" },
    { path: ["streams", "Trades", "administrators"], line: 9, column: 5, what: "an entry holding a list: its key" },
    { path: ["streams", "Trades", "administrators", 0], line: 10, column: 9, what: "a list item: the item" },
    { path: ["streams", "Empty"], line: 11, column: 3, what: "an empty value: its key" },
    { path: ["streams", "Trades", "encryption"], line: 7, column: 3, what: "a missing field: its nearest ancestor" },
    { path: ["streams", "Missing", "type"], line: 6, column: 1, what: "a missing entry: its nearest ancestor" },
    { path: [], line: 1, column: 1, what: "the root" },
  ];
  test.each(cases)("$what ($line:$column)", ({ path, line, column }) => {
    expect(locate(path)).toEqual({ line, column });
  });
});

describe("whole specs", () => {
  test("the complete example of spec-v1.md is valid once its on-demand stream drops `shards`", () => {
    const verbatim = readFileSync(join(__dirname, "fixtures", "spec-v1-example.yaml"), "utf8");
    // The example lists every field, so it writes `shards: 2 # provisioned only` under
    // `capacity: on-demand` - exactly what "What is an error" forbids.
    expect(validateSpec("spec-v1-example.yaml", verbatim).diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual([
      "KG1019 streams.StockTradeStream.shards",
    ]);
    const text = verbatim.replace(/^ {4}shards: 2 .*\n/m, "");
    const result = validateSpec("spec-v1-example.yaml", text);
    expect(result.diagnostics).toEqual([]);
    expect(result.spec?.streams.LobbyCamera).toMatchObject({
      type: "video",
      media_type: "video/h264",
      encryption: "trades",
    });
    expect(result.spec?.shares["analytics-read"]).toEqual({
      account: "analytics",
      principals: ["arn:aws:iam::111122223333:role/TradeReader"],
      streams: ["StockTradeStream"],
      access: "read",
    });
  });

  test("after a YAML syntax error, only the syntax error is reported", () => {
    const result = validateSpec("spec.yaml", "version: 1\nnmae: x\nstreams: {A: [}\n");
    expect(new Set(result.diagnostics.map((d) => d.code))).toEqual(new Set(["KG1001"]));
  });

  test("a duplicate key does not hide the other problems", () => {
    const text = HEADER + "streams:\n  A: {}\n  A: {}\n  B: {shard: 1}\n";
    expect(validateSpec("spec.yaml", text).diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual([
      "KG1002 streams.A",
      "KG1010 streams.B.shard",
    ]);
  });
});

describe("hostile input", () => {
  // Generous bounds: the point is "refused in well under a second", not a benchmark.
  const refusedQuickly = (text: string, code: string): void => {
    const started = Date.now();
    const result = loadSpec("spec.yaml", text);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.diagnostics.map((d) => d.code)).toEqual([code]);
  };

  test("half a million nested brackets, just under the size limit", () => {
    refusedQuickly("[".repeat(500_000) + "]".repeat(500_000), "KG1004");
  });

  test("a billion laughs", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) {
      levels.push(`l${level}: &l${level} [${Array(10).fill(level === 1 ? "*a" : `*l${level - 1}`).join(", ")}]`);
    }
    const text = HEADER + "streams:\n  A: {}\nproducers:\n" + levels.map((line) => `  ${line}`).join("\n") + "\n";
    const result = loadSpec("spec.yaml", text);
    // The walk never expands lists of lists: each level is one wrong-typed entry, found at once.
    expect(result.spec).toBeUndefined();
    expect(result.diagnostics.length).toBeLessThan(50);
  });
});
