import { markApiKeyUsed } from "../persistence/api-keys";
import { sqlDb } from "../db.server";
import { keyRoute, headlessJson } from "../shopify/headless-api.server";
import { redeemFor } from "../shopify/member-api.server";

// POST /api/v1/members/{customerId}/redeem { rewardId, points?, applyTo? } (shop API key): the same redemption as
// /proxy/redeem — the code (or credit) and the new balance; refusals are the proxy's domain errors.
const route = keyRoute(["POST"], { customer: true }, async ({ shop, keyId, customerId }, { body }) => {
  const answer = await redeemFor(shop, customerId!, body, "panel");
  await markApiKeyUsed(sqlDb, keyId);
  return headlessJson(answer);
});
export const loader = route.loader;
export const action = route.action;
