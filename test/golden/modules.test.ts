/**
 * Golden tests: the committed modules/ are the reviewed output of examples/. A change to kgen
 * that changes generated HCL shows up here, and in review, as a diff of modules/; a stale
 * module fails the build. Regenerate with `npm run synth:examples`.
 */
import { readFileSync, readdirSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { compileSpec } from "../../src/compile";
import { MANIFEST_FILE, manifestText } from "../../src/output/manifest";
import { exampleFiles, MODULES_DIR, readExample, ROOT } from "../support/examples";

describe.each(exampleFiles().map((file) => [basename(file), file]))("modules generated from examples/%s", (_name, file) => {
  test("are committed under modules/ byte for byte", async () => {
    const { diagnostics, modules } = await compileSpec(relative(ROOT, file), readExample(file));
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(modules.length).toBeGreaterThan(0);
    for (const module of modules) {
      const dir = join(MODULES_DIR, module.name);
      const committed = filesUnder(dir).sort();
      expect(committed).toEqual([...module.files.keys(), MANIFEST_FILE].sort());
      expect(readFileSync(join(dir, MANIFEST_FILE), "utf8")).toBe(manifestText(module.spec, module.files.keys()));
      for (const [name, content] of module.files) {
        // toBe on the whole text: the failure shows the diff a reviewer would see.
        expect(`${name}:\n${readFileSync(join(dir, name), "utf8")}`).toBe(`${name}:\n${content}`);
      }
    }
  });
});

/** Every file under a module folder, as the manifest names them (`tests/kgen.tftest.hcl`). */
function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(dir, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}
