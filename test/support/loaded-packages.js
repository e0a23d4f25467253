// @ts-check
/**
 * Preloaded into a kgen process (`node --require`, test/cli/module-loading.test.ts): when the
 * process exits, writes the npm packages it loaded, one per line, to $KGEN_LOADED_PACKAGES, then
 * kgen's own compiled files it loaded, as `dist/cli/synth.js`.
 * Node's own module cache is the witness: a package is loaded once it is in require.cache.
 */
"use strict";
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  const packages = new Set();
  const own = [];
  for (const file of Object.keys(require.cache)) {
    const dist = /[\\/]dist[\\/](?!.*[\\/]node_modules[\\/])(.*)$/.exec(file);
    if (dist && !file.includes("node_modules")) own.push(`dist/${dist[1].replace(/\\/g, "/")}`);
    // The last node_modules/ in the path names the package: @scope/name or name.
    const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*[\\/]node_modules[\\/])/.exec(file);
    if (match) packages.add(match[1].replace(/\\/g, "/"));
  }
  writeFileSync(String(process.env.KGEN_LOADED_PACKAGES), [...[...packages].sort(), ...own.sort()].join("\n"));
});
