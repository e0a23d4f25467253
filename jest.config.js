/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "@swc/jest" },
  // The provider bindings are large; one worker per core keeps memory predictable on CI.
  maxWorkers: 2,
};
