/**
 * Peak RSS where /usr/bin/time is missing: preloaded into every Node process of a measured run
 * (NODE_OPTIONS=--require), it appends the process's own peak RSS in KiB to BENCH_RSS_FILE on
 * exit. The runner takes the largest line: the peak of the biggest process in the tree.
 */
import { appendFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file !== undefined) process.on("exit", () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
