import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useLoaderData, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { requireAdmin } from "../admin/route-kit.server";
import { countMembers, listMembers, MEMBER_SORTS, type MemberSort } from "../persistence/member-directory";
import { getAnalyticsSettings } from "../persistence/analytics-settings";
import { SEGMENTS, type Segment } from "../rules/analytics-segments";
import { downloadFromApp } from "../components/download";
import { loadTierProgram } from "../persistence/tier-program";
import { parseRowId } from "../db/row-id";
import { sqlDb } from "../db.server";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatDate, formatNumber, useAdminLocale } from "../components/admin-format";
import { customerName } from "../components/customer-name";

const PAGE_SIZE = 25;
const MAX_SEARCH_LENGTH = 100;

function readSort(value: string | null): MemberSort {
  return (MEMBER_SORTS as readonly string[]).includes(value ?? "") ? (value as MemberSort) : "balance_desc";
}

function readSegment(value: string | null): Segment | null {
  return (SEGMENTS as readonly string[]).includes(value ?? "") ? (value as Segment) : null;
}

// GET /app/customers?q=&sort=&tier=<tier id>&segment=<segment>&after=|before=<cursor>: one page of the shop's members.
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const search = (params.get("q") ?? "").trim().slice(0, MAX_SEARCH_LENGTH);
  const sort = readSort(params.get("sort"));
  const after = params.get("after");
  const before = params.get("before");
  const cursor = after ? { value: after, direction: "next" as const } : before ? { value: before, direction: "previous" as const } : null;
  const program = await loadTierProgram(sqlDb, shop);
  const tiers = (program?.rules.tiers ?? []).map((tier) => ({ id: tier.id, names: tier.names }));
  const tierParam = parseRowId(params.get("tier"));
  const tierId = tierParam !== null && tiers.some((tier) => tier.id === String(tierParam)) ? tierParam : null;
  const segmentName = readSegment(params.get("segment"));
  // The shop's thresholds, read only when a segment is chosen; one `now` for the page and its count.
  const segment = segmentName ? { segment: segmentName, thresholds: (await getAnalyticsSettings(sqlDb, shop)).segments, now: new Date() } : null;
  const [page, total] = await Promise.all([
    listMembers(sqlDb, shop, { search, sort, cursor, limit: PAGE_SIZE, tierId, segment }),
    countMembers(sqlDb, shop, { search, tierId, segment }),
  ]);
  return {
    search,
    sort,
    total,
    tiers,
    tierId: tierId === null ? "" : String(tierId),
    segment: segmentName ?? "",
    next: page.next,
    previous: page.previous,
    members: page.members.map((member) => ({ ...member, createdAt: member.createdAt.toISOString() })),
  };
}

