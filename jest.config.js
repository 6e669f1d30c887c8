/** Jest runs the TypeScript tests through ts-jest. Type errors are caught by `npm run typecheck` (tsc over
 *  provider/, test/, scripts/ and examples/) in `npm test`, so ts-jest only transpiles (tsconfig
 *  `isolatedModules`), which keeps a cold run on two cores fast. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  testTimeout: 60000,
  setupFiles: ["<rootDir>/test/support/noInstanceMetadata.js"],
  reporters: ["default", "<rootDir>/test/support/summaryReporter.js"],
};
