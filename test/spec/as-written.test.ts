/**
 * A spec from validateSpec, written back as YAML, validates again to the same spec: what
 * KinesisAccess does with the typed spec it is given (docs/library.md: "the spec, as kgen validate
 * would produce it"). Validation fills in defaults that may not be written where they do not
 * apply (an existing key's rotation_days, a video stream's capacity); asWritten takes them out.
 */
import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { asWritten } from "../../src/spec/as-written";
import { validateSpec } from "../../src/spec/rules";
import { exampleFiles } from "../support/examples";

test.each(exampleFiles())("%s: validated, written back and validated again, is the same spec", (file) => {
  const first = validateSpec(file, readFileSync(file, "utf8"));
  if (first.spec === undefined) throw new Error("example does not validate");
  const again = validateSpec("again.yaml", stringify(asWritten(first.spec)));
  expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(JSON.stringify(again.spec)).toBe(JSON.stringify(first.spec));
});

test("only defaults that do not apply are taken out; a written value that does not apply is kept, and still an error", () => {
  const text = "version: 1\nname: demo\nowner: { account: '123456789012', region: us-east-1 }\nkeys:\n  old: { arn: 'arn:aws:kms:us-east-1:123456789012:key/1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b' }\nstreams:\n  Cam: { type: video, encryption: old }\n";
  const { spec } = validateSpec("demo.yaml", text);
  if (spec === undefined) throw new Error("does not validate");
  expect(spec.keys.old).toMatchObject({ rotation_days: 365, administrators: [] });
  expect(spec.streams.Cam).toMatchObject({ capacity: "on-demand" });
  const written = asWritten(spec) as typeof spec;
  expect(Object.keys(written.keys.old)).toEqual(["arn"]);
  expect(written.streams.Cam).not.toHaveProperty("capacity");
  expect(written.streams.Cam).toMatchObject({ type: "video", retention_hours: 24, administrators: [] });

  const edited = { ...spec, keys: { old: { ...spec.keys.old, rotation_days: 400 } } };
  const again = validateSpec("again.yaml", stringify(asWritten(edited)));
  expect(again.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(["KG1019 keys.old.rotation_days"]);
});
