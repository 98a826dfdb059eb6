import { randomUUID } from "node:crypto";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  DataTable,
  Divider,
  FormLayout,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import db, { sqlDb } from "../db.server";
import { parseRowId } from "../db/row-id";
import { getMemberDetail, getMemberHistory, HISTORY_FILTERS, type HistoryFilter } from "../persistence/member-directory";
import { listIssuedRewards } from "../persistence/member-summary";
import { listGrantableRewards, listSupportActions, supportOptions } from "../persistence/support-actions";
import { GrantRewardCard, IssuedRewardsCard, SupportLogCard } from "../components/customer-support";
import type { RewardDefinition } from "../rules/rewards";
import {
  adjustMemberPoints,
  listMemberAdjustments,
  OverdrawNotConfirmedError,
  validateAdjustment,
  type AdjustmentIssue,
} from "../persistence/staff-adjustments";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatDate, formatDateTime, formatNumber, formatSignedNumber, useAdminLocale } from "../components/admin-format";
import { customerName } from "../components/customer-name";
import { FormSaveBar } from "../components/form-save-bar";

const HISTORY_PAGE_SIZE = 20;
const AUDIT_PAGE_SIZE = 10;

function readFilter(value: string | null): HistoryFilter {
  return (HISTORY_FILTERS as readonly string[]).includes(value ?? "") ? (value as HistoryFilter) : "all";
}

function readCursor(value: string | null): number | undefined {
  return parseRowId(value) ?? undefined;
}

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

// GET /app/customers/:id (Shopify customer id) ?filter=&before=<entry id>&auditBefore=<adjustment id>
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const member = await getMemberDetail(db, session.shop, params.id ?? "");
  if (!member) notFound();
  const search = new URL(request.url).searchParams;
  const filter = readFilter(search.get("filter"));
  const [history, audit, issued, shop, grantable, supportLog] = await Promise.all([
    getMemberHistory(db, session.shop, member.id, { filter, before: readCursor(search.get("before")), limit: HISTORY_PAGE_SIZE }),
    listMemberAdjustments(sqlDb, session.shop, member.id, { before: readCursor(search.get("auditBefore")), limit: AUDIT_PAGE_SIZE }),
    listIssuedRewards(sqlDb, session.shop, member.id),
    db.shop.findUnique({ where: { domain: session.shop }, select: { currency: true } }),
    listGrantableRewards(sqlDb, session.shop),
    listSupportActions(sqlDb, session.shop, member.id),
  ]);
  return {
    member: { ...member, createdAt: member.createdAt.toISOString(), updatedAt: member.updatedAt.toISOString() },
    currency: shop?.currency ?? "USD",
    filter,
    history: {
      entries: history.entries.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() })),
      nextBefore: history.nextBefore,
    },
    audit: {
      entries: audit.entries.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() })),
      nextBefore: audit.nextBefore,
    },
    issued: issued.map((redemption) => {
      const reward = JSON.parse(redemption.reward) as RewardDefinition;
      return {
        id: redemption.id,
        title: reward.title,
        status: redemption.status,
        points: redemption.points,
        code: redemption.code,
        valueMinor: redemption.valueMinor,
        currency: redemption.currency,
        expiresAt: redemption.expiresAt?.toISOString() ?? null,
        createdAt: redemption.createdAt.toISOString(),
        grantedBy: redemption.grantedBy,
        ...supportOptions({ ...redemption, reward }),
      };
    }),
    grantable,
    supportLog: supportLog.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() })),
    // Another key for the hand-issued reward form, so one submission issues once.
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
  const { session, sessionToken } = await authenticate.admin(request);
  const staffUserId = sessionToken?.sub;
  if (!staffUserId) return data({ ok: false, issues: [{ field: "requestKey", code: "staff_unknown" }] } as AdjustActionResult, { status: 403 });
  const member = await getMemberDetail(db, session.shop, params.id ?? "");
  if (!member) notFound();

  const form = await request.formData();
  const checked = validateAdjustment({
    points: String(form.get("points") ?? ""),
    reason: String(form.get("reason") ?? ""),
    requestKey: String(form.get("requestKey") ?? ""),
    confirmOverdraw: form.get("confirmOverdraw") === "true",
  });
  if (!checked.ok) return data({ ok: false, issues: checked.issues } as AdjustActionResult, { status: 400 });

  try {
    const result = await adjustMemberPoints(sqlDb, { shop: session.shop, customerId: member.customerId, staffUserId, ...checked.value });
    if (!result) notFound();
    return data({
      ok: true,
      points: result.adjustment.points,
      availablePoints: result.availablePoints,
      duplicate: result.duplicate,
    } as AdjustActionResult);
  } catch (error) {
    if (error instanceof OverdrawNotConfirmedError) {
      return data(
        { ok: false, overdraw: { availableBefore: error.availableBefore, availableAfter: error.availableAfter } } as AdjustActionResult,
        { status: 409 },
      );
    }
    throw error;
  }
}

