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
);
