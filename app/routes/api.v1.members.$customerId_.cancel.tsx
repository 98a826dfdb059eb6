import { markApiKeyUsed } from "../persistence/api-keys";
import { sqlDb } from "../db.server";
import { keyRoute, headlessJson } from "../shopify/headless-api.server";
import { cancelFor } from "../shopify/member-api.server";

// POST /api/v1/members/{customerId}/cancel { redemptionId } (shop API key): the unused code deactivated and its
// points back, as /proxy/cancel; only that customer's redemptions (another's answers 404).
const route = keyRoute(["POST"], { customer: true }, async ({ shop, keyId, customerId }, { body }) => {
  const answer = await cancelFor(shop, customerId!, body);
  await markApiKeyUsed(sqlDb, keyId);
  return headlessJson(answer);
});
export const loader = route.loader;
export const action = route.action;
