/**
 * What IAM Access Analyzer's policy checks accept, as kgen uses them. Source: the Access Analyzer
 * API reference and its service model (botocore `accessanalyzer/2019-11-01/service-2.json`):
 * ValidatePolicy, CheckNoNewAccess, CheckAccessNotGranted, CheckNoPublicAccess.
 */

/** `AccessCheckPolicyType`: the policy types every custom check takes (ValidatePolicy takes more). */
export type PolicyType = "IDENTITY_POLICY" | "RESOURCE_POLICY";

/**
 * The `AccessCheckResourceType` values of the resource policies kgen writes, for
 * CheckNoPublicAccess. Video streams have no resource policies.
 */
export type PublicAccessResourceType = "AWS::KMS::Key" | "AWS::Kinesis::Stream" | "AWS::Kinesis::StreamConsumer" | "AWS::IAM::AssumeRolePolicyDocument";

/**
 * ValidatePolicy's `validatePolicyResourceType` for role trust policies. For other resource
 * policies (KMS keys, Kinesis streams) the reference says to give none: Access Analyzer then runs
 * the checks that apply to every resource policy.
 */
export const TRUST_POLICY_VALIDATION_TYPE = "AWS::IAM::AssumeRolePolicyDocument";

/**
 * CheckAccessNotGranted takes one access object (`CheckAccessNotGrantedRequestAccessList`, max 1)
 * of at most 100 actions (`AccessActionsList`, max 100): a longer list takes several calls.
 */
export const MAX_ACTIONS_PER_ACCESS_OBJECT = 100;

/** The IAM actions a role running the checks needs; none takes a resource (Service Authorization Reference). */
export const CHECK_ACTIONS = [
  "access-analyzer:ValidatePolicy",
  "access-analyzer:CheckNoNewAccess",
  "access-analyzer:CheckAccessNotGranted",
  "access-analyzer:CheckNoPublicAccess",
] as const;
