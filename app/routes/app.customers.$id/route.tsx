import { randomUUID } from "node:crypto";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import db, { sqlDb } from "../../db.server";
import { badRequest, notFound, readForm, requireAdmin, requireStaff } from "../../admin/route-kit.server";
import { parseRowId } from "../../db/row-id";
import { getMemberDetail, getMemberHistory, HISTORY_FILTERS, type HistoryFilter } from "../../persistence/member-directory";
import { listIssuedRewards, redemptionView } from "../../persistence/member-summary";
import { listGrantableRewards, listSupportActions, supportOptions } from "../../persistence/support-actions";
import { shopCurrency } from "../../persistence/shops";
import { listPosActivity } from "../../persistence/pos";
import { PointsLimitError } from "../../rules/points-limits";
import { HeldOutError } from "../../rules/hold-out";
import {
  adjustMemberPoints,
  listMemberAdjustments,
  OverdrawNotConfirmedError,
  validateAdjustment,
  type AdjustmentIssue,
} from "../../persistence/staff-adjustments";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { customerName } from "../../components/customer-name";
import { statusForError } from "../../domain-errors.server";
import { AdjustPointsCard } from "./adjust-points-card";
import { AuditCard } from "./audit-card";
import { BalanceCard } from "./balance-card";
import { HistoryCard } from "./history-card";
import { IssuedRewardsCard } from "./issued-rewards-card";
import { GrantRewardCard } from "./grant-reward-card";
import { SupportLogCard } from "./support-log-card";
import { PosActivityCard } from "./pos-activity-card";
import { ProfileCard } from "./profile-card";
import { TierCard } from "./tier-card";

// The customer page: loader and action here, each card of the page a component beside this file.
const HISTORY_PAGE_SIZE = 20;
const AUDIT_PAGE_SIZE = 10;

function readFilter(value: string | null): HistoryFilter {
  return (HISTORY_FILTERS as readonly string[]).includes(value ?? "") ? (value as HistoryFilter) : "all";
}

function readCursor(value: string | null): number | undefined {
  return parseRowId(value) ?? undefined;
}

// GET /app/customers/:id (Shopify customer id) ?filter=&before=<entry id>&auditBefore=<adjustment id>
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const member = (await getMemberDetail(db, shop, params.id ?? "")) ?? notFound();
  const search = new URL(request.url).searchParams;
  const filter = readFilter(search.get("filter"));
  const [history, audit, issued, currency, grantable, supportLog, posActivity] = await Promise.all([
    getMemberHistory(db, shop, member.id, { filter, before: readCursor(search.get("before")), limit: HISTORY_PAGE_SIZE }),
    listMemberAdjustments(sqlDb, shop, member.id, { before: readCursor(search.get("auditBefore")), limit: AUDIT_PAGE_SIZE }),
    listIssuedRewards(sqlDb, shop, member.id),
    shopCurrency(sqlDb, shop),
    listGrantableRewards(sqlDb, shop),
    listSupportActions(sqlDb, shop, member.id),
    listPosActivity(sqlDb, shop, member.customerId, AUDIT_PAGE_SIZE),
  ]);
  return {
    member: { ...member, createdAt: member.createdAt.toISOString(), updatedAt: member.updatedAt.toISOString() },
    currency,
    filter,
    history: {
      entries: history.entries.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() })),
      nextBefore: history.nextBefore,
    },
    audit: {
      entries: audit.entries.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() })),
      nextBefore: audit.nextBefore,
    },
    issued: issued.map((redemption) => ({
      ...redemptionView(redemption),
      grantedBy: redemption.grantedBy,
      // What support may do with it now (the support route checks again).
      ...supportOptions(redemption),
    })),
    grantable,
    supportLog: supportLog.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() })),
    posActivity: posActivity.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() })),
    // Another key for issuing a reward by hand, so one submission issues once.
    grantKey: randomUUID(),
    // A fresh key per page view: submitting the same form twice adjusts once.
    requestKey: randomUUID(),
  };
}

export type AdjustActionResult =
  | { ok: true; points: number; availablePoints: number; duplicate: boolean }
  | { ok: false; issues: AdjustmentIssue[] }
  | { ok: false; overdraw: { availableBefore: number; availableAfter: number } };

// POST /app/customers/:id — adjust points: points (signed), reason, requestKey, confirmOverdraw.
export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, staffUserId } = await requireStaff(request);
  const member = (await getMemberDetail(db, shop, params.id ?? "")) ?? notFound();

  const form = await readForm(request, ["points", "reason", "requestKey", "confirmOverdraw"]);
  const checked = validateAdjustment({ ...form, confirmOverdraw: form.confirmOverdraw === "true" });
  if (!checked.ok) return badRequest(checked.issues);

  try {
    const result = (await adjustMemberPoints(sqlDb, { shop, customerId: member.customerId, staffUserId, ...checked.value })) ?? notFound();
    return { ok: true as const, points: result.adjustment.points, availablePoints: result.availablePoints, duplicate: result.duplicate };
  } catch (error) {
    // The balance would pass the most a balance may hold (app/rules/points-limits.ts): a field error, nothing written.
    if (error instanceof PointsLimitError) return badRequest([{ field: "points", code: "balance_too_large" }]);
    // The analytics hold-out group earns nothing, from staff either (app/rules/hold-out.ts): refused, nothing written.
    if (error instanceof HeldOutError) return badRequest([{ field: "points", code: "held_out" }], statusForError(error));
    if (error instanceof OverdrawNotConfirmedError) {
      return data({ ok: false as const, overdraw: { availableBefore: error.availableBefore, availableAfter: error.availableAfter } }, { status: statusForError(error) });
    }
    throw error;
  }
}

export default function CustomerDetail() {
  const { member, currency, filter, history, audit, issued, requestKey, grantable, supportLog, grantKey, posActivity } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const name = customerName(member, t);

  return (
    <Page backAction={{ content: t("admin.customers.title"), url: "/app/customers" }} title={name}>
      <TitleBar title={name} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <BalanceCard member={member} />
            <AdjustPointsCard availablePoints={member.availablePoints} requestKey={requestKey} />
            <HistoryCard filter={filter} history={history} />
            <AuditCard audit={audit} />
          </BlockStack>
        </Layout.Section>

        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <ProfileCard member={member} />
            <TierCard customerId={member.customerId} />
            <IssuedRewardsCard customerId={member.customerId} issued={issued} currency={currency} />
            <GrantRewardCard customerId={member.customerId} rewards={grantable} requestKey={grantKey} />
            <SupportLogCard entries={supportLog} />
            <PosActivityCard entries={posActivity} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
