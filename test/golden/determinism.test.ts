/** Same spec, same bytes: whatever the run, the time zone or the order of keys in the YAML. */
import { parseDocument, isMap, type Node } from "yaml";
import { compileSpec } from "../../src/compile";
import { exampleFiles, readExample } from "../support/examples";

/** Reverses the order of every mapping in the document, comments and all. */
function reverseKeyOrder(text: string): string {
  const document = parseDocument(text);
  const reverse = (node: Node | null | undefined): void => {
    if (isMap(node)) {
      node.items.reverse();
      for (const pair of node.items) reverse(pair.value as Node);
    }
  };
  reverse(document.contents as Node);
  return document.toString();
}

async function filesOf(text: string): Promise<Array<[string, string]>> {
  const { modules } = await compileSpec("spec.yaml", text);
  return modules.flatMap((m) => [...m.files].map(([name, content]): [string, string] => [`${m.name}/${name}`, content]));
}

describe.each(exampleFiles())("%s", (file) => {
  test("two runs give byte-identical files", async () => {
    const text = readExample(file);
    expect(await filesOf(text)).toEqual(await filesOf(text));
  });

  test("reordering every YAML mapping changes nothing", async () => {
    const text = readExample(file);
    const reordered = reverseKeyOrder(text);
    expect(reordered).not.toBe(text);
    expect(await filesOf(reordered)).toEqual(await filesOf(text));
  });

  test("another time zone changes nothing", async () => {
    const text = readExample(file);
    const before = await filesOf(text);
    const zone = process.env.TZ;
    process.env.TZ = "Pacific/Chatham";
    try {
      expect(await filesOf(text)).toEqual(before);
    } finally {
      process.env.TZ = zone;
    }
  });

  test("no timestamps, absolute paths or tool versions in the output", async () => {
    for (const [name, content] of await filesOf(readExample(file))) {
      expect(`${name}: ${/\d{4}-\d{2}-\d{2}T\d{2}:|\/work\/|\/home\/|\/tmp\/|cdktf|0\.21\.0/i.exec(content)?.[0] ?? "clean"}`).toBe(`${name}: clean`);
    }
  });
});
