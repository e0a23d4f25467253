/**
 * Says once, at the end of the run, whether the Terraform tests ran and with what, or why they
 * were skipped (jest prints nothing for a file whose tests are all skipped); then removes the
 * run folder.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

export default function globalTeardown(): void {
  const dir = process.env.KGEN_TEST_RUN_DIR;
  if (dir === undefined) return;
  const tier = join(dir, "terraform", "tier.json");
  if (existsSync(tier)) {
    const found = JSON.parse(readFileSync(tier, "utf8")) as { available: boolean; reason?: string; terraformVersion?: string; providerVersion?: number[] };
    console.log(
      found.available
        ? `Real Terraform tests ran with Terraform ${found.terraformVersion} and hashicorp/aws ${found.providerVersion?.join(".")}.`
        : `Real Terraform tests skipped: ${found.reason}.`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}
