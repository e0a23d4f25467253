/** One folder per test run, shared by every worker: the Terraform tier's probe and plugin cache (support/terraform.ts). */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function globalSetup(): void {
  process.env.KGEN_TEST_RUN_DIR = mkdtempSync(join(tmpdir(), "kgen-test-run-"));
}
