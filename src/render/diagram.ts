/**
 * The module README's Mermaid diagram: producers -> streams -> consumers, keys beside the streams
 * they encrypt, and shares out to other accounts. GitHub and GitLab render it in review.
 */
import type { Model } from "../model/types";
import { mermaidText } from "./markdown";

export function mermaidDiagram(model: Model): string {
  const lines = ["flowchart LR"];
  const node = (id: string, shape: "party" | "stream" | "video" | "key" | "account", label: string): string => {
    const text = `"${mermaidText(label)}"`;
    const shapes = { party: `[${text}]`, stream: `[(${text})]`, video: `[(${text})]`, key: `{{${text}}}`, account: `>${text}]` };
    return `${id}${shapes[shape]}`;
  };
  for (const key of model.keys) lines.push(`  ${node(`key_${key.id}`, "key", `key ${key.name}`)}`);
  for (const stream of model.streams) lines.push(`  ${node(`stream_${stream.id}`, "stream", stream.name)}`);
  for (const stream of model.videoStreams) lines.push(`  ${node(`stream_${stream.id}`, "video", `${stream.name} (video)`)}`);
  for (const party of model.parties) lines.push(`  ${node(`party_${party.id}`, "party", party.name)}`);
  for (const external of model.externalAccounts) lines.push(`  ${node(`account_${external.account}`, "account", `account ${external.label}`)}`);

  const streamId = (name: string): string => {
    const stream = [...model.streams, ...model.videoStreams].find((s) => s.name === name);
    if (stream === undefined) throw new Error(`internal: unknown stream ${name}`);
    return `stream_${stream.id}`;
  };
  for (const stream of [...model.streams, ...model.videoStreams]) {
    if (stream.encryption.kind === "customer-managed") {
      const key = model.keys.find((k) => k.name === (stream.encryption as { key: string }).key);
      if (key !== undefined) lines.push(`  key_${key.id} -. encrypts .- ${streamId(stream.name)}`);
    }
  }
  for (const party of model.parties) {
    for (const stream of party.streams) {
      lines.push(party.kind === "producer" ? `  party_${party.id} --> ${streamId(stream)}` : `  ${streamId(stream)} -->|${mermaidText(party.profile)}| party_${party.id}`);
    }
  }
  for (const share of model.shares) {
    for (const stream of share.streams) {
      const arrow =
        share.access === "write"
          ? `account_${share.account} -->|${mermaidText(share.name)}| ${streamId(stream)}`
          : `${streamId(stream)} -->|${mermaidText(`${share.name}: ${share.access}`)}| account_${share.account}`;
      lines.push(`  ${arrow}`);
    }
  }
  return lines.join("\n");
}
