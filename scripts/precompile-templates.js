#!/usr/bin/env node
// @ts-check
/**
 * The module READMEs' Handlebars templates (templates/*.md.hbs), precompiled into one CommonJS
 * module, so that kgen loads Handlebars' small runtime and never its compiler: compiling the two
 * templates at run time was about a fifth of the work of a 1-stream `kgen synth` (issue #17).
 *
 * - `npm run build` runs this file after tsc: `node scripts/precompile-templates.js
 *   dist/render/readme-templates.js`, the module src/render/readme-templates.d.ts declares.
 * - Under jest, src/ runs unbuilt: test/support/readme-templates-transform.js builds the same
 *   module with precompiledTemplates() below.
 */
"use strict";
const { readFileSync, readdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const Handlebars = require("handlebars");

const TEMPLATES_DIR = join(__dirname, "..", "templates");

/**
 * noEscape: every value is escaped by a helper for its own Markdown context (src/render/readme.ts);
 * strict: a field the template names and the context lacks is an error, not an empty string.
 */
const OPTIONS = { noEscape: true, strict: true };

/** @returns {string[]} the README templates' file names, sorted */
function templateNames() {
  return readdirSync(TEMPLATES_DIR)
    .filter((name) => name.endsWith(".md.hbs"))
    .sort();
}

/** @returns {string} the module's source: `exports.templates`, file name -> template specification */
function precompiledTemplates() {
  const entries = templateNames().map((name) => {
    const source = readFileSync(join(TEMPLATES_DIR, name), "utf8");
    return `  ${JSON.stringify(name)}: ${Handlebars.precompile(source, OPTIONS)},`;
  });
  return [
    '"use strict";',
    "// Generated from templates/*.md.hbs by scripts/precompile-templates.js: edit the templates, not this file.",
    "exports.templates = {",
    ...entries,
    "};",
    "",
  ].join("\n");
}

module.exports = { TEMPLATES_DIR, templateNames, precompiledTemplates };

if (require.main === module) {
  const [out] = process.argv.slice(2);
  if (out === undefined) throw new Error("usage: node scripts/precompile-templates.js OUT.js");
  writeFileSync(out, precompiledTemplates());
}
