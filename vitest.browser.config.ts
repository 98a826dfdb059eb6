// Browser tests: the real demo app (built and started by tests/browser/demo-server.ts) in Debian's Chromium.
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files share one demo database for the run, and the admin tests change demo shoppers' balances (adjustments,
 * an import) that the storefront tests read. Vitest's default order follows its cache of earlier runs (failed and
 * slow files first), so the order is fixed instead: the storefront's files first, the admin's last.
 */
class StorefrontFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => (/\/admin-[^/]*\.test\.ts$/.test(file.moduleId) ? 1 : 0);
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  test: {
    include: ["tests/browser/**/*.test.ts"],
    globalSetup: ["tests/browser/demo-server.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    sequence: { sequencer: StorefrontFirst },
  },
});
