// msw request handlers that route the app's Admin GraphQL calls — POST https://{shop}/admin/api/{version}/graphql.json,
// exactly what @shopify/shopify-api sends — to a stand-in. The access token is checked the way Shopify checks its
// presence: a request without one gets 401 and is never executed.
//
// Token exchange (POST https://{shop}/admin/oauth/access_token) is answered too, as Shopify answers it when a shop
// installs the app (Shopify-managed installation): an offline access token with the scopes the app asks for. The
// app has already verified the session token it exchanges; the stand-in only checks the request has the fields.
import { delay, http, HttpResponse } from "msw";
import type { AdminApiStandIn } from "./index";
import { INVALID_TOKEN_MESSAGE, type GraphqlRequestBody } from "./execute";
import { DEFAULT_SCOPES } from "../../shopify/app-environment.server";
import { BULK_DOWNLOAD_BASE, bulkDownload } from "./views/bulk-operations";

const ADMIN_GRAPHQL_URL = /^https:\/\/([a-z0-9][a-z0-9-]*\.myshopify\.com)\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/;
const TOKEN_EXCHANGE_URL = /^https:\/\/([a-z0-9][a-z0-9-]*\.myshopify\.com)\/admin\/oauth\/access_token$/;
const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";

function isGraphqlBody(value: unknown): value is GraphqlRequestBody {
  return typeof value === "object" && value !== null && typeof (value as GraphqlRequestBody).query === "string";
}

export function adminApiHandlers(standIn: AdminApiStandIn) {
  return [
    // A completed bulk operation's JSONL, at the URL its `url` field gave (Shopify serves it from cloud storage).
    http.get(`${BULK_DOWNLOAD_BASE}*`, ({ request }) => {
      const body = bulkDownload(standIn.state.shops.values(), request.url);
      return body === null ? new HttpResponse("NoSuchKey", { status: 404 }) : new HttpResponse(body, { headers: { "Content-Type": "application/jsonl" } });
    }),
    http.post(TOKEN_EXCHANGE_URL, async ({ request }) => {
      const [, shop] = TOKEN_EXCHANGE_URL.exec(request.url.split("?")[0]!)!;
      const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
      if (!body?.client_id || !body.client_secret || !body.subject_token) {
        return HttpResponse.json({ error: "invalid_request" }, { status: 400 });
      }
      if (body.requested_token_type !== OFFLINE_TOKEN_TYPE) {
        return HttpResponse.json({ error: "unsupported_token_type" }, { status: 400 });
      }
      return HttpResponse.json({ access_token: `stand-in-offline-token-${shop}`, scope: DEFAULT_SCOPES.join(",") });
    }),
    http.post(ADMIN_GRAPHQL_URL, async ({ request }) => {
      const [, shop, apiVersion] = ADMIN_GRAPHQL_URL.exec(request.url.split("?")[0]!)!;
      if (!request.headers.get("X-Shopify-Access-Token")) {
        return HttpResponse.json({ errors: INVALID_TOKEN_MESSAGE }, { status: 401 });
      }
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        return HttpResponse.json({ errors: { query: "Required parameter missing or invalid" } }, { status: 400 });
      }
      if (!isGraphqlBody(body)) {
        return HttpResponse.json({ errors: { query: "Required parameter missing or invalid" } }, { status: 400 });
      }
      const response = await standIn.execute(shop!, apiVersion!, body);
      if (response.networkError) return HttpResponse.error();
      if (response.delayMs !== undefined) {
        await delay(Number.isFinite(response.delayMs) ? response.delayMs : "infinite");
      }
      return HttpResponse.json(response.body as Record<string, unknown>, { status: response.status });
    }),
  ];
}
