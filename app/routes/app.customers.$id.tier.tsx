// GET/POST /app/customers/:id/tier — a resource route for the customer page's tier card: the member's tier standing
// and history of tier changes, and staff setting the tier by hand (reason and hold-until date, audited).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db, { sqlDb } from "../db.server";
import { badRequest, notFound, readForm, requireAdmin, requireStaff } from "../admin/route-kit.server";
import { getMemberDetail } from "../persistence/member-directory";
import { getMemberTierSummary } from "../persistence/member-tier-summary";
import { assignMemberTier, memberTierChanges, type TierAssignmentIssue } from "../persistence/tier-assignment";
import { shopTimeZone } from "../persistence/shops";
import { shopCurrency } from "../persistence/shops";
import { localDate } from "../rules/tier-periods";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const member = (await getMemberDetail(db, shop, params.id ?? "")) ?? notFound();
  const [summary, changes, zone, currency] = await Promise.all([
    getMemberTierSummary(sqlDb, shop, member.id),
    memberTierChanges(sqlDb, shop, member.id),
    shopTimeZone(sqlDb, shop),
    shopCurrency(sqlDb, shop),
  ]);
  return {
    zone,
    currency,
    today: localDate(Date.now(), zone),
    summary: summary && {
      ...summary,
      periodEndsAt: summary.periodEndsAt?.toISOString() ?? null,
      holdUntil: summary.holdUntil?.toISOString() ?? null,
    },
    changes: changes.map((change) => ({ ...change, at: change.at.toISOString(), holdUntil: change.holdUntil?.toISOString() ?? null })),
  };
}

export type TierAssignResult = { ok: true } | { ok: false; issues: TierAssignmentIssue[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, staffUserId } = await requireStaff(request);
  const member = (await getMemberDetail(db, shop, params.id ?? "")) ?? notFound();
  const form = await readForm(request, ["tierId", "holdUntil", "reason"]);
  const result = await assignMemberTier(sqlDb, shop, { memberId: member.id, ...form, staffUserId });
  if (!result.ok) return badRequest(result.issues);
  return { ok: true as const };
}
