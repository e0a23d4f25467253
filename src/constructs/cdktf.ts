/**
 * The one import seam for CDKTF and the AWS provider bindings. CDKTF was deprecated by HashiCorp
 * in December 2025; its maintained fork (`cdktn`, `@cdktn/provider-aws`) has the same API, so
 * moving is a change of package names here and in package.json, nowhere else.
 * Deep imports load only the provider classes kgen uses (the full binding is ~400 MB of JS).
 */
export { App, TerraformDataSource, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable, Token, Tokenization, dependable } from "cdktf";
export type { IResolvable, ITerraformDependable, TerraformElement } from "cdktf";
export { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
export { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
export { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
export { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
export { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
export { IamRole } from "@cdktf/provider-aws/lib/iam-role";
export { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
export { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
export { IamUserPolicyAttachment } from "@cdktf/provider-aws/lib/iam-user-policy-attachment";
export { KinesisResourcePolicy } from "@cdktf/provider-aws/lib/kinesis-resource-policy";
export { KinesisStream } from "@cdktf/provider-aws/lib/kinesis-stream";
export { KinesisStreamConsumer } from "@cdktf/provider-aws/lib/kinesis-stream-consumer";
export { KinesisVideoStream } from "@cdktf/provider-aws/lib/kinesis-video-stream";
export { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
export { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
export { KmsKeyPolicy } from "@cdktf/provider-aws/lib/kms-key-policy";
export { Construct } from "constructs";
