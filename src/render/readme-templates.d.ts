/**
 * The README templates of templates/*.md.hbs, precompiled when kgen is built
 * (scripts/precompile-templates.js writes dist/render/readme-templates.js; under jest,
 * test/support/readme-templates-transform.js builds the same module), so kgen loads Handlebars'
 * runtime only, never its compiler (issue #17).
 */
import type { TemplateSpecification } from "handlebars";

/** File name (`module-readme.md.hbs`) -> the precompiled template. */
export declare const templates: Readonly<Record<string, TemplateSpecification | undefined>>;
