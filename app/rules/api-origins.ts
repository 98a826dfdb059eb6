// The origins a merchant lets browsers call the customer-facing headless API from (CORS, /api/v1/customer/*), as
// typed in admin: one a line. Pure: parsing and checking only.

export const MAX_ALLOWED_ORIGINS = 20;
const MAX_ORIGIN_LENGTH = 200;

export type OriginsIssue = { code: "invalid_origin" | "too_many_origins"; line: number };

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

/**
 * An origin as a browser sends it (`scheme://host[:port]`, lower case, no default port), or null. Only https, and
 * http for localhost (a developer's machine): an http origin anywhere else can be spoofed on the way, so
 * listing it would hand the shop's customers' tokens' answers to whoever sits on the network. No path, query, user
 * or wildcard: CORS compares origins exactly.
 */
export function normaliseOrigin(text: string): string | null {
  const trimmed = text.trim().replace(/\/$/, "");
  if (trimmed.length === 0 || trimmed.length > MAX_ORIGIN_LENGTH || trimmed.includes("*")) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) return null;
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/") return null;
  // URL accepts "https://shop" as well; an origin on the web has a dot in its host (loopback aside).
  if (!isLoopback(url.hostname) && !url.hostname.includes(".")) return null;
  if (url.origin !== trimmed.toLowerCase()) return null;
  return url.origin;
}

/** The textarea's lines as origins (blank lines skipped, repeats dropped), or the first line at fault (1-based). */
export function parseAllowedOrigins(text: string): { origins: string[] } | { issue: OriginsIssue } {
  const origins: string[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const origin = normaliseOrigin(line);
    if (origin === null) return { issue: { code: "invalid_origin", line: index + 1 } };
    if (!origins.includes(origin)) origins.push(origin);
    if (origins.length > MAX_ALLOWED_ORIGINS) return { issue: { code: "too_many_origins", line: index + 1 } };
  }
  return { origins };
}
