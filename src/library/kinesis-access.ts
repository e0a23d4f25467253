/**
 * kgen as a CDKTF construct, for teams that write their own stacks: the owner module's keys,
 * streams, roles and policies added to any TerraformStack, from the same typed spec the YAML
 * validates into, with the same rules and the same permission catalogue as `kgen synth`.
 */
import { stringify } from "yaml";
import { Construct } from "constructs";
import { addModuleResources, type ModuleResources } from "../constructs/module";
import { BlockRegistry } from "../constructs/module-stack";
import { registeredConsumerId } from "../constructs/streams";
import { resolveModel } from "../model/resolve";
import { keyPolicyHandOver } from "../permissions/resource-policies";
import { asWritten } from "../spec/as-written";
import { recordFromEntries } from "../spec/records";
import { formatDiagnostic, hasErrors, type Diagnostic } from "../spec/diagnostics";
import { validateSpec } from "../spec/rules";
import type { Spec } from "../spec/types";

/** Thrown when the spec given to {@link KinesisAccess} breaks a rule; carries every diagnostic. */
export class SpecError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`invalid kgen spec:\n${diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic).join("\n")}`);
    this.name = "SpecError";
  }
}

export interface KinesisAccessProps {
  /** The spec, as `kgen validate` would produce it from YAML (see docs/library.md). */
  readonly spec: Spec;
}

/**
 * Adds the owner side of a kgen spec to a stack: keys (with their policies ordered after the
 * roles they name), streams, video streams, registered consumers, roles and least-privilege
 * policies, and the owner half of cross-account shares. Companion modules for external accounts
 * and module outputs are not created: use the handles below instead.
 *
 * @throws SpecError when the spec breaks a rule of spec v1.
 */
export class KinesisAccess extends Construct {
  /** Data stream ARN by stream name. */
  readonly streamArns: Readonly<Record<string, string>>;
  /** Video stream ARN by stream name. */
  readonly videoStreamArns: Readonly<Record<string, string>>;
  /** KMS key ARN by key name: each key kgen creates, and each existing key (`arn` in the spec). */
  readonly keyArns: Readonly<Record<string, string>>;
  /**
   * By existing key's name: the key-policy statements its owner must add for the parties, shares
   * and stream administrators to use it, as a JSON policy document: the document `kgen synth`
   * writes to key-policy-statements/<key>.json.
   */
  readonly keyPolicyStatements: Readonly<Record<string, string>>;
  /** ARN of each IAM role kgen creates, by producer or consumer name. */
  readonly roleArns: Readonly<Record<string, string>>;
  /** ARN of each registered (enhanced fan-out) consumer, by stream name, then consumer or share name. */
  readonly consumerArns: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Every construct kgen added, for what the handles above do not cover. */
  readonly resources: ModuleResources;

  constructor(scope: Construct, id: string, props: KinesisAccessProps) {
    super(scope, id);
    // The same checks as the CLI: the object is written as YAML and validated like a spec file.
    const validated = validateSpec(`${id} (KinesisAccess spec)`, stringify(asWritten(props.spec)));
    if (validated.spec === undefined || hasErrors(validated.diagnostics)) throw new SpecError(validated.diagnostics);
    const model = resolveModel(validated.spec);
    this.resources = addModuleResources(new BlockRegistry(this), model);
    const arns = <T extends { arn: string }>(map: ReadonlyMap<string, T>) => recordFromEntries([...map].map(([name, c]) => [name, c.arn]));
    this.streamArns = arns(this.resources.streams);
    this.videoStreamArns = arns(this.resources.videoStreams);
    const existingKeys = model.keys.filter((key) => key.existing !== undefined);
    this.keyArns = recordFromEntries([
      ...[...this.resources.keys].map(([name, key]) => [name, key.arn] as const),
      ...existingKeys.map((key) => [key.name, key.existing!.arn] as const),
    ]);
    this.keyPolicyStatements = recordFromEntries(existingKeys.map((key) => [key.name, JSON.stringify(keyPolicyHandOver(model, key), null, 2)]));
    this.roleArns = recordFromEntries([...this.resources.parties].flatMap(([name, { role }]) => (role === undefined ? [] : [[name, role.arn]])));
    this.consumerArns = recordFromEntries(
      model.streams.map((stream) => [
        stream.name,
        recordFromEntries(
          [...model.parties, ...model.shares]
            .filter((owner) => owner.registeredConsumers.some((c) => c.stream === stream.name))
            .map((owner) => [owner.name, this.resources.consumers.get(registeredConsumerId(stream, owner.id))?.arn ?? ""]),
        ),
      ]),
    );
  }
}