const KIND_TONES: Record<string, "success" | "critical" | "info" | "attention" | undefined> = {
  earn_pending: "info",
  release: "success",
  action_bonus: "success",
  redeem: "attention",
  redeem_return: "info",
  reverse: "critical",
  expire: "critical",
  adjust: undefined,
};

export default function CustomerDetail() {
  const { member, currency, filter, history, audit, issued, grantable, supportLog, grantKey } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const name = customerName(member, t);

  function goTo(change: Record<string, string | null>) {
    const params = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(change)) {
      if (value === null) params.delete(key);
      else params.set(key, value);
    }
    navigate(`?${params}`, { preventScrollReset: true });
  }

  return (
    <Page backAction={{ content: t("admin.customers.title"), url: "/app/customers" }} title={name}>
      <TitleBar title={name} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <InlineGrid columns={2} gap="400">
                <BlockStack gap="100">
                  <Text as="h2" variant="headingSm" tone="subdued">
                    {t("admin.customer.available")}
                  </Text>
                  <Text as="p" variant="heading2xl" numeric>
                    <span data-testid="available-points">{formatNumber(member.availablePoints, locale)}</span>
                  </Text>
                </BlockStack>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingSm" tone="subdued">
                    {t("admin.customer.pending")}
                  </Text>
                  <Text as="p" variant="heading2xl" numeric>
                    {formatNumber(member.pendingPoints, locale)}
                  </Text>
                </BlockStack>
              </InlineGrid>
            </Card>

            <AdjustPointsCard availablePoints={member.availablePoints} />

            <Card padding="0">
              <Box padding="400">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    {t("admin.customer.historyHeading")}
                  </Text>
                  <Select
                    label={t("admin.customer.historyFilter")}
                    labelInline
                    options={HISTORY_FILTERS.map((value) => ({ value, label: t(`admin.customer.filter.${value}`) }))}
                    value={filter}
                    onChange={(value) => goTo({ filter: value === "all" ? null : value, before: null })}
                  />
                </InlineStack>
              </Box>
              {history.entries.length === 0 ? (
                <Box padding="400" paddingBlockStart="0">
                  <Text as="p" tone="subdued">
                    {t("admin.customer.historyEmpty")}
                  </Text>
                </Box>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "numeric", "text"]}
                  headings={[
                    t("admin.customer.column.date"),
                    t("admin.customer.column.kind"),
                    t("admin.customer.column.available"),
                    t("admin.customer.column.pending"),
                    t("admin.customer.column.reason"),
                  ]}
                  rows={history.entries.map((entry) => [
                    <NoWrap key="date">{formatDateTime(entry.createdAt, locale)}</NoWrap>,
                    <Badge key="kind" tone={KIND_TONES[entry.kind]}>
                      {t(`admin.ledgerKind.${entry.kind}`)}
                    </Badge>,
                    entry.availableDelta ? formatSignedNumber(entry.availableDelta, locale) : "—",
                    entry.pendingDelta ? formatSignedNumber(entry.pendingDelta, locale) : "—",
                    <Wrap key="reason" testId="history-reason">
                      {entry.sourceType === "staff"
                        ? t("admin.customer.byStaff", { reason: entry.reason, staff: entry.sourceId })
                        : entry.reason}
                    </Wrap>,
                  ])}
                  pagination={{
                    hasPrevious: searchParams.has("before"),
                    onPrevious: () => goTo({ before: null }),
                    hasNext: history.nextBefore !== null,
                    onNext: () => goTo({ before: String(history.nextBefore) }),
                    label: searchParams.has("before") ? t("admin.customer.olderEntries") : t("admin.customer.newestEntries"),
                  }}
                />
              )}
            </Card>

            <Card padding="0">
              <Box padding="400">
                <BlockStack gap="100">
                  <Text as="h2" variant="headingMd">
                    {t("admin.customer.auditHeading")}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t("admin.customer.auditHelp")}
                  </Text>
                </BlockStack>
              </Box>
              {audit.entries.length === 0 ? (
                <Box padding="400" paddingBlockStart="0">
                  <Text as="p" tone="subdued">
                    {t("admin.customer.auditEmpty")}
                  </Text>
                </Box>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "text", "text"]}
                  headings={[
                    t("admin.customer.column.date"),
                    t("admin.customer.column.staff"),
                    t("admin.customer.column.points"),
                    t("admin.customer.column.balance"),
                    t("admin.customer.column.reason"),
                  ]}
                  rows={audit.entries.map((entry) => [
                    <NoWrap key="date">{formatDateTime(entry.createdAt, locale)}</NoWrap>,
                    t("admin.customer.staffMember", { id: entry.staffUserId }),
                    formatSignedNumber(entry.points, locale),
                    <InlineStack key="balance" gap="100">
                      <span>
                        {formatNumber(entry.availableBefore, locale)} → {formatNumber(entry.availableAfter, locale)}
                      </span>
                      {entry.overdrawConfirmed ? <Badge tone="warning">{t("admin.customer.overdrawBadge")}</Badge> : null}
                    </InlineStack>,
                    <Wrap key="reason" testId="audit-reason">
                      {entry.importJobId ? `${t("admin.customer.fromImport", { id: entry.importJobId })}: ` : ""}
                      {entry.reason}
                    </Wrap>,
                  ])}
                  pagination={{
                    hasPrevious: searchParams.has("auditBefore"),
                    onPrevious: () => goTo({ auditBefore: null }),
                    hasNext: audit.nextBefore !== null,
                    onNext: () => goTo({ auditBefore: String(audit.nextBefore) }),
                  }}
                />
              )}
            </Card>
          </BlockStack>
        </Layout.Section>

        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("admin.customer.profileHeading")}
                </Text>
                {member.redacted ? <Banner tone="info">{t("admin.customer.redactedBody")}</Banner> : null}
                <Text as="p">{member.email ?? "—"}</Text>
                <Text as="p" tone="subdued">
                  {t("admin.customer.customerId", { id: member.customerId })}
                </Text>
                <Text as="p" tone="subdued">
                  {t("admin.customer.joined", { date: formatDate(member.createdAt, locale) })}
                </Text>
                <Divider />
                <Button url={`shopify://admin/customers/${member.customerId}`} target="_top" variant="plain">
                  {t("admin.customer.openInShopify")}
                </Button>
              </BlockStack>
            </Card>
            <IssuedRewardsCard customerId={member.customerId} issued={issued} currency={currency} />
            <GrantRewardCard customerId={member.customerId} rewards={grantable} requestKey={grantKey} />
            <SupportLogCard entries={supportLog} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

