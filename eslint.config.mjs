// Lint: typescript-eslint's type-checked recommended rules (https://typescript-eslint.io/getting-started/typed-linting)
// over the package, the scripts, the tests and the examples. Formatting is Prettier's (.prettierrc.json); `npm run lint`
// runs both.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".tmp/**", "coverage/**", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ["./tsconfig.test.json", "./examples/tsconfig.json"], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      // Passing on a caught error (typed `unknown`) is not inventing a non-Error reason; `only-throw-error` allows the
      // same for `throw` by default.
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
      // A leading underscore marks a deliberately unused binding, and `const { dropped: _x, ...rest } = o` is how the
      // code leaves a key out of a copy: neither is a forgotten variable.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The dynamic provider's methods (serialized stubs that `require` the implementation) and the tests' fakes of
    // clocks, pages, loaders and providers implement Promise-returning interfaces: `async` is what makes a throw a
    // rejection, as the real implementations' are, so an `await` is not owed.
    files: ["provider/pulumi/makeProvider.ts", "test/**/*.ts"],
    rules: { "@typescript-eslint/require-await": "off" },
  },
);
