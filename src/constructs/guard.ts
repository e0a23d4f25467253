/**
 * Every ARN in a module's policies is built from the account and region it was generated for, so
 * applying it elsewhere would grant access to the wrong resources. These checks fail
 * `terraform plan` before anything is created when the caller's provider points elsewhere.
 */
import { dnsSuffix, type Location } from "../model/arns";
import type { Model } from "../model/types";
import { DataAwsCallerIdentity, DataAwsRegion } from "./cdktf";
import { type ModuleScope, constructId } from "./module-stack";
import { expression } from "./terraform-text";

/** The owner module: the owner's account and region. */
export function addOwnerGuard(stack: ModuleScope, model: Model): void {
  const { account, region } = model.owner;
  addAccountGuard(stack, account, `Module ${model.name} manages account ${account}`, "The module's policies name ARNs of this account and region: plan fails anywhere else.");
  const endpoint = regionEndpoint(model.owner);
  const condition = expression(`self.endpoint == "${endpoint}"`);
  const errorMessage = `Module ${model.name} manages region ${region} (EC2 endpoint ${endpoint}); configure the aws provider of this module's caller for that region.`;
  stack.place(new DataAwsRegion(stack.scope("data.aws_region"), constructId("current"), { lifecycle: { postcondition: [{ condition, errorMessage }] } }), "main.tf");
}

/**
 * What `data.aws_region`'s `endpoint` reads for the provider's region: the host of that region's
 * EC2 endpoint. The guard compares this attribute because it is the one that names the region in
 * every provider release a module may run on without a deprecation warning: `region` exists only
 * from 6.0.0, `name` is deprecated from 6.0.0 (#42131) and `id` from 6.47.0 (#48036). 5.x sets
 * `endpoint` to the SDK's EC2 endpoint without `https://`, 6.x to the same URL's host
 * (internal/service/meta/region_data_source.go); the real 5.100.0 provider gives
 * `ec2.<region>.amazonaws.com` (`.com.cn` in China) for every region of spec/regions.ts it knows.
 */
export function regionEndpoint(at: Omit<Location, "account">): string {
  return `ec2.${at.region}.${dnsSuffix(at.partition)}`;
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
