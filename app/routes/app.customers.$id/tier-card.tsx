// The member's tier on the customer page: standing, history of tier changes, and setting the tier by hand. Its data
// comes from the tier resource route (app.customers.$id.tier.tsx), loaded when the card mounts.
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Banner, BlockStack, Button, Card, Divider, Select, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { formatDate, formatDateTime, formatMoney, formatNumber, useAdminLocale } from "../../components/admin-format";
import { useFetcherOutcome } from "../../admin/use-fetcher-outcome";
import type { loader, TierAssignResult } from "../app.customers.$id.tier";

type TierData = Awaited<ReturnType<typeof loader>>;

export function TierCard({ customerId }: { customerId: string }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const shopify = useAppBridge();
  const data = useFetcher<TierData>();
  const assign = useFetcher<TierAssignResult>();
  const path = `/app/customers/${customerId}/tier`;
  const [tierId, setTierId] = useState("");
  const [holdUntil, setHoldUntil] = useState("");
  const [reason, setReason] = useState("");
  const [issues, setIssues] = useState<{ field: string; code: string }[]>([]);

  useEffect(() => {
    if (data.state === "idle" && data.data === undefined) data.load(path);
  }, [data, path]);

  useFetcherOutcome(assign, (result) => {
    if (!result.ok) return setIssues(result.issues);
    setIssues([]);
    setReason("");
    shopify.toast.show(t("admin.customer.tier.assigned"));
    data.load(path);
  });

  const loaded = data.data;
  if (!loaded) return null;
  const { summary, changes, currency, today } = loaded;
  if (!summary) return null;
  const name = (names: Record<string, string | undefined> & { en: string }) => names[locale.split("-")[0] ?? "en"] ?? names.en;
  const amount = (value: number) => (summary.measure === "money_spent" ? formatMoney(value, currency, locale) : formatNumber(value, locale));
  const error = (field: string) => {
    const issue = issues.find((candidate) => candidate.field === field);
    return issue ? t(`admin.customer.tier.error.${issue.code}`) : undefined;
  };
  const options = [{ value: "", label: t("admin.customer.tier.choose") }, ...summary.tiers.map((tier) => ({ value: tier.id, label: name(tier.names) }))];

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("admin.customer.tier.heading")}
        </Text>
        <Text as="p" variant="headingLg">
          <span data-testid="customer-tier">{summary.current ? name(summary.current.names) : t("admin.customer.tier.none")}</span>
        </Text>
        <Text as="p" tone="subdued">
          {summary.next
            ? t("admin.customer.tier.progress", { progress: amount(summary.progress), needed: amount(summary.needed), next: name(summary.next.names) })
            : t("admin.customer.tier.top", { progress: amount(summary.progress) })}
        </Text>
        {summary.holdUntil ? <Banner tone="info">{t("admin.customer.tier.held", { date: formatDate(summary.holdUntil, locale) })}</Banner> : null}
        <Divider />
        <Text as="h3" variant="headingSm">
          {t("admin.customer.tier.historyHeading")}
        </Text>
        {changes.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("admin.customer.tier.noHistory")}
          </Text>
        ) : (
          <ul data-testid="tier-history" style={{ margin: 0, paddingInlineStart: "1.2em" }}>
            {changes.map((change) => (
              <li key={change.id}>
                <Text as="span">
                  {t("admin.customer.tier.change", {
                    date: formatDateTime(change.at, locale),
                    from: change.fromName ?? t("admin.customer.tier.none"),
                    to: change.toName ?? t("admin.customer.tier.none"),
                    cause: t(`admin.customer.tier.cause.${change.cause}`),
                  })}
                  {change.reason ? ` — ${change.reason}` : ""}
                </Text>
              </li>
            ))}
          </ul>
        )}
        <Divider />
        <Text as="h3" variant="headingSm">
          {t("admin.customer.tier.assignHeading")}
        </Text>
        <Select label={t("admin.customer.tier.tier")} options={options} value={tierId} onChange={setTierId} error={error("tierId")} />
        <TextField label={t("admin.customer.tier.holdUntil")} type="date" min={today} value={holdUntil} onChange={setHoldUntil} autoComplete="off" error={error("holdUntil")} helpText={t("admin.customer.tier.holdUntilHelp", { zone: loaded.zone })} />
        <TextField label={t("admin.customer.tier.reason")} value={reason} onChange={setReason} autoComplete="off" multiline={2} error={error("reason")} />
        <Button onClick={() => assign.submit({ tierId, holdUntil, reason }, { method: "post", action: path })} loading={assign.state !== "idle"}>
          {t("admin.customer.tier.assign")}
        </Button>
      </BlockStack>
    </Card>
  );
}
