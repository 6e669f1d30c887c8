/** Jest runs the TypeScript tests through ts-jest; type errors are caught by `tsc` in `npm test`, so
 *  ts-jest only transpiles (isolatedModules), which keeps a cold run on two cores fast. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true, diagnostics: false }] },
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/support/summaryReporter.js"],
};
