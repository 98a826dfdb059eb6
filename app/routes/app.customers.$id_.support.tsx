// POST /app/customers/:id/support — a support action on the customer's rewards, by the signed-in staff member:
//   intent=resolve  redemptionId           a store-credit reservation whose answer was lost: complete or undo it
//   intent=revoke   redemptionId           deactivate an issued, unused code; points back
//   intent=grant    rewardId, requestKey   issue a reward by hand (no points spent)
// Answers { ok: true, … }, or the admin's refusal { ok: false, issues: [{ field, code }] } with a 4xx/5xx status;
// a refused action wrote nothing. The rules are in app/persistence/support-actions.ts; the page's cards beside the
// customer page (app/routes/app.customers.$id/).
import type { ActionFunctionArgs } from "@remix-run/node";
import db, { sqlDb } from "../db.server";
import { formValues, notFound, refused, requireStaff, type Refused } from "../admin/route-kit.server";
import { parseRowId } from "../db/row-id";
import { getMemberDetail } from "../persistence/member-directory";
import { shopCurrency } from "../persistence/shops";
import { RedemptionPendingError, RedemptionRefusedError, UnknownMemberError } from "../persistence/redemption";
import { grantReward, resolveStoreCreditReservation, revokeRewardCode, SupportActionError } from "../persistence/support-actions";
import { RedemptionInputError } from "../rules/rewards";
import { createRewardIssuer } from "../shopify/reward-issuer.server";

/** What a refusal is about: the reward or redemption acted on, or the form itself. */
export type SupportField = "redemptionId" | "rewardId" | "requestKey" | "intent";

export type SupportActionResult =
  | { ok: true; intent: "resolve"; outcome: "confirmed" | "undone" }
  | { ok: true; intent: "revoke"; pointsReturned: number }
  | { ok: true; intent: "grant"; status: string; code: string | null; duplicate: boolean }
  | Refused<SupportField>;

const REQUEST_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export async function loader() {
  notFound();
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, staffUserId, admin } = await requireStaff(request);
  const member = (await getMemberDetail(db, shop, params.id ?? "")) ?? notFound();
  const form = formValues(await request.formData(), ["intent", "redemptionId", "rewardId", "requestKey"]);
  const issuer = () => createRewardIssuer(admin.graphql);
  try {
    if (form.intent === "resolve" || form.intent === "revoke") {
      const redemptionId = parseRowId(form.redemptionId);
      if (redemptionId === null) return refused<SupportField>("redemptionId", "redemption_invalid");
      const target = { shop, customerId: member.customerId, redemptionId, staffUserId };
      if (form.intent === "resolve") {
        const { outcome } = await resolveStoreCreditReservation(sqlDb, issuer(), target);
        return { ok: true as const, intent: "resolve" as const, outcome };
      }
      const { pointsReturned } = await revokeRewardCode(sqlDb, issuer(), target);
      return { ok: true as const, intent: "revoke" as const, pointsReturned };
    }
    if (form.intent === "grant") {
      const rewardId = parseRowId(form.rewardId);
      if (rewardId === null) return refused<SupportField>("rewardId", "reward_invalid");
      if (!REQUEST_KEY.test(form.requestKey)) return refused<SupportField>("requestKey", "request_key_invalid");
      const currency = await shopCurrency(sqlDb, shop);
      const result = await grantReward(sqlDb, issuer(), {
        shop,
        customerId: member.customerId,
        rewardId,
        staffUserId,
        requestKey: form.requestKey,
        currency,
      });
      return {
        ok: true as const,
        intent: "grant" as const,
        status: result.redemption.status,
        code: result.redemption.code,
        duplicate: result.duplicate,
      };
    }
    return refused<SupportField>("intent", "intent_invalid");
  } catch (error) {
    const field: SupportField = form.intent === "grant" ? "rewardId" : "redemptionId";
    if (error instanceof SupportActionError) return refused<SupportField>(field, error.code, error.status);
    if (error instanceof RedemptionInputError) return refused<SupportField>("rewardId", error.code, error.code === "unknown_reward" ? 404 : 400);
    if (error instanceof RedemptionRefusedError) return refused<SupportField>("rewardId", "reward_not_created", 502);
    if (error instanceof RedemptionPendingError) return refused<SupportField>("rewardId", "redemption_pending", 503);
    if (error instanceof UnknownMemberError) notFound();
    throw error;
  }
}
