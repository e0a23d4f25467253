/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": "@swc/jest",
    // The README templates, precompiled as `npm run build` precompiles them into dist/.
    "/test/support/readme-templates\\.js$": "<rootDir>/test/support/readme-templates-transform.js",
  },
  moduleNameMapper: {
    // docs/examples import kgen by its package name, as a user would.
    "^kgen$": "<rootDir>/src/index.ts",
    // src/render/readme.ts's precompiled templates, which the build writes into dist/render/.
    "^\\./readme-templates$": "<rootDir>/test/support/readme-templates.js",
  },
  // The provider bindings are large; one worker per core keeps memory predictable on CI.
  maxWorkers: 2,
  // Many tests wait for kgen processes or thousands of policy simulations: about a second each
  // alone, but CI runners and developer machines are shared, and jest's default of 5 s then fails
  // tests that are merely slow. A hang still fails, after a minute.
  testTimeout: 60_000,
  // A folder per run for what workers share: the Terraform tier's probe and provider cache.
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
};
