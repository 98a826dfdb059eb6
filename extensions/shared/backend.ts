// How the UI extensions reach the app: `fetch` to the app's /extension/* endpoints with the session token Shopify
// gives the extension as a bearer (app/shopify/extension-api.server.ts checks it). The app's URL is fixed at build
// time (APP_URL below, kept equal to shopify.app.toml's application_url by scripts/check-ui-extensions.ts);
// `shopify app config link` rewrites the toml, and this file with it by hand.
export const APP_URL = "https://example.com";

/** The /extension/{surface}/me answer (docs/proxy-api.md). */
export type ExtensionMe = {
  signedIn: boolean;
  program: { pointsPerUnit: number; pendingDays: number; currency: string; timeZone: string };
  member: {
    availablePoints: number;
    pendingPoints: number;
    rewards: Array<{ id: number; type: string; title: string; pointsCost: number; cheapestPoints: number; minimumSubtotalMinor: number | null; affordable: boolean }>;
    history: { entries: Array<{ id: number; kind: string; availableDelta: number; pendingDelta: number; reason: string; createdAt: string }>; nextBefore: number | null };
    issuedRewards: Array<{ id: number; title: string; status: string; code: string | null; expiresAt: string | null; points: number }>;
    birthday: { month: number; day: number } | null;
    tier: { measure: string; current: { names: Record<string, string> } | null; next: { names: Record<string, string> } | null; progress: number; needed: number } | null;
  } | null;
  order: { points: number; releaseAt: string; released: boolean; cancelled: boolean } | null;
};

export type Redeemed = { redemption: { id: number; code: string | null; points: number }; availablePoints: number };

export class BackendError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
  }
}

export async function backend<T>(token: () => Promise<string>, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${APP_URL}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${await token()}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => null)) as { error?: { code: string } } | null;
  if (!response.ok) throw new BackendError(response.status, answer?.error?.code ?? "unknown");
  return answer as T;
}
