#!/usr/bin/env node
// @ts-check
// Writes examples/root/<name>/main.tf, the root module of each bundled example (see
// src/render/root-example.ts), from the built kgen: run through `npm run synth:examples`.
"use strict";
const { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { validateSpec } = require("../dist/spec/rules");
const { resolveModel } = require("../dist/model/resolve");
const { renderRootExample } = require("../dist/render/root-example");

const examples = join(__dirname, "..", "examples");
const roots = join(examples, "root");
/** @type {string[]} */
const names = [];
for (const file of readdirSync(examples).filter((f) => f.endsWith(".yaml")).sort()) {
  const { spec } = validateSpec(`examples/${file}`, readFileSync(join(examples, file), "utf8"));
  if (spec === undefined) throw new Error(`examples/${file} does not validate`);
  const model = resolveModel(spec);
  mkdirSync(join(roots, model.name), { recursive: true });
  writeFileSync(join(roots, model.name, "main.tf"), renderRootExample(model, `examples/${file}`, "../../../modules"));
  names.push(model.name);
}
for (const stale of readdirSync(roots).filter((name) => !names.includes(name))) rmSync(join(roots, stale), { recursive: true });
