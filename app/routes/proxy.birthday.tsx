import { sqlDb } from "../db.server";
import { setBirthday } from "../persistence/birthdays";
import { isValidBirthday } from "../rules/earning-actions";
import { apiError, json, methodNotAllowed, proxyHandler } from "../shopify/storefront-api.server";

// POST /proxy/birthday (storefront: /apps/loyalty/birthday) { month, day } → the birthday and the first year it
// earns. The customer is the one the proxy signature names. A birthday set or changed shortly before it falls earns
// from next year (app/rules/earning-actions.ts birthdayFirstYear); the points come on the day from a scheduled job.
export const action = proxyHandler(async (request, { shop, customerId }) => {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST", { Allow: "POST" });
  if (!customerId) return apiError(401, "sign_in_required", "Sign in to save your birthday");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(400, "invalid_request", "the body must be JSON");
  }
  const { month, day } = (typeof body === "object" && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  if (!isValidBirthday(month, day)) {
    return json({ error: { code: "invalid_birthday", message: "month (1–12) and day must be a real date", field: "day" } }, { status: 400 });
  }
  const birthday = await setBirthday(sqlDb, shop, customerId, month as number, day as number);
  return json({ birthday: { month: birthday.month, day: birthday.day, earnsFrom: birthday.firstYear } });
});

export const loader = methodNotAllowed("POST");
