/**
 * How far V8 lets the heap grow past what survived its last full collection. Left to itself, it
 * grows up to 4× when collections are quick (V8 heap/memory-controller.cc, `MaxGrowingFactor`),
 * and a synth run holds a few large values at a time (a stack's JSON, a module's README and
 * tests): at 1,000 streams peak RSS was ~510 MB for ~150 MB that ever survived a full collection
 * (`node --trace-gc`). Measured on 3 interleaved runs each (issue #17, load average ~6): growth
 * 1.5× peaked at 304 MB, 1.75× at 328 MB, 2× at 383 MB, V8's own at 509 MB, with CPU times
 * within the noise of each other (13.6 to 14.6 s). Set by the CLI for its own process only,
 * before any command loads: the library leaves the embedding process's heap alone.
 */
import { setFlagsFromString } from "node:v8";

/** `--heap-growing-percent`: the factor is 1 + this / 100 (V8 flag-definitions.h). */
export const HEAP_GROWING_PERCENT = 50;

export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
