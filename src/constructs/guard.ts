/**
 * Every ARN in a module's policies is built from the account and region it was generated for, so
 * applying it elsewhere would grant access to the wrong resources. These checks fail
 * `terraform plan` before anything is created when the caller's provider points elsewhere.
 */
import type { Model } from "../model/types";
import { DataAwsCallerIdentity, DataAwsRegion } from "./cdktf";
import { type ModuleScope, constructId } from "./module-stack";
import { expression } from "./terraform-text";

/** The owner module: the owner's account and region. */
export function addOwnerGuard(stack: ModuleScope, model: Model): void {
  const { account, region } = model.owner;
  addAccountGuard(stack, account, `Module ${model.name} manages account ${account}`, "The module's policies name ARNs of this account and region: plan fails anywhere else.");
  const condition = expression(`self.region == "${region}"`);
  const errorMessage = `Module ${model.name} manages region ${region}; configure the aws provider of this module's caller for that region.`;
  stack.place(new DataAwsRegion(stack.scope("data.aws_region"), constructId("current"), { lifecycle: { postcondition: [{ condition, errorMessage }] } }), "main.tf");
}

/** A postcondition on the caller's identity: plan fails unless the provider is in `account`. */
export function addAccountGuard(stack: ModuleScope, account: string, purpose: string, comment: string): void {
  const condition = expression(`self.account_id == "${account}"`);
  const errorMessage = `${purpose}; configure the aws provider of this module's caller for that account.`;
  stack.place(
    new DataAwsCallerIdentity(stack.scope("data.aws_caller_identity"), constructId("current"), { lifecycle: { postcondition: [{ condition, errorMessage }] } }),
    "main.tf",
    comment,
  );
}
