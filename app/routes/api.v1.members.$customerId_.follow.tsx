import { markApiKeyUsed } from "../persistence/api-keys";
import { sqlDb } from "../db.server";
import { keyRoute, headlessJson } from "../shopify/headless-api.server";
import { followFor } from "../shopify/member-api.server";

// POST /api/v1/members/{customerId}/follow { network } (shop API key): as /proxy/follow, once per network.
const route = keyRoute(["POST"], { customer: true }, async ({ shop, keyId, customerId }, { body }) => {
  const answer = await followFor(shop, customerId!, body);
  await markApiKeyUsed(sqlDb, keyId);
  return headlessJson(answer);
});
export const loader = route.loader;
export const action = route.action;
