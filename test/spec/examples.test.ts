import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadSpec } from "../../src/spec/load";
import { validateSpec } from "../../src/spec/rules";

const EXAMPLES = join(__dirname, "..", "..", "examples");
const read = (name: string): string => readFileSync(join(EXAMPLES, name), "utf8");

describe("the bundled examples", () => {
  test.each(["stock-trades.yaml", "clickstream.yaml"])("%s loads with no diagnostics", (name) => {
    const loaded = loadSpec(name, read(name));
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.spec).toBeDefined();
  });

  test("stock-trades.yaml validates with no diagnostics at all", () => {
    const result = validateSpec("stock-trades.yaml", read("stock-trades.yaml"));
    expect(result.diagnostics).toEqual([]);
    expect(result.spec?.name).toBe("stock-trades");
  });

  test("clickstream.yaml validates with only the warning for its unencrypted scratch stream", () => {
    const result = validateSpec("clickstream.yaml", read("clickstream.yaml"));
    expect(result.spec).toBeDefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "KG2010",
        severity: "warning",
        path: "streams.scratch-events.encryption",
        line: 18,
        column: 17,
      }),
    ]);
  });

  test("defaults from spec-v1.md are applied", () => {
    const spec = loadSpec("stock-trades.yaml", read("stock-trades.yaml")).spec;
    expect(spec?.owner.partition).toBe("aws");
    expect(spec?.keys.trades).toEqual({
      description: "Encrypts the trade streams",
      alias: "stock-trades",
      rotation_days: 365,
      deletion_window_days: 30,
      administrators: ["arn:aws:iam::123456789012:role/KeyAdmin"],
    });
    expect(spec?.streams.StockTradeStream).toEqual({
      type: "data",
      capacity: "on-demand",
      retention_hours: 24,
      encryption: "trades",
      administrators: ["arn:aws:iam::123456789012:role/StreamAdmin"],
    });
    expect(spec?.consumers["compliance-reader"].via).toBe("get-records");
    expect(spec?.consumers.StockTradesProcessor).toMatchObject({ application: "StockTradesProcessor", kcl_version: 3 });
    expect(spec?.consumers["audit-archive"].role).toBeUndefined();
    expect(spec?.accounts).toEqual({});
    expect(spec?.shares).toEqual({});
  });

  test("a KCL consumer keeps its written application and version", () => {
    const spec = loadSpec("clickstream.yaml", read("clickstream.yaml")).spec;
    expect(spec?.consumers.sessionizer).toMatchObject({ via: "kcl", application: "SessionizerApp", kcl_version: 2 });
    expect(spec?.consumers["legacy-etl"]).toMatchObject({ application: "legacy-etl", kcl_version: 1 });
  });
});
