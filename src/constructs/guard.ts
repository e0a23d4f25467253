/**
 * Every ARN in the module's policies is built from the owner's account and region, so applying it
 * elsewhere would grant access to the wrong resources. These checks fail `terraform plan` before
 * anything is created when the caller's provider points at another account or region.
 */
import type { Model } from "../model/types";
import { DataAwsCallerIdentity, DataAwsRegion } from "./cdktf";
import type { ModuleScope } from "./module-stack";

export function addOwnerGuard(stack: ModuleScope, model: Model): void {
  const { account, region } = model.owner;
  stack.place(
    new DataAwsCallerIdentity(stack.scope("data.aws_caller_identity"), "current", {
      lifecycle: {
        postcondition: [
          {
            condition: `\${self.account_id == "${account}"}`,
            errorMessage: `Module ${model.name} manages account ${account}; configure the aws provider of this module's caller for that account.`,
          },
        ],
      },
    }),
    "main.tf",
    "The module's policies name ARNs of this account and region: plan fails anywhere else.",
  );
  stack.place(
    new DataAwsRegion(stack.scope("data.aws_region"), "current", {
      lifecycle: {
        postcondition: [
          {
            condition: `\${self.region == "${region}"}`,
            errorMessage: `Module ${model.name} manages region ${region}; configure the aws provider of this module's caller for that region.`,
          },
        ],
      },
    }),
    "main.tf",
  );
}
