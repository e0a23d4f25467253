/**
 * The call-model check can fail: each mutation of a generated policy that a real client would
 * notice — a required grant removed, a grant no call needs added, a grant widened to the
 * consumer-name prefix — makes it report exactly that.
 */
import { join } from "node:path";
import { externalHolders, loadWorld, type World } from "../access/world";
import type { PolicyDocument } from "../support/simulate";
import { check, type Verdict } from "./check";
import { modelledParties } from "./parties";

const memberOf = (account: string) => `arn:aws:iam::${account}:role/kgen-test-member`;
const KCL = "arn:aws:iam::123456789012:role/stock-trades-StockTradesProcessor";
const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/StockTradeStream";

interface Statement {
  Sid: string;
  Action: string[];
  Resource: string[];
}

let world: World;
beforeAll(async () => {
  world = await loadWorld(join(__dirname, "..", "..", "examples", "stock-trades.yaml"));
}, 60_000);

/** The check of StockTradesProcessor (KCL 3) alone, its identity policy changed by `mutate`. */
async function checkKcl(mutate: (statements: Statement[]) => Statement[]): Promise<Verdict> {
  const identity = new Map([...world.identityPolicies, ...externalHolders(world, memberOf)]);
  const [document] = identity.get(KCL) ?? [];
  const statements = structuredClone(document.Statement) as Statement[];
  identity.set(KCL, [{ ...document, Statement: mutate(statements) } as PolicyDocument]);
  const parties = modelledParties(world.spec, world.keyArn, memberOf).filter(({ party }) => party.principal === KCL);
  return check({ world, identity, memberOf }, parties);
}

test("unchanged, the KCL consumer's policy serves its calls exactly", async () => {
  const verdict = await checkKcl((statements) => statements);
  expect([verdict.denials, verdict.unused, verdict.leaks]).toEqual([[], [], []]);
});

test("without DescribeStreamConsumer on the consumer's name, KCL's first lookup is denied", async () => {
  const verdict = await checkKcl((statements) => statements.filter((s) => !s.Resource.every((r) => r === `${STREAM}/consumer/StockTradesProcessor`)));
  expect(verdict.denials).toEqual([
    `${KCL} kinesis:DescribeStreamConsumer ${STREAM}/consumer/StockTradesProcessor (consumer StockTradesProcessor: looks its consumer up by stream ARN and consumer name)`,
  ]);
});

test("without ConditionCheckItem, KCL 3.5's move to the lease table is denied", async () => {
  const verdict = await checkKcl((statements) => statements.map((s) => ({ ...s, Action: s.Action.filter((a) => a !== "dynamodb:ConditionCheckItem") })));
  expect(verdict.denials.map((d) => d.split(" ").slice(1, 3).join(" "))).toEqual([
    "dynamodb:ConditionCheckItem arn:aws:dynamodb:us-west-2:123456789012:table/StockTradesProcessor-CoordinatorState",
  ]);
});

test("an action no KCL call needs is reported unused", async () => {
  const verdict = await checkKcl((statements) => statements.map((s) => (s.Sid === "Streams" ? { ...s, Action: [...s.Action, "kinesis:DescribeStream"] } : s)));
  expect(verdict.unused).toEqual([`${KCL} kinesis:DescribeStream on ${STREAM} (identity Streams)`]);
});

test("a consumer-name prefix (APP*) reaches another application's consumer", async () => {
  const widened = `${STREAM}/consumer/StockTradesProcessor*`;
  const verdict = await checkKcl((statements) => statements.map((s) => ({ ...s, Resource: s.Resource.map((r) => (r === `${STREAM}/consumer/StockTradesProcessor` ? widened : r)) })));
  expect(verdict.denials).toEqual([]);
  expect(verdict.leaks).toContain(`${KCL} kinesis:DescribeStreamConsumer ${STREAM}/consumer/StockTradesProcessor2 {} (consumer StockTradesProcessor)`);
});
