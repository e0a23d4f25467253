/** Shared pieces of the bad-spec corpus (bad-specs.test.ts runs it). */
import type { DiagnosticCode, Severity } from "../../../src/spec/diagnostics";
import { HEADER, yaml } from "../spec-text";

export { HEADER, yaml };

/** A spec a user could write, and the one diagnostic it must produce (plus `also`). */
export interface BadSpec {
  title: string;
  text: string;
  code: DiagnosticCode;
  path: string;
  line: number;
  column: number;
  severity?: Severity;
  /** Other codes the same text rightly produces as well. */
  also?: DiagnosticCode[];
}

/** Lines 1-7: the header and one stream, `Trades`, on line 7. */
export const STREAM = HEADER + yaml`
  streams:
    Trades: {}
`;

export const ROLE = "role: {assumed_by: [ec2.amazonaws.com]}";

/** Lines 6-12: a key-encrypted stream and an account alias, ready to be shared on line 13. */
export const SHARED = HEADER + yaml`
  keys:
    k: {}
  streams:
    Trades: {encryption: k}
  accounts:
    analytics: "111122223333"
  shares:
`;
