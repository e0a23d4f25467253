/**
 * Pairs of specs, before and after a change a team makes: additive changes, which must replace
 * nothing, and changes that inherently replace or destroy something, with what they replace.
 * Used by test/state/additive-changes.test.ts (through kgen's force-new table) and by the
 * Terraform tier (through Terraform's own plan).
 */
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { EXAMPLES_DIR, readExample } from "./examples";

type Entry = Record<string, unknown>;
type Section = Record<string, Entry>;
type Document = Record<string, unknown> & { streams: Section; keys?: Section; producers?: Section; consumers?: Section; shares?: Section; tags?: Entry };

export interface SpecChange {
  title: string;
  example: string;
  edit: (spec: Document) => void;
  /** Addresses Terraform must replace or destroy; empty for an additive change. Warned when they hold state. */
  replaces: string[];
  /** Addresses Terraform leaves as they were although the spec changed them (KG4003). */
  keeps?: string[];
}

export interface SpecPair {
  title: string;
  before: string;
  after: string;
  replaces: string[];
  keeps: string[];
}

const section = (spec: Document, name: "keys" | "producers" | "consumers" | "shares"): Section => {
  spec[name] ??= {};
  return spec[name] as Section;
};
const list = (entry: Entry | undefined, field: string): unknown[] => {
  if (entry === undefined) throw new Error("spec change names an entry the example does not have");
  entry[field] ??= [];
  return entry[field] as unknown[];
};

