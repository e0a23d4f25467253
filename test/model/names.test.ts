/** Spec names map to Terraform identifiers by one documented rule; addresses are a user contract. */
import { roleName, terraformIdentifier } from "../../src/model/names";

test.each([
  ["StockTradeStream", "stock_trade_stream"],
  ["trade-ingest", "trade_ingest"],
  ["HTTPLogs.v2", "http_logs_v2"],
  ["2024-events", "_2024_events"],
  ["click_events", "click_events"],
  ["ABC", "abc"],
  ["kcl3Consumer", "kcl3_consumer"],
  ["a..b", "a_b"],
])("%s -> %s", (name, identifier) => {
  expect(terraformIdentifier(name)).toBe(identifier);
});

test("every identifier is a valid Terraform name", () => {
  for (const name of ["x", "X-Y.Z_1", "9", "--a--", "Ünïcode", "a.b-c_d"]) {
    expect(terraformIdentifier(name)).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
  }
});

test("role names are <module>-<party>", () => {
  expect(roleName("stock-trades", "trade-ingest")).toBe("stock-trades-trade-ingest");
});
