// Tests of the project's own checks (tests/tooling): each runs a tool (tsc, GraphQL codegen, the Shopify CLI) on a
// deliberately broken copy in a temp dir and expects it to fail. No database, no app server; the tools are slow to
// start, hence the long timeout. `npm test` runs them as its "tooling" stage.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/tooling/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
  },
});
