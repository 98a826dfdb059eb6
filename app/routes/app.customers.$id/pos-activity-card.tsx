import { DataTable } from "@shopify/polaris";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { formatDateTime, formatNumber, useAdminLocale } from "../../components/admin-format";
import { TableCard } from "../../components/admin-cards";
import type { CustomerPageData } from "./page-data";
import { NoWrap } from "./table-cells";

/** What staff did for this customer at the register (PosActivity): who, at which location, when. */
export function PosActivityCard({ entries }: { entries: CustomerPageData["posActivity"] }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  return (
    <TableCard title={t("admin.customer.posHeading")} help={t("admin.customer.posHelp")} emptyText={t("admin.customer.posEmpty")}>
      {entries.length === 0 ? null : (
        <DataTable
          columnContentTypes={["text", "text", "text", "text", "numeric"]}
          headings={[t("admin.customer.column.date"), t("admin.customer.column.action"), t("admin.customer.column.staff"), t("admin.customer.column.location"), t("admin.customer.column.points")]}
          rows={entries.map((entry) => [
            <NoWrap key="date">{formatDateTime(entry.createdAt, locale)}</NoWrap>,
            <span key="action" data-testid="pos-activity-action">
              {t(`admin.customer.posAction.${entry.action}`)}
            </span>,
            entry.staffMemberId ? t("admin.customer.posUserStaff", { user: entry.staffUserId, staff: entry.staffMemberId }) : t("admin.customer.posUser", { user: entry.staffUserId }),
            entry.locationId ? t("admin.customer.posLocation", { id: entry.locationId }) : t("admin.customer.posNoLocation"),
            entry.points === null ? "" : formatNumber(entry.points, locale),
          ])}
        />
      )}
    </TableCard>
  );
}
