// Browser tests: the real demo app (built and started by tests/browser/demo-server.ts) in Debian's Chromium.
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * All files share one demo server and database. The storefront tests read the demo shoppers' seeded balances and
 * history; the admin page tests change them (adjustments, imports). So the order is fixed — admin pages last —
 * rather than vitest's default (by the durations it cached from earlier runs, which changes from run to run).
 */
class SeededDataFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const changesData = (file: TestSpecification) => (file.moduleId.endsWith("admin-pages.test.ts") || file.moduleId.endsWith("tiers-history.test.ts") ? 1 : 0);
    return [...files].sort((a, b) => changesData(a) - changesData(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  test: {
    include: ["tests/browser/**/*.test.ts"],
    globalSetup: ["tests/browser/demo-server.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    sequence: { sequencer: SeededDataFirst },
  },
});
