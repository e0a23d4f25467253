/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "@swc/jest" },
  // docs/examples import kgen by its package name, as a user would.
  moduleNameMapper: { "^kgen$": "<rootDir>/src/index.ts" },
  // The provider bindings are large; one worker per core keeps memory predictable on CI.
  maxWorkers: 2,
  // A folder per run for what workers share: the Terraform tier's probe and provider cache.
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
};
