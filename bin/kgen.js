#!/usr/bin/env node
"use strict";
// The compiled CLI lives in dist/ (built by `npm ci` through the `prepare` script).
let cli;
try {
  cli = require("../dist/cli/main.js");
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND" && /dist[\\/]cli[\\/]main/.test(String(error.message))) {
    process.stderr.write("kgen: not built yet; run `npm ci` (or `npm run build`) in the kgen folder first\n");
    process.exit(2);
  }
  throw error;
}
cli.main();
