import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  { ignores: ["node_modules", "build", "app/generated", "app/types", "extensions/*/assets", "extensions/*/dist", "extensions/*/shopify.d.ts", "test-results", "bench-results", ".cache"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // The rules (what earns, what a reward is, money, CSV, codes) are pure: they take values and return values,
    // so they are tested without a database and reused by every surface. Storage lives in app/persistence.
    files: ["app/rules/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/db.server", "**/db/*", "**/persistence/*", "**/generated/*", "**/shopify/*", "**/jobs/*", "**/routes/*"],
              message: "app/rules is pure: take the values as arguments; read and write them in app/persistence.",
            },
            {
              group: ["@prisma/*", "kysely", "pg", "better-sqlite3", "@shopify/shopify-app-remix*", "@remix-run/*"],
              message: "app/rules is pure: no database, Shopify or HTTP library here.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: globals.node },
  },
  {
    // Scripts served to the browser (the demo App Bridge stand-in, theme extension assets).
    files: ["app/demo/*.js", "extensions/**/*.js"],
    languageOptions: { globals: globals.browser },
  },
);