export default function Customers() {
  const { search, sort, total, members, next, previous, tiers, tierId, segment } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const [searchParams, setSearchParams] = useSearchParams();
  const [query, setQuery] = useState(search);

  // Search as the staff member types, a moment after they stop; a new search starts from the first page.
  useEffect(() => {
    if (query.trim() === search) return;
    const timer = setTimeout(() => {
      const params = new URLSearchParams(searchParams);
      if (query.trim()) params.set("q", query.trim());
      else params.delete("q");
      params.delete("after");
      params.delete("before");
      setSearchParams(params, { replace: true });
    }, 300);
    return () => clearTimeout(timer);
  }, [query, search, searchParams, setSearchParams]);

  function go(change: Record<string, string | null>) {
    const params = new URLSearchParams(searchParams);
    params.delete("after");
    params.delete("before");
    for (const [key, value] of Object.entries(change)) {
      if (value === null) params.delete(key);
      else params.set(key, value);
    }
    setSearchParams(params);
  }

  const language = locale.split("-")[0] ?? "en";
  const tierName = (id: string | null) => {
    const tier = tiers.find((candidate) => candidate.id === id);
    return tier ? ((tier.names as Record<string, string | undefined>)[language] ?? tier.names.en) : "—";
  };
  const tierOptions = [{ value: "", label: t("admin.customers.tierAny") }, ...tiers.map((tier) => ({ value: tier.id, label: tierName(tier.id) }))];
  const segmentOptions = [{ value: "", label: t("admin.customers.segmentAny") }, ...SEGMENTS.map((value) => ({ value, label: t(`admin.impact.segment.${value}`) }))];
  const sortOptions = MEMBER_SORTS.map((value) => ({ value, label: t(`admin.customers.sort.${value}`) }));
  const balanceSort = sort.startsWith("balance");

  return (
    <Page>
      <TitleBar title={t("admin.customers.title")} />
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <BlockStack>
              <div style={{ padding: "var(--p-space-300)" }}>
                <InlineStack gap="300" wrap={false} blockAlign="end">
                  <div style={{ flex: 1 }}>
                    <TextField
                      label={t("admin.customers.searchLabel")}
                      labelHidden
                      placeholder={t("admin.customers.searchPlaceholder")}
                      value={query}
                      onChange={setQuery}
                      autoComplete="off"
                      clearButton
                      onClearButtonClick={() => setQuery("")}
                      maxLength={MAX_SEARCH_LENGTH}
                    />
                  </div>
                  {tiers.length > 0 ? (
                    <Select label={t("admin.customers.tierFilter")} labelInline options={tierOptions} value={tierId} onChange={(value) => go({ tier: value || null })} />
                  ) : null}
                  <Select label={t("admin.customers.segmentFilter")} labelInline options={segmentOptions} value={segment} onChange={(value) => go({ segment: value || null })} />
                  {segment ? (
                    <Button onClick={() => downloadFromApp(`/app/export/members?segment=${segment}`, locale)}>{t("admin.customers.segmentExport")}</Button>
                  ) : null}
                  <Select
                    label={t("admin.customers.sortLabel")}
                    labelInline
                    options={sortOptions}
                    value={sort}
                    onChange={(value) => go({ sort: value })}
                  />
                </InlineStack>
              </div>
              <IndexTable
                resourceName={{ singular: t("admin.customers.resourceSingular"), plural: t("admin.customers.resourcePlural") }}
                itemCount={members.length}
                selectable={false}
                loading={navigation.state === "loading" && navigation.location?.pathname === "/app/customers"}
                headings={[
                  { title: t("admin.customers.column.customer") },
                  { title: t("admin.customers.column.email") },
                  { title: t("admin.customers.column.available"), alignment: "end" },
                  { title: t("admin.customers.column.pending"), alignment: "end" },
                  { title: t("admin.customers.column.joined") },
                  ...(tiers.length > 0 ? [{ title: t("admin.customers.tierColumn") }] : []),
                ]}
                sortable={[false, false, true, false, true]}
                sortColumnIndex={balanceSort ? 2 : 4}
                sortDirection={sort.endsWith("_desc") ? "descending" : "ascending"}
                onSort={(index, direction) =>
                  go({ sort: `${index === 2 ? "balance" : "joined"}_${direction === "descending" ? "desc" : "asc"}` })
                }
                emptyState={
                  <EmptyState heading={t(search || segment ? "admin.customers.noMatchHeading" : "admin.customers.emptyHeading")} image="">
                    <p>{t(search || segment ? "admin.customers.noMatchBody" : "admin.customers.emptyBody")}</p>
                  </EmptyState>
                }
                pagination={{
                  hasNext: next !== null,
                  hasPrevious: previous !== null,
                  onNext: () => next && navigate(`?${withCursor(searchParams, "after", next)}`),
                  onPrevious: () => previous && navigate(`?${withCursor(searchParams, "before", previous)}`),
                  label: t("admin.customers.total", { count: total }),
                }}
              >
                {members.map((member, index) => (
                  <IndexTable.Row id={String(member.id)} key={member.id} position={index}>
                    <IndexTable.Cell>
                      <InlineStack gap="200" blockAlign="center">
                        <Link
                          url={`/app/customers/${member.customerId}`}
                          dataPrimaryLink
                          removeUnderline
                          monochrome
                        >
                          <Text as="span" fontWeight="semibold">
                            {customerName(member, t)}
                          </Text>
                        </Link>
                        {member.redacted ? <Badge>{t("admin.customers.redacted")}</Badge> : null}
                      </InlineStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{member.email ?? "—"}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {formatNumber(member.availablePoints, locale)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric tone="subdued">
                        {formatNumber(member.pendingPoints, locale)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{formatDate(member.createdAt, locale)}</IndexTable.Cell>
                    {tiers.length > 0 ? <IndexTable.Cell>{tierName(member.tierId)}</IndexTable.Cell> : null}
                  </IndexTable.Row>
                ))}
              </IndexTable>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <InlineStack align="center">
            <Text as="p" tone="subdued">
              {t("admin.customers.importHint")} <RemixLink to="/app/import">{t("admin.nav.import")}</RemixLink>
            </Text>
          </InlineStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function withCursor(params: URLSearchParams, key: "after" | "before", cursor: string): string {
  const next = new URLSearchParams(params);
  next.delete("after");
  next.delete("before");
  next.set(key, cursor);
  return next.toString();
}
