/**
 * Documents one synth asks for several times over the same model: its policy size checks
 * (limits.ts), its constructs and its README's access summary (explain) each want every key
 * policy and every shared stream's resource policy, the same value each time. At 1,000 streams
 * building them once took ~50–80 ms (issue #17). They are built once per model and shared: a
 * resolved model is never changed, and every caller only reads a document (serializes or
 * evaluates it), so sharing changes no output.
 */
import type { Model } from "../model/types";

export type PerModel<T extends object, V> = WeakMap<Model, Map<T, V>>;

/** `build()` the first time `of` is asked for with this model; the same value after that. */
export function oncePerModel<T extends object, V>(cache: PerModel<T, V>, model: Model, of: T, build: () => V): V {
  let built = cache.get(model);
  if (built === undefined) {
    built = new Map();
    cache.set(model, built);
  }
  if (built.has(of)) return built.get(of) as V;
  const value = build();
  built.set(of, value);
  return value;
}
