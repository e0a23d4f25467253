/**
 * IAM policy documents as typed values. They stay objects until the HCL printer writes them as
 * `jsonencode({ ... })`, so nothing is ever an escaped JSON string in review.
 */
import type { Action } from "./catalogue";

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export interface Principal {
  AWS?: string[];
  Service?: string[];
}

/** `{ StringEquals: { "kms:ViaService": "kinesis.us-west-2.amazonaws.com" } }` */
export type Condition = Record<string, Record<string, string | string[]>>;

/**
 * Action and Resource are always lists, even of one: one item per line in review, and adding a
 * second item never changes a statement's shape.
 */
export interface PolicyStatement {
  /** Alphanumeric only: IAM identity policies reject anything else in Sid. */
  Sid: string;
  Effect: "Allow";
  Principal?: Principal;
  Action: Action[];
  /** Absent only in trust policies, where IAM forbids it. */
  Resource?: string[];
  Condition?: Condition;
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** `stock_trade_stream` -> `StockTradeStream`, for Sids. */
export function pascalCase(identifier: string): string {
  return identifier
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join("");
}
