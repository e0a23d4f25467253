/**
 * Rules about names that must stay distinct once kgen derives other names from them: Terraform
 * identifiers (spec-v1.md, "Names"), IAM role names, registered consumers and KCL lease tables.
 */
import { formatPath, type Report, type SpecPath } from "./diagnostics";
import { outputNames, roleName, terraformIdentifier } from "../model/names";
import type { Spec } from "./types";

interface Named {
  name: string;
  path: SpecPath;
}

export function checkNames(spec: Spec, report: Report): void {
  const entries = (section: "keys" | "streams" | "producers" | "consumers" | "shares" | "accounts"): Named[] =>
    Object.keys(spec[section]).map((name) => ({ name, path: [section, name] }));
  checkIdentifiers("key", entries("keys"), report);
  checkIdentifiers("stream", entries("streams"), report);
  // Producers, consumers and shares share one namespace: parties become IAM roles, and parties and
  // fan-out shares both name the consumers registered on a stream.
  checkIdentifiers("name", [...entries("producers"), ...entries("consumers"), ...entries("shares")], report);
  checkIdentifiers("account alias", entries("accounts"), report);
  for (const name of Object.keys(spec.consumers)) {
    if (!Object.hasOwn(spec.producers, name)) continue;
    report({
      code: "KG2005",
      path: ["consumers", name],
      message: `"${name}" is both a producer and a consumer; both would be the IAM role "${roleName(spec.name, name)}"`,
      hint: "rename one of them",
    });
  }
  checkRegisteredConsumers(spec, report);
  checkKclApplications(spec, report);
  checkOutputNames(spec, report);
  checkRoleNames(spec, report);
}

/**
 * IAM role names are unique per account whatever their path, and "not distinguished by case"
 * (IAM guide "reference_iam-quotas", IAM name requirements): two roles kgen creates, or one it
 * creates and one the spec names in role.arn, may not share a name. The instance profile of an
 * EC2 role has the role's name, so it is unique too.
 */
function checkRoleNames(spec: Spec, report: Report): void {
  const byName = new Map<string, { path: SpecPath; name: string; created: boolean; party: string }>();
  for (const section of ["producers", "consumers"] as const) {
    for (const [party, entry] of Object.entries(spec[section])) {
      const role = entry.role;
      if (entry.user !== undefined || entry.group !== undefined) continue;
      const created = role?.arn === undefined;
      const name = role?.arn !== undefined ? (role.arn.split("/").pop() ?? "") : (role?.name ?? roleName(spec.name, party));
      const path: SpecPath = role?.arn !== undefined ? [section, party, "role", "arn"] : role?.name !== undefined ? [section, party, "role", "name"] : [section, party];
      const key = name.toLowerCase();
      const earlier = byName.get(key);
      if (earlier === undefined) {
        byName.set(key, { path, name, created, party });
        continue;
      }
      // One existing role serving several parties is fine; the same name under producers and consumers is KG2005.
      if ((!created && !earlier.created) || earlier.party === party) continue;
      report({
        code: "KG2039",
        path,
        message: `${formatPath(path)} and ${formatPath(earlier.path)} would both be the IAM role "${name}"${name === earlier.name ? "" : ` ("${earlier.name}": IAM ignores case)`}`,
        hint: created ? "set role.name to another name" : "give the role kgen creates another name (role.name)",
      });
    }
  }
}

/**
 * Output names join an identifier and a suffix, so names of different kinds can meet: a data
 * stream `cam_video` and a video stream `cam` would both output `cam_video_stream_arn`. Every
 * output a name may give (an alias output whether or not the key has an alias yet, so adding one
 * later cannot collide) is checked; the later entry in spec order is reported.
 */
function checkOutputNames(spec: Spec, report: Report): void {
  const outputs: Array<{ output: string; path: SpecPath }> = [];
  const add = (path: SpecPath, ...names: string[]): void => {
    for (const output of names) outputs.push({ output, path });
  };
  for (const name of Object.keys(spec.keys)) {
    const id = terraformIdentifier(name);
    add(["keys", name], outputNames.keyArn(id), outputNames.keyAliasArn(id));
  }
  for (const [name, stream] of Object.entries(spec.streams)) {
    const id = terraformIdentifier(name);
    add(["streams", name], stream.type === "video" ? outputNames.videoStreamArn(id) : outputNames.streamArn(id));
  }
  for (const section of ["producers", "consumers"] as const) {
    for (const name of Object.keys(spec[section])) {
      const id = terraformIdentifier(name);
      add([section, name], outputNames.roleArn(id), outputNames.roleName(id), outputNames.instanceProfileName(id), outputNames.instanceProfileArn(id));
    }
  }
  // One `shared_with_` output per account: named by its alias, or by its id when it has none.
  const aliased = new Set(Object.values(spec.accounts));
  for (const alias of Object.keys(spec.accounts)) add(["accounts", alias], outputNames.sharedWith(alias));
  const byId = new Set<string>();
  for (const [name, share] of Object.entries(spec.shares)) {
    if (!/^\d{12}$/.test(share.account) || aliased.has(share.account) || byId.has(share.account)) continue;
    byId.add(share.account);
    add(["shares", name, "account"], outputNames.sharedWith(share.account));
  }
  const first = new Map<string, SpecPath>();
  for (const { output, path } of outputs) {
    const earlier = first.get(output);
    if (earlier === undefined) {
      first.set(output, path);
      continue;
    }
    // Two names of one namespace with one identifier are reported once, by checkIdentifiers.
    if (sameIdentifier(earlier, path)) continue;
    report({
      code: "KG2004",
      path,
      message: `${formatPath(path)} and ${formatPath(earlier)} would both give the module output "${output}"`,
      hint: "rename one of them",
    });
  }
}

