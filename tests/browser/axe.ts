// axe-core in the page under test: the serious and critical accessibility violations, described well enough to fix.
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

type AxeResults = { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }> };

/**
 * Runs axe over the whole document. `skipRules` names rules that are not the page's to fix, each with its reason
 * where it is passed (e.g. "document-title" in the embedded admin, whose title is the admin's TitleBar).
 */
export async function axeViolations(page: Page, skipRules: string[] = []): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const rules = Object.fromEntries(skipRules.map((rule) => [rule, { enabled: false }]));
  const results = (await page.evaluate(
    (options) => (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }).axe.run(document, options),
    { rules },
  )) as AxeResults;
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}
