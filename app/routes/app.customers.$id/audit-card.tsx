import { Badge, DataTable, InlineStack } from "@shopify/polaris";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { formatDateTime, formatNumber, formatSignedNumber, useAdminLocale } from "../../components/admin-format";
import { TableCard } from "../../components/admin-cards";
import type { CustomerPageData } from "./page-data";
import { NoWrap, Wrap } from "./table-cells";
import { useSearchChange } from "./use-search-change";

/** Staff adjustments of this member: who, how many points, the balance before and after, and why. */
export function AuditCard({ audit }: Pick<CustomerPageData, "audit">) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const { searchParams, goTo } = useSearchChange();
  return (
    <TableCard title={t("admin.customer.auditHeading")} help={t("admin.customer.auditHelp")} emptyText={t("admin.customer.auditEmpty")}>
      {audit.entries.length === 0 ? null : (
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
    </TableCard>
  );
}