// Table cells: dates on one line, reasons (free text) wrapping instead of widening the table.
function NoWrap({ children }: { children: ReactNode }) {
  return <span style={{ whiteSpace: "nowrap" }}>{children}</span>;
}

function Wrap({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <div style={{ whiteSpace: "normal", minWidth: "12rem", maxWidth: "28rem", overflowWrap: "anywhere" }} data-testid={testId}>
      {children}
    </div>
  );
}

const EMPTY_FORM = { points: "", reason: "", confirmOverdraw: false };

/** Add or remove points. The contextual save bar appears as soon as something is typed; Save submits. */
function AdjustPointsCard({ availablePoints }: { availablePoints: number }) {
  const { requestKey } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<AdjustActionResult>();
  const [form, setForm] = useState(EMPTY_FORM);
  // Errors from the server stay until the field they are about changes.
  const [issues, setIssues] = useState<AdjustmentIssue[]>([]);
  const [overdraw, setOverdraw] = useState<{ availableBefore: number; availableAfter: number } | null>(null);
  const dirty = form.points !== "" || form.reason !== "" || form.confirmOverdraw;
  const saving = fetcher.state !== "idle";

  useEffect(() => {
    const result = fetcher.data;
    if (!result || fetcher.state !== "idle") return;
    if (result.ok) {
      setForm(EMPTY_FORM);
      setIssues([]);
      setOverdraw(null);
      shopify.toast.show(t("admin.customer.adjusted", { points: formatSignedNumber(result.points, locale) }));
    } else if ("issues" in result) {
      setIssues(result.issues);
    } else {
      setOverdraw(result.overdraw);
    }
    // Only a new answer from the server should change the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.data, fetcher.state]);

  const points = Number(form.points.trim());
  const preview = /^[+-]?\d+$/.test(form.points.trim()) ? availablePoints + points : null;
  const errorFor = (field: AdjustmentIssue["field"]) => {
    const found = issues.find((issue) => issue.field === field);
    return found ? t(`admin.adjust.error.${found.code}`) : undefined;
  };

  function update(change: Partial<typeof EMPTY_FORM>) {
    setForm((current) => ({ ...current, ...change }));
    const fields = Object.keys(change);
    setIssues((current) => current.filter((issue) => !fields.includes(issue.field)));
    if ("points" in change) setOverdraw(null);
  }

  function save() {
    fetcher.submit(
      { points: form.points, reason: form.reason, requestKey, confirmOverdraw: String(form.confirmOverdraw) },
      { method: "post" },
    );
  }

  function discard() {
    setForm(EMPTY_FORM);
    setIssues([]);
    setOverdraw(null);
  }

  return (
    <Card>
      <FormSaveBar id="adjust-points-save-bar" open={dirty} saving={saving} onSave={save} onDiscard={discard} />
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t("admin.adjust.heading")}
          </Text>
          <Text as="p" tone="subdued">
            {t("admin.adjust.help")}
          </Text>
        </BlockStack>
        <FormLayout>
          <FormLayout.Group>
            <TextField
              label={t("admin.adjust.points")}
              helpText={
                preview === null
                  ? t("admin.adjust.pointsHelp")
                  : t("admin.adjust.preview", { balance: formatNumber(preview, locale) })
              }
              value={form.points}
              onChange={(value) => update({ points: value })}
              inputMode="numeric"
              autoComplete="off"
              error={errorFor("points")}
            />
          </FormLayout.Group>
          <TextField
            label={t("admin.adjust.reason")}
            helpText={t("admin.adjust.reasonHelp")}
            value={form.reason}
            onChange={(value) => update({ reason: value })}
            multiline={2}
            maxLength={500}
            showCharacterCount
            autoComplete="off"
            error={errorFor("reason")}
          />
          {errorFor("requestKey") ? <Banner tone="critical">{errorFor("requestKey")}</Banner> : null}
          {overdraw ? (
            <Banner tone="critical" title={t("admin.adjust.overdrawTitle")}>
              <BlockStack gap="200">
                <Text as="p">
                  {t("admin.adjust.overdrawBody", {
                    before: formatNumber(overdraw.availableBefore, locale),
                    after: formatNumber(overdraw.availableAfter, locale),
                  })}
                </Text>
                <Checkbox
                  label={t("admin.adjust.overdrawConfirm")}
                  checked={form.confirmOverdraw}
                  onChange={(checked) => setForm((current) => ({ ...current, confirmOverdraw: checked }))}
                />
              </BlockStack>
            </Banner>
          ) : null}
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
