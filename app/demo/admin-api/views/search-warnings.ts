// Shopify answers a search on an unsupported field by ignoring the filter and saying so in
// `extensions.search` — never by silently returning everything with no hint.
import type { RequestContext } from "../context";

export function recordSearchWarnings(
  context: RequestContext,
  field: string,
  query: string | null | undefined,
  unsupported: readonly string[],
): void {
  if (!query || unsupported.length === 0) return;
  context.searchWarnings.push({
    path: [field],
    query,
    warnings: unsupported.map((name) => ({ field: name, message: "Invalid search field for this query." })),
  });
}
