// @ts-check
/**
 * Under jest, src/ runs unbuilt, so src/render/readme.ts's `./readme-templates` (which the build
 * writes into dist/) is mapped to test/support/readme-templates.js, and this transform replaces
 * that file's text with the module the build writes, made by the same function from the same
 * templates (jest.config.js). The cache key covers the templates and the Handlebars release.
 */
"use strict";
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { TEMPLATES_DIR, templateNames, precompiledTemplates } = require("../../scripts/precompile-templates");

module.exports = {
  process() {
    return { code: precompiledTemplates() };
  },
  getCacheKey() {
    const hash = createHash("sha256");
    hash.update(readFileSync(join(__dirname, "../../scripts/precompile-templates.js")));
    hash.update(readFileSync(require.resolve("handlebars/package.json")));
    for (const name of templateNames()) hash.update(name).update("\0").update(readFileSync(join(TEMPLATES_DIR, name))).update("\0");
    return hash.digest("hex");
  },
};
