// POST /app/customers/:id/support — a support action on the customer's rewards, by the signed-in staff member:
//   intent=resolve  redemptionId   a store-credit reservation whose answer was lost: complete or undo it
//   intent=revoke   redemptionId   deactivate an issued, unused code; points back
//   intent=grant    rewardId, requestKey   issue a reward by hand (no points spent)
// Answers { ok: true, … } or { ok: false, error: <code> } with a 4xx/5xx status; a refused action wrote nothing.
// The rules are in app/persistence/support-actions.ts; the page's cards in app/components/customer-support/.
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import db, { sqlDb } from "../db.server";
import { parseRowId } from "../db/row-id";
import { getMemberDetail } from "../persistence/member-directory";
import { shopCurrency } from "../persistence/shops";
import { RedemptionPendingError, RedemptionRefusedError, UnknownMemberError } from "../persistence/redemption";
import { grantReward, resolveStoreCreditReservation, revokeRewardCode, SupportActionError } from "../persistence/support-actions";
import { RedemptionInputError } from "../rules/rewards";
import { createRewardIssuer } from "../shopify/reward-issuer.server";

export type SupportActionResult =
  | { ok: true; intent: "resolve"; outcome: "confirmed" | "undone" }
  | { ok: true; intent: "revoke"; pointsReturned: number }
  | { ok: true; intent: "grant"; status: string; code: string | null; duplicate: boolean }
  | { ok: false; error: string; field?: "redemptionId" | "rewardId" | "requestKey" | "intent" };

const REQUEST_KEY = /^[A-Za-z0-9_-]{8,64}$/;

function refuse(status: number, error: string, field?: "redemptionId" | "rewardId" | "requestKey" | "intent") {
  return data({ ok: false, error, ...(field ? { field } : {}) } as SupportActionResult, { status });
}

export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, sessionToken, admin } = await authenticate.admin(request);
  const staffUserId = sessionToken?.sub;
  if (!staffUserId) return refuse(403, "staff_unknown");
  const member = await getMemberDetail(db, session.shop, params.id ?? "");
  if (!member) throw new Response("Not found", { status: 404 });

  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const issuer = () => createRewardIssuer(admin.graphql);
  try {
    if (intent === "resolve" || intent === "revoke") {
      const redemptionId = parseRowId(String(form.get("redemptionId") ?? ""));
      if (redemptionId === null) return refuse(400, "redemption_invalid", "redemptionId");
      const target = { shop: session.shop, customerId: member.customerId, redemptionId, staffUserId };
      if (intent === "resolve") {
        const { outcome } = await resolveStoreCreditReservation(sqlDb, issuer(), target);
        return data({ ok: true, intent, outcome } as SupportActionResult);
      }
      const { pointsReturned } = await revokeRewardCode(sqlDb, issuer(), target);
      return data({ ok: true, intent, pointsReturned } as SupportActionResult);
    }
    if (intent === "grant") {
      const rewardId = parseRowId(String(form.get("rewardId") ?? ""));
      if (rewardId === null) return refuse(400, "reward_invalid", "rewardId");
      const requestKey = String(form.get("requestKey") ?? "");
      if (!REQUEST_KEY.test(requestKey)) return refuse(400, "request_key_invalid", "requestKey");
      const currency = await shopCurrency(sqlDb, session.shop);
      const result = await grantReward(sqlDb, issuer(), {
        shop: session.shop,
        customerId: member.customerId,
        rewardId,
        staffUserId,
        requestKey,
        currency,
      });
      return data({
        ok: true,
        intent,
        status: result.redemption.status,
        code: result.redemption.code,
        duplicate: result.duplicate,
      } as SupportActionResult);
    }
    return refuse(400, "intent_invalid", "intent");
  } catch (error) {
    if (error instanceof SupportActionError) return refuse(error.status, error.code);
    if (error instanceof RedemptionInputError) return refuse(error.code === "unknown_reward" ? 404 : 400, error.code, "rewardId");
    if (error instanceof RedemptionRefusedError) return refuse(502, "reward_not_created");
    if (error instanceof RedemptionPendingError) return refuse(503, "redemption_pending");
    if (error instanceof UnknownMemberError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}
