// Unit and integration tests (Node). The browser tests have their own config (vitest.browser.config.ts).
// `npm test` (scripts/test.mjs) runs this suite once on SQLite and once on PostgreSQL with DATABASE_URL set
// to a freshly migrated database.
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/test-database.ts"],
    // The values of @shopify/shopify-api/test-helpers (API_KEY, API_SECRET_KEY, APP_URL), so Shopify's own
    // helpers sign requests the real app configuration accepts.
    env: {
      SHOPIFY_API_KEY: "testApiKey",
      SHOPIFY_API_SECRET: "testApiSecretKey",
      SHOPIFY_APP_URL: "https://my-test-app.myshopify.io",
      NODE_ENV: "test",
    },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
