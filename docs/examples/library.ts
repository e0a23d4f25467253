import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { KinesisAccess, SpecError, type Spec } from "kgen";

/** A team's own stack: their provider and bucket, plus kgen's streams, key and roles. */
export class TradingPlatform extends TerraformStack {
  readonly access: KinesisAccess;

  constructor(scope: Construct, id: string, spec: Spec) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: spec.owner.region });
    new S3Bucket(this, "archive", { bucket: "stock-trades-archive" });
    this.access = new KinesisAccess(this, "trades", { spec });
    new TerraformOutput(this, "trade_stream_arn", { value: this.access.streamArns.StockTradeStream });
    new TerraformOutput(this, "ingest_role_arn", { value: this.access.roleArns["trade-ingest"] });
  }
}

/** The spec as a typed object: the same type `kgen validate` produces from YAML, defaults included. */
export const spec: Spec = {
  version: 1,
  name: "stock-trades",
  owner: { account: "123456789012", region: "us-west-2", partition: "aws" },
  tags: { team: "market-data" },
  accounts: {},
  keys: {
    trades: { alias: "stock-trades", rotation_days: 365, deletion_window_days: 30, administrators: [] },
  },
  streams: {
    StockTradeStream: { type: "data", capacity: "on-demand", retention_hours: 24, encryption: "trades", administrators: [] },
  },
  producers: {
    "trade-ingest": { streams: ["StockTradeStream"], role: { assumed_by: ["ec2.amazonaws.com"] } },
  },
  consumers: {
    alerts: { streams: ["StockTradeStream"], via: "lambda" },
  },
  shares: {},
};

/** Synthesizes the stack; a spec that breaks a rule throws SpecError with every diagnostic. */
export function synthesize(outdir = "cdktf.out"): Record<string, unknown> {
  const app = new App({ outdir, skipValidation: true });
  try {
    return new TradingPlatform(app, "platform", spec).toTerraform() as Record<string, unknown>;
  } catch (error) {
    if (error instanceof SpecError) console.error(error.diagnostics);
    throw error;
  }
}