/** Names whose Terraform identifiers collide; the first name in sorted order keeps its identifier. */
function checkIdentifiers(kind: string, named: Named[], report: Report): void {
  const byIdentifier = new Map<string, Named[]>();
  for (const entry of named) {
    const identifier = terraformIdentifier(entry.name);
    const group = byIdentifier.get(identifier);
    if (group) group.push(entry);
    else byIdentifier.set(identifier, [entry]);
  }
  for (const [identifier, group] of byIdentifier) {
    // The same party under producers and consumers is KG2005, not a mapping collision.
    const distinct = [...new Set(group.map((entry) => entry.name))].sort();
    if (distinct.length < 2) continue;
    for (const entry of group.filter((candidate) => candidate.name !== distinct[0])) {
      report({
        code: "KG2004",
        path: entry.path,
        message: `${kind} "${entry.name}" and "${distinct[0]}" both map to the Terraform identifier "${identifier}"`,
        hint: "rename one; identifiers join words with _ in lower case (StockTradeStream -> stock_trade_stream)",
      });
    }
  }
}

/**
 * A stream cannot register two consumers with one name (RegisterStreamConsumer). kgen registers
 * fan-out consumers and fan-out shares under their own names and KCL 2/3 applications under
 * their application name (permissions.md).
 */
function checkRegisteredConsumers(spec: Spec, report: Report): void {
  interface Registration {
    path: SpecPath;
    kcl: boolean;
  }
  const registered = new Map<string, Map<string, Registration>>();
  const register = (stream: string, consumerName: string, registration: Registration): void => {
    const names = registered.get(stream) ?? new Map<string, Registration>();
    registered.set(stream, names);
    const first = names.get(consumerName);
    if (!first) {
      names.set(consumerName, registration);
      return;
    }
    // Two KCL consumers with one application are reported once, by checkKclApplications.
    if (first.kcl && registration.kcl) return;
    report({
      code: "KG2027",
      path: registration.path,
      message: `${formatPath(registration.path)} and ${formatPath(first.path)} would both register consumer "${consumerName}" on "${stream}"`,
      hint: "registered consumer names are unique per stream; rename one",
    });
  };
  for (const [name, consumer] of Object.entries(spec.consumers)) {
    const kcl = consumer.via === "kcl" && consumer.kcl_version !== 1;
    const registers = consumer.via === "fan-out" ? (consumer.aws_name ?? name) : kcl ? consumer.application : undefined;
    if (registers === undefined) continue;
    for (const stream of consumer.streams) register(stream, registers, { path: ["consumers", name], kcl });
  }
  for (const [name, share] of Object.entries(spec.shares)) {
    if (share.access !== "fan-out") continue;
    for (const stream of share.streams) register(stream, share.aws_name ?? name, { path: ["shares", name], kcl: false });
  }
}

/**
 * Two KCL applications with one name in one account would share (and fight over) one lease table:
 * consumers' tables live in the owner account, a KCL share's in the account it shares with.
 */
function checkKclApplications(spec: Spec, report: Report): void {
  const owners = new Map<string, string>();
  const claim = (account: string, application: string, path: SpecPath, what: string): void => {
    const id = `${account}\u0000${application}`;
    const other = owners.get(id);
    if (other === undefined) {
      owners.set(id, what);
      return;
    }
    report({
      code: "KG2027",
      path,
      message: `KCL application "${application}" is also ${other}'s; they would share a lease table in account ${account}`,
      hint: "give each KCL application of an account its own name",
    });
  };
  for (const [name, consumer] of Object.entries(spec.consumers)) {
    if (consumer.via !== "kcl" || consumer.application === undefined) continue;
    claim(spec.owner.account, consumer.application, ["consumers", name, "application"], `consumer "${name}"`);
  }
  for (const [name, share] of Object.entries(spec.shares)) {
    if (share.via !== "kcl") continue;
    const account = /^\d{12}$/.test(share.account) ? share.account : spec.accounts[share.account];
    if (account === undefined) continue;
    const path: SpecPath = share.application === undefined ? ["shares", name] : ["shares", name, "application"];
    claim(account, share.application ?? name, path, `share "${name}"`);
  }
}

function sameIdentifier(a: SpecPath, b: SpecPath): boolean {
  const namespace = (path: SpecPath): unknown => (path[0] === "producers" ? "consumers" : path[0]);
  return namespace(a) === namespace(b) && terraformIdentifier(String(a[1])) === terraformIdentifier(String(b[1]));
}
