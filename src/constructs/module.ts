/**
 * Builds the resources of one owner module from the model, in dependency order, into any scope:
 * the module stack kgen prints, or a user's own CDKTF stack (library.ts).
 */
import type { Model } from "../model/types";
import type { IamPolicy, KinesisStream, KinesisStreamConsumer, KinesisVideoStream, KmsAlias, KmsKey } from "./cdktf";
import { addOwnerGuard } from "./guard";
import { addParties, addStreamAdministrators, type PartyConstructs } from "./iam";
import { addKeys, keyArnsOf, orderKeyPolicies } from "./keys";
import { ModuleStack, type ModuleScope } from "./module-stack";
import { addOutputs, addShareSummaries } from "./outputs";
import { addShares } from "./shares";
import { addStreams, addVideoStreams } from "./streams";

/** The constructs of an owner module, by spec name (consumers by `registeredConsumerId`). */
export interface ModuleResources {
  keys: ReadonlyMap<string, KmsKey>;
  aliases: ReadonlyMap<string, KmsAlias>;
  streams: ReadonlyMap<string, KinesisStream>;
  videoStreams: ReadonlyMap<string, KinesisVideoStream>;
  consumers: ReadonlyMap<string, KinesisStreamConsumer>;
  parties: ReadonlyMap<string, PartyConstructs>;
  /** Managed policies for stream administrators kgen cannot attach to, by principal. */
  administratorPolicies: ReadonlyMap<string, IamPolicy>;
}

export function addModuleResources(scope: ModuleScope, model: Model): ModuleResources {
  addOwnerGuard(scope, model);
  const { keys, aliases, policies } = addKeys(scope, model);
  const keyArns = keyArnsOf(model, keys);
  const { streams, consumers } = addStreams(scope, model, keyArns);
  const videoStreams = addVideoStreams(scope, model, keyArns);
  const parties = addParties(scope, model, keyArns);
  orderKeyPolicies(model, policies, parties);
  const administratorPolicies = addStreamAdministrators(scope, model);
  const shareConsumers = addShares(scope, model, streams);
  return { keys, aliases, streams, videoStreams, consumers: new Map([...consumers, ...shareConsumers]), parties, administratorPolicies };
}

export function buildModuleStack(model: Model): ModuleStack {
  const stack = new ModuleStack(model.name);
  addOutputs(stack, model, addModuleResources(stack, model));
  addShareSummaries(stack, model);
  return stack;
}
