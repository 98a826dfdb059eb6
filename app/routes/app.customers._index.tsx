import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useLoaderData, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  Badge,
  BlockStack,
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
import db from "../db.server";
import { countMembers, listMembers, MEMBER_SORTS, type MemberSort } from "../persistence/member-directory";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatDate, formatNumber, useAdminLocale } from "../components/admin-format";
import { customerName } from "../components/customer-name";

const PAGE_SIZE = 25;
const MAX_SEARCH_LENGTH = 100;

function readSort(value: string | null): MemberSort {
  return (MEMBER_SORTS as readonly string[]).includes(value ?? "") ? (value as MemberSort) : "balance_desc";
}

// GET /app/customers?q=&sort=&after=|before=<cursor>: one page of the shop's members.
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const search = (params.get("q") ?? "").trim().slice(0, MAX_SEARCH_LENGTH);
  const sort = readSort(params.get("sort"));
  const after = params.get("after");
  const before = params.get("before");
  const cursor = after ? { value: after, direction: "next" as const } : before ? { value: before, direction: "previous" as const } : null;
  const [page, total] = await Promise.all([
    listMembers(db, shop, { search, sort, cursor, limit: PAGE_SIZE }),
    countMembers(db, shop, search),
  ]);
  return {
    search,
    sort,
    total,
    next: page.next,
    previous: page.previous,
    members: page.members.map((member) => ({ ...member, createdAt: member.createdAt.toISOString() })),
  };
}

export default function Customers() {
  const { search, sort, total, members, next, previous } = useLoaderData<typeof loader>();
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
                ]}
                sortable={[false, false, true, false, true]}
                sortColumnIndex={balanceSort ? 2 : 4}
                sortDirection={sort.endsWith("_desc") ? "descending" : "ascending"}
                onSort={(index, direction) =>
                  go({ sort: `${index === 2 ? "balance" : "joined"}_${direction === "descending" ? "desc" : "asc"}` })
                }
                emptyState={
                  <EmptyState heading={t(search ? "admin.customers.noMatchHeading" : "admin.customers.emptyHeading")} image="">
                    <p>{t(search ? "admin.customers.noMatchBody" : "admin.customers.emptyBody")}</p>
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
