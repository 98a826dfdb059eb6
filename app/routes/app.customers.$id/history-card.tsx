import { Badge, DataTable, Select } from "@shopify/polaris";
import { HISTORY_FILTERS } from "../../persistence/member-directory";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { formatDateTime, formatSignedNumber, useAdminLocale } from "../../components/admin-format";
import { TableCard } from "../../components/admin-cards";
import type { CustomerPageData } from "./page-data";
import { NoWrap, Wrap } from "./table-cells";
import { useSearchChange } from "./use-search-change";

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

/** The member's ledger entries, newest first, filtered by kind and paged by entry id. */
export function HistoryCard({ filter, history }: Pick<CustomerPageData, "filter" | "history">) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const { searchParams, goTo } = useSearchChange();
  return (
    <TableCard
      title={t("admin.customer.historyHeading")}
      emptyText={t("admin.customer.historyEmpty")}
      control={
        <Select
          label={t("admin.customer.historyFilter")}
          labelInline
          options={HISTORY_FILTERS.map((value) => ({ value, label: t(`admin.customer.filter.${value}`) }))}
          value={filter}
          onChange={(value) => goTo({ filter: value === "all" ? null : value, before: null })}
        />
      }
    >
      {history.entries.length === 0 ? null : (
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
    </TableCard>
  );
}
