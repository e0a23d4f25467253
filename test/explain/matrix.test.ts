/**
 * The access matrix of the examples: what a user reads in `kgen explain`, row by row — grants,
 * the denials next to them, who may assume each role, and the --who / --on filters.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { generateSpec } from "../../bench/generate-spec";
import { accessMatrix, filterRows, unknownFilter, type AccessMatrix, type AccessRow, type MatrixOptions } from "../../src/explain/matrix";
import { resolveModel } from "../../src/model/resolve";
import type { Model } from "../../src/model/types";
import { validateSpec } from "../../src/spec/rules";
import { EXAMPLES_DIR, exampleFiles } from "../support/examples";

function matrixOf(text: string, file = "spec.yaml", options: MatrixOptions = {}): AccessMatrix {
  const { spec, diagnostics } = validateSpec(file, text);
  if (spec === undefined) throw new Error(diagnostics.map((d) => d.message).join("; "));
  return accessMatrix(resolveModel(spec), options);
}

function modelOf(file: string): Model {
  const { spec } = validateSpec(file, readFileSync(file, "utf8"));
  if (spec === undefined) throw new Error(`${file} does not validate`);
  return resolveModel(spec);
}

const example = (name: string): string => readFileSync(join(EXAMPLES_DIR, `${name}.yaml`), "utf8");
const find = (rows: AccessRow[], query: Partial<AccessRow>): AccessRow => {
  const found = rows.filter((row) => Object.entries(query).every(([key, value]) => row[key as keyof AccessRow] === value));
  if (found.length !== 1) throw new Error(`${found.length} rows match ${JSON.stringify(query)}`);
  return found[0];
};

const TRADES = "arn:aws:kinesis:us-west-2:123456789012:stream/StockTradeStream";
const AUDIT = "arn:aws:kinesis:us-west-2:123456789012:stream/TradeAudit";
const TRADES_KEY = "arn:aws:kms:us-west-2:123456789012:key/trades";

describe("examples/stock-trades.yaml", () => {
  const matrix = matrixOf(example("stock-trades"));
  const rows = filterRows(matrix, {});

  test("a consumer of stream A cannot decrypt stream B's records under the same key", () => {
    const processor = { party: "StockTradesProcessor", action: "kms:Decrypt", resource: TRADES_KEY };
    expect(find(rows, { ...processor, through: "StockTradeStream" })).toMatchObject({
      allowed: true,
      via: [
        { policy: "identity", sid: "DecryptWithTradesKey" },
        { policy: "key", sid: "EnableAccountRootAccess" },
        { policy: "key", sid: "DecryptForStockTradeStream" },
      ],
    });
    expect(find(rows, { ...processor, through: "TradeAudit" })).toMatchObject({ allowed: false, via: [] });
  });

  test("every principal is asked what the others got, so the denials show", () => {
    expect(find(rows, { party: "alerts", action: "kinesis:PutRecord", resource: TRADES }).allowed).toBe(false);
    expect(find(rows, { party: "trade-ingest", action: "kinesis:PutRecord", resource: AUDIT }).allowed).toBe(true);
    expect(find(rows, { party: "alerts", action: "kinesis:GetRecords", resource: AUDIT }).allowed).toBe(false);
    // The key administrator manages the key but cannot use it.
    const keyAdmin = { principal: "arn:aws:iam::123456789012:role/KeyAdmin", resource: TRADES_KEY };
    expect(find(rows, { ...keyAdmin, action: "kms:ScheduleKeyDeletion" }).via).toEqual([{ policy: "key", sid: "KeyAdministrators" }]);
    expect(rows.filter((row) => row.principal === keyAdmin.principal && row.action === "kms:Decrypt").map((row) => row.allowed)).toEqual([false, false]);
  });

  test("KMS actions that take no key resource are asked on *, never claimed on the key", () => {
    expect(rows.some((row) => row.action === "kms:ListAliases" && row.resource === TRADES_KEY)).toBe(false);
    expect(find(rows, { party: "administrator of stream StockTradeStream", action: "kms:ListAliases", resource: "*" }).via).toEqual([
      { policy: "identity", sid: "ActionsWithoutResourceScope" },
    ]);
  });

  test("key administrators cannot give themselves use of the key, nor change its policy or alias", () => {
    const admin = rows.filter((row) => row.party === "administrator of key trades" && row.allowed).map((row) => row.action);
    expect(admin).toContain("kms:ScheduleKeyDeletion");
    for (const forbidden of ["kms:CreateGrant", "kms:PutKeyPolicy", "kms:Decrypt", "kms:GenerateDataKey", "kms:CreateAlias", "kms:DeleteAlias"]) {
      expect(admin).not.toContain(forbidden);
    }
  });

  test("KCL metrics hold for the application's namespace only", () => {
    const metrics = rows.filter((row) => row.party === "StockTradesProcessor" && row.action === "cloudwatch:PutMetricData");
    expect(metrics.map((row) => [row.resource, row.through, row.allowed])).toEqual([["*", "namespace StockTradesProcessor", true]]);
  });

  test("each created role may be assumed by exactly the principals it trusts", () => {
    const assume = rows.filter((row) => row.action === "sts:AssumeRole" && row.party === "alerts");
    expect(assume.map((row) => [row.principal, row.allowed])).toEqual([
      ["ec2.amazonaws.com", false],
      ["ecs-tasks.amazonaws.com", false],
      ["firehose.amazonaws.com", false],
      ["lambda.amazonaws.com", true],
    ]);
    // An existing role's trust is not kgen's to write, so it has no such rows.
    expect(rows.some((row) => row.action === "sts:AssumeRole" && row.party === "compliance-reader")).toBe(false);
  });

  test("--who takes a principal ARN, a party name or a role name; --on a stream, its consumers and its key", () => {
    const byName = filterRows(matrix, { who: "risk-dashboard" });
    expect(filterRows(matrix, { who: "arn:aws:iam::123456789012:role/stock-trades-risk-dashboard" })).toEqual(byName.filter((row) => row.action !== "sts:AssumeRole"));
    expect(filterRows(matrix, { who: "stock-trades-risk-dashboard" })).toEqual(filterRows(matrix, { who: "arn:aws:iam::123456789012:role/stock-trades-risk-dashboard" }));
    expect(filterRows(matrix, { who: "ComplianceReader" }).every((row) => row.party === "compliance-reader")).toBe(true);

    const onAudit = filterRows(matrix, { on: "TradeAudit" });
    expect(new Set(onAudit.map((row) => row.resource))).toEqual(new Set([AUDIT, TRADES_KEY]));
    expect(onAudit.every((row) => row.through === undefined || row.through === "TradeAudit")).toBe(true);
    const onTrades = filterRows(matrix, { on: "StockTradeStream", who: "risk-dashboard" });
    expect(onTrades.filter((row) => row.allowed).map((row) => `${row.action} ${row.resource.replace(/^.*:stream\//, "")}`)).toEqual([
      "kinesis:DescribeStreamSummary StockTradeStream",
      "kinesis:ListShards StockTradeStream",
      "kinesis:DescribeStreamConsumer StockTradeStream/consumer/risk-dashboard",
      "kinesis:DescribeStreamConsumer StockTradeStream/consumer/risk-dashboard:<created>",
      "kinesis:SubscribeToShard StockTradeStream/consumer/risk-dashboard:<created>",
      `kms:Decrypt ${TRADES_KEY}`,
    ]);
  });

  test("a name the spec does not have is reported, with the names it has", () => {
    expect(unknownFilter(matrix, { who: "alerts" })).toBeUndefined();
    expect(unknownFilter(matrix, { who: "alert" })).toMatch(/--who alert: .*known names: .*alerts/);
    expect(unknownFilter(matrix, { on: "Trades" })).toBe("--on Trades: the spec has no stream of that name; streams: StockTradeStream, TradeAudit");
  });
});

describe("examples/trade-sharing.yaml", () => {
  const rows = filterRows(matrixOf(example("trade-sharing")), {});

  test("an external principal reads through both halves, and only the shared stream", () => {
    const reader = "arn:aws:iam::111122223333:role/TradeReader";
    const trades = "arn:aws:kinesis:us-east-1:123456789012:stream/Trades";
    expect(find(rows, { principal: reader, action: "kinesis:GetRecords", resource: trades }).via).toEqual([
      { policy: "identity", sid: "Streams" },
      { policy: "resource", sid: "ShareAnalyticsRead" },
    ]);
    expect(find(rows, { principal: reader, action: "kinesis:GetRecords", resource: trades.replace("Trades", "Quotes") }).allowed).toBe(false);
  });

  test("a share without principals is the account root, holding the companion policy", () => {
    const partner = rows.filter((row) => row.principal === "arn:aws:iam::444455556666:root" && row.allowed);
    expect(partner.map((row) => `${row.action} ${row.through ?? ""}`.trim())).toEqual([
      "kinesis:DescribeStreamSummary",
      "kinesis:ListShards",
      "kinesis:PutRecord",
      "kinesis:PutRecords",
      "kms:GenerateDataKey Quotes",
    ]);
    expect(new Set(partner.map((row) => row.party))).toEqual(new Set(["partner-quotes"]));
  });
});

test("the matrix is the same whatever the order of the spec's keys", () => {
  const text = example("trade-sharing");
  const reversed = (value: unknown): unknown =>
    Array.isArray(value)
      ? [...value].reverse().map(reversed)
      : typeof value === "object" && value !== null
        ? Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversed(inner)]))
        : value;
  const shuffled = stringify(reversed(parse(text)));
  expect(shuffled).not.toBe(text);
  expect(filterRows(matrixOf(shuffled), {})).toEqual(filterRows(matrixOf(text), {}));
});

describe("the allowed-only matrix, which asks only what some statement could allow", () => {
  test.each(exampleFiles())("has exactly the allowed rows of the full matrix for %s", (file) => {
    const model = modelOf(file);
    const allowed = accessMatrix(model).rows.filter((row) => row.allowed);
    expect(accessMatrix(model, { allowedOnly: true }).rows).toEqual(allowed);
  });

  // The bench's shape: keys shared by ten streams each, each stream's producer and consumers
  // allowed only their own stream's use of the key, roles trusting different services, a share.
  test("has exactly the allowed rows of the full matrix for the bench's 30-stream spec", () => {
    const full = matrixOf(generateSpec(30));
    const allowedOnly = matrixOf(generateSpec(30), "spec.yaml", { allowedOnly: true });
    const allowed = full.rows.filter((row) => row.allowed);
    expect(allowed.some((row) => row.through !== undefined && row.action === "kms:Decrypt")).toBe(true);
    expect(allowed.some((row) => row.action === "sts:AssumeRole")).toBe(true);
    expect(full.rows.length).toBeGreaterThan(allowed.length);
    expect(allowedOnly.rows).toEqual(allowed);
  });
});

describe("--who on the allowed-only matrix (explain's table and Markdown without --denied)", () => {
  test.each(exampleFiles())("knows every principal and name the full matrix's rows have, and no other, for %s", (file) => {
    const model = modelOf(file);
    const full = accessMatrix(model);
    const allowedOnly = accessMatrix(model, { allowedOnly: true });
    for (const who of new Set(full.rows.flatMap((row) => [row.principal, ...row.names]))) {
      expect(unknownFilter(allowedOnly, { who })).toBeUndefined();
    }
    expect(unknownFilter(allowedOnly, { who: "no-such-party" })).toBe(unknownFilter(full, { who: "no-such-party" }));
    expect(unknownFilter(allowedOnly, { who: "no-such-party" })).toMatch(/known names: /);
  });
});

describe("--who and --on given to the matrix, which then asks only about what they keep", () => {
  test.each(exampleFiles())("gives the rows the full matrix's filterRows gives, for every name and stream of %s", (file) => {
    const model = modelOf(file);
    const full = accessMatrix(model);
    const whos = [...new Set(full.rows.flatMap((row) => [row.principal, ...row.names]))].sort();
    const filters = [...whos.map((who) => ({ who })), ...full.streams.map((on) => ({ on })), ...whos.slice(0, 3).flatMap((who) => full.streams.map((on) => ({ who, on })))];
    for (const filter of filters) {
      for (const allowedOnly of [false, true]) {
        const narrowed = accessMatrix(model, { allowedOnly, filter });
        const expected = filterRows(full, filter).filter((row) => !allowedOnly || row.allowed);
        expect({ filter, allowedOnly, rows: filterRows(narrowed, filter) }).toEqual({ filter, allowedOnly, rows: expected });
        // It knows the same names, so a misspelt --who is reported alike.
        expect(unknownFilter(narrowed, { who: "no-such-party" })).toBe(unknownFilter(full, { who: "no-such-party" }));
      }
    }
  });
});

describe("maxRequests, the bound on what a full matrix may ask", () => {
  const model = modelOf(join(EXAMPLES_DIR, "stock-trades.yaml"));
  const asked = accessMatrix(model).rows.length;

  test("counts exactly the requests the full matrix asks, and asks none past the bound", () => {
    expect(accessMatrix(model, { maxRequests: asked - 1 })).toMatchObject({ rows: [], tooLarge: { requests: asked, limit: asked - 1 } });
    const within = accessMatrix(model, { maxRequests: asked });
    expect(within.tooLarge).toBeUndefined();
    expect(within.rows).toHaveLength(asked);
  });

  test("counts what --who and --on leave", () => {
    const filter = { who: "alerts", on: "StockTradeStream" };
    const narrowed = accessMatrix(model, { filter }).rows.length;
    expect(narrowed).toBeLessThan(asked);
    expect(accessMatrix(model, { filter, maxRequests: narrowed - 1 }).tooLarge).toEqual({ requests: narrowed, limit: narrowed - 1 });
    expect(accessMatrix(model, { filter, maxRequests: narrowed }).rows).toHaveLength(narrowed);
  });

  test("does not bound the allowed-only matrix, whose rows are the grants", () => {
    expect(accessMatrix(model, { allowedOnly: true, maxRequests: 1 }).tooLarge).toBeUndefined();
  });
});

test("an unknown --who or --on names the closest match and lists a dozen names, not every one of a large spec", () => {
  const matrix = matrixOf(example("stock-trades"));
  expect(unknownFilter(matrix, { who: "alert" })).toMatch(/^--who alert: no principal of the spec has that ARN or name \(did you mean "alerts"\?\); known names: /);
  expect(unknownFilter(matrix, { on: "TradeAudits" })).toMatch(/^--on TradeAudits: the spec has no stream of that name \(did you mean "TradeAudit"\?\); streams: StockTradeStream, TradeAudit$/);
  const many = { ...matrix, streams: Array.from({ length: 1000 }, (_, i) => `Stream${String(i).padStart(4, "0")}`) };
  expect(unknownFilter(many, { on: "Stream10000" })).toMatch(/Stream0011, \.\.\. and 988 more$/);
});
