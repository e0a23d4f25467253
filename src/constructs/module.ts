/** Builds the CDKTF stack of one owner module from the model, in dependency order. */
import type { Model } from "../model/types";
import { addOwnerGuard } from "./guard";
import { addParties, addStreamAdministrators } from "./iam";
import { addKeys } from "./keys";
import { ModuleStack } from "./module-stack";
import { addOutputs, addShareSummaries } from "./outputs";
import { addShares } from "./shares";
import { addStreams, addVideoStreams } from "./streams";

export function buildModuleStack(model: Model): ModuleStack {
  const stack = new ModuleStack(model.name);
  addOwnerGuard(stack, model);
  const keys = addKeys(stack, model);
  const streams = addStreams(stack, model, keys);
  const videoStreams = addVideoStreams(stack, model, keys);
  const roles = addParties(stack, model, keys);
  const administratorPolicies = addStreamAdministrators(stack, model);
  addShares(stack, model, streams);
  addOutputs(stack, model, { keys, streams, videoStreams, roles, administratorPolicies });
  addShareSummaries(stack, model);
  return stack;
}