export const SPEC_CHANGES: SpecChange[] = [
  // Additive: nothing is replaced.
  { title: "add a stream to a share", example: "trade-sharing", edit: (s) => list(section(s, "shares")["analytics-read"], "streams").push("Quotes"), replaces: [] },
  { title: "add a stream to a fan-out share", example: "trade-sharing", edit: (s) => list(section(s, "shares")["analytics-live"], "streams").push("Quotes"), replaces: [] },
  {
    title: "add a principal to a share",
    example: "trade-sharing",
    edit: (s) => list(section(s, "shares")["analytics-read"], "principals").push("arn:aws:iam::111122223333:role/NewReader"),
    replaces: [],
  },
  {
    title: "add a share",
    example: "trade-sharing",
    edit: (s) => (section(s, "shares")["quotes-read"] = { account: "analytics", streams: ["Quotes"], access: "read" }),
    replaces: [],
  },
  {
    title: "give a stream administrator with a managed policy another stream",
    example: "store-cameras",
    edit: (s) => list(s.streams.MotionEvents, "administrators").push("arn:aws:iam::123456789012:user/oncall"),
    replaces: [],
  },
  {
    title: "give a stream administrator with an inline policy another stream",
    example: "stock-trades",
    edit: (s) => list(s.streams.TradeAudit, "administrators").push("arn:aws:iam::123456789012:role/StreamAdmin"),
    replaces: [],
  },
  {
    title: "add an administrator of another account named like the owner's",
    example: "stock-trades",
    edit: (s) => list(s.streams.StockTradeStream, "administrators").push("arn:aws:iam::111122223333:role/StreamAdmin"),
    replaces: [],
  },
  { title: "add a stream to a party", example: "stock-trades", edit: (s) => list(section(s, "consumers").alerts, "streams").push("TradeAudit"), replaces: [] },
  {
    title: "add a stream to a fan-out consumer",
    example: "stock-trades",
    edit: (s) => list(section(s, "consumers")["risk-dashboard"], "streams").push("TradeAudit"),
    replaces: [],
  },
  {
    title: "add a producer",
    example: "stock-trades",
    edit: (s) => (section(s, "producers")["audit-writer"] = { streams: ["TradeAudit"], role: { assumed_by: ["lambda.amazonaws.com"] } }),
    replaces: [],
  },
  {
    title: "add a KCL consumer",
    example: "clickstream",
    edit: (s) => (section(s, "consumers")["click-counter"] = { streams: ["click-events"], via: "kcl", role: { assumed_by: ["ec2.amazonaws.com"] } }),
    replaces: [],
  },
  {
    title: "add a key and a stream encrypted with it",
    example: "stock-trades",
    edit: (s) => {
      section(s, "keys").reports = { alias: "stock-trades-reports" };
      s.streams.Reports = { encryption: "reports" };
    },
    replaces: [],
  },
  {
    title: "add a key administrator",
    example: "stock-trades",
    edit: (s) => list(section(s, "keys").trades, "administrators").push("arn:aws:iam::123456789012:role/SecurityAdmin"),
    replaces: [],
  },
  { title: "add a tag", example: "store-cameras", edit: (s) => ((s.tags ??= {}).owner = "platform"), replaces: [] },
  {
    title: "raise a data stream's retention and shards",
    example: "stock-trades",
    edit: (s) => Object.assign(s.streams.TradeAudit, { retention_hours: 336, shards: 4 }),
    replaces: [],
  },
  {
    title: "trust another principal to assume a role",
    example: "stock-trades",
    edit: (s) => list(section(s, "producers")["trade-ingest"].role as Entry, "assumed_by").push("lambda.amazonaws.com"),
    replaces: [],
  },
  // Inherent: the provider replaces, or the spec removes, something that holds state.
  {
    title: "change a video stream's retention",
    example: "store-cameras",
    edit: (s) => (s.streams.LobbyCamera.retention_hours = 48),
    replaces: ["aws_kinesis_video_stream.lobby_camera"],
  },
  {
    title: "move a video stream to another customer-managed key",
    example: "store-cameras",
    edit: (s) => {
      section(s, "keys").cameras = {};
      s.streams.LobbyCamera.encryption = "cameras";
    },
    replaces: ["aws_kinesis_video_stream.lobby_camera"],
  },
  {
    title: "move a data stream from the module's key to an existing key of another account",
    example: "kds-tutorial",
    edit: (s) => (section(s, "keys")["stock-trades"] = { arn: "arn:aws:kms:us-east-2:444455556666:key/1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b" }),
    // The stream's kms_key_id is updated in place; the module's own key, alias and policy go.
    replaces: ["aws_kms_alias.stock_trades", "aws_kms_key.stock_trades", "aws_kms_key_policy.stock_trades"],
  },
  {
    title: "move a video stream to an existing key of the owner account",
    example: "store-cameras",
    edit: (s) => {
      section(s, "keys").cameras = { arn: "arn:aws:kms:eu-west-1:123456789012:key/9f8e7d6c-5b4a-4392-8170-6a5b4c3d2e1f" };
      s.streams.LobbyCamera.encryption = "cameras";
    },
    replaces: ["aws_kinesis_video_stream.lobby_camera"],
  },
  {
    title: "move a video stream from the AWS-managed key to a customer-managed one",
    example: "store-cameras",
    edit: (s) => (s.streams.DockCamera.encryption = "media"),
    replaces: ["aws_kinesis_video_stream.dock_camera"],
  },
  {
    // kms_key_id is Optional and Computed: unset, Terraform keeps the key in state (KG4003).
    title: "move a video stream from its key to the AWS-managed one",
    example: "store-cameras",
    edit: (s) => (s.streams.LobbyCamera.encryption = "aws-managed"),
    replaces: [],
    keeps: ["aws_kinesis_video_stream.lobby_camera"],
  },
  {
    title: "give a stream another AWS name",
    example: "trade-sharing",
    edit: (s) => (s.streams.Trades.aws_name = "TradesV2"),
    replaces: [
      "aws_kinesis_resource_policy.trades",
      "aws_kinesis_resource_policy.trades__analytics_live",
      "aws_kinesis_stream.trades",
      "aws_kinesis_stream_consumer.trades__analytics_live",
    ],
  },
  {
    title: "remove a stream",
    example: "stock-trades",
    edit: (s) => {
      delete s.streams.TradeAudit;
      const parties = { ...section(s, "producers"), ...section(s, "consumers") };
      for (const [name, party] of Object.entries(parties)) {
        party.streams = (party.streams as string[]).filter((stream) => stream !== "TradeAudit");
        if ((party.streams as string[]).length === 0) delete (section(s, "producers")[name] === party ? section(s, "producers") : section(s, "consumers"))[name];
      }
    },
    // The parties that read only that stream go too.
    replaces: ["aws_iam_role.audit_archive", "aws_iam_role_policy.audit_archive", "aws_iam_role_policy.compliance_reader", "aws_kinesis_stream.trade_audit"],
  },
  {
    title: "move a party to an existing role",
    example: "stock-trades",
    edit: (s) => (section(s, "producers")["trade-ingest"].role = { arn: "arn:aws:iam::123456789012:role/TradeIngest" }),
    // trade-ingest trusts EC2: its instance profile goes with the role kgen created.
    replaces: ["aws_iam_instance_profile.trade_ingest", "aws_iam_role.trade_ingest", "aws_iam_role_policy.trade_ingest"],
  },
  {
    title: "give a role that trusts EC2 a path",
    example: "stock-trades",
    edit: (s) => ((section(s, "producers")["trade-ingest"].role as Entry).path = "/ingest/"),
    // A path cannot change in place, for the role or its instance profile; the inline policy
    // names the role by name, which stays.
    replaces: ["aws_iam_instance_profile.trade_ingest", "aws_iam_role.trade_ingest"],
  },
  {
    title: "move a party to another IAM user",
    example: "kds-tutorial",
    edit: (s) => (section(s, "producers").StockTradesWriter.user = "arn:aws:iam::123456789012:user/StockTradeWriterUser"),
    // The policy's description names the identity it is attached to.
    replaces: ["aws_iam_policy.stock_trades_writer", "aws_iam_user_policy_attachment.stock_trades_writer"],
  },
];

export function specPairs(): SpecPair[] {
  return SPEC_CHANGES.map(({ title, example, edit, replaces, keeps }) => {
    const before = readExample(join(EXAMPLES_DIR, `${example}.yaml`));
    const spec = parse(before) as Document;
    edit(spec);
    return { title, before, after: stringify(spec), replaces, keeps: keeps ?? [] };
  });
}
