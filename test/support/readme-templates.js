// Stands in for dist/render/readme-templates.js under jest: readme-templates-transform.js
// replaces this text with the precompiled templates (see jest.config.js).
