// The Shopify Flow action "Adjust loyalty points" (extensions/flow-adjust-points): a verified Flow request in
// (authenticate.flow checks Shopify's HMAC and finds the shop's offline session), a staff-style adjustment out.
// Audited exactly like a staff adjustment, with "Shopify Flow" as the actor; the action run id is the request key,
// so Flow retrying a run (it does on timeouts and 5xx) adjusts once. Bad input gets a 400 saying what is wrong
// and writes nothing; 4xx tells Flow not to retry, which is right for input that will stay wrong.
import type { SqlDb } from "../db.server";
import { adjustMemberPoints, OverdrawNotConfirmedError, validateAdjustment } from "../persistence/staff-adjustments";
import { PointsLimitError } from "../rules/points-limits";
import { apiError, json } from "./storefront-api.server";

export const FLOW_ACTOR = "Shopify Flow";

type FlowActionBody = { action_run_id?: unknown; properties?: unknown };

/** Shopify's customer id from the customer_reference field: a number, digits, or a Customer gid. */
function customerIdOf(value: unknown): string | null {
  const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : typeof value === "string" ? value.trim() : "";
  const match = /^(?:gid:\/\/shopify\/Customer\/)?([1-9]\d{0,19})$/.exec(text);
  return match ? match[1]! : null;
}

export async function adjustPointsFromFlow(db: SqlDb, shop: string, body: FlowActionBody): Promise<Response> {
  const properties = (body.properties && typeof body.properties === "object" ? body.properties : {}) as Record<string, unknown>;
  const runId = typeof body.action_run_id === "string" ? body.action_run_id : "";
  const customerId = customerIdOf(properties.customer_id);
  if (!customerId) return apiError(400, "invalid_customer", "properties.customer_id must be a Shopify customer id");
  const points = properties.points;
  const checked = validateAdjustment({
    points: typeof points === "number" && Number.isInteger(points) ? String(points) : typeof points === "string" ? points : "",
    reason: typeof properties.reason === "string" ? properties.reason : "",
    requestKey: runId,
    confirmOverdraw: false,
  });
  if (!checked.ok) {
    const issue = checked.issues[0]!;
    const field = issue.field === "requestKey" ? "action_run_id" : `properties.${issue.field}`;
    return apiError(400, issue.code, `${field} is not valid (${issue.code.replace(/_/g, " ")})`);
  }
  try {
    const result = await adjustMemberPoints(db, { shop, customerId, staffUserId: FLOW_ACTOR, ...checked.value });
    if (!result) return apiError(404, "not_a_member", `customer ${customerId} is not a member of the loyalty program`);
    return json({ points: result.adjustment.points, availablePoints: result.availablePoints, duplicate: result.duplicate });
  } catch (error) {
    if (error instanceof OverdrawNotConfirmedError) {
      return apiError(400, "insufficient_points", `the customer has ${error.availableBefore} points; removing ${-checked.value.points} would leave ${error.availableAfter}`);
    }
    if (error instanceof PointsLimitError) return apiError(400, "points_limit", error.message);
    throw error;
  }
}
