// The member's issued rewards, newest first, each with what support can do with it now: revoke an unused code (after
// a confirmation), or check with Shopify a store-credit reservation whose answer was lost.
import { useState } from "react";
import { Badge, Banner, BlockStack, Button, InlineStack, Text } from "@shopify/polaris";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { formatDate, formatMoney, useAdminLocale } from "../../components/admin-format";
import { TitledCard } from "../../components/admin-cards";
import { useSupportAction } from "./use-support-action";

export type IssuedRewardRow = {
  id: number;
  title: string;
  status: string;
  points: number;
  code: string | null;
  valueMinor: number | null;
  currency: string;
  expiresAt: string | null;
  grantedBy: string | null;
  canRevoke: boolean;
  canResolve: boolean;
};

const STATUS_TONES: Record<string, "success" | "critical" | "info" | "attention" | undefined> = {
  issued: "success",
  used: "info",
  reserved: "attention",
  failed: "critical",
  expired: undefined,
  revoked: undefined,
  refunded: undefined,
};

export function IssuedRewardsCard({ customerId, issued, currency }: { customerId: string; issued: IssuedRewardRow[]; currency: string }) {
  const t = useAdminTranslation();
  return (
    <TitledCard title={t("admin.customer.rewardsHeading")} gap="300">
      {issued.length === 0 ? (
        <Text as="p" tone="subdued">
          {t("admin.customer.rewardsEmpty")}
        </Text>
      ) : (
        issued.map((reward) => <IssuedReward key={reward.id} customerId={customerId} reward={reward} currency={currency} />)
      )}
    </TitledCard>
  );
}

function IssuedReward({ customerId, reward, currency }: { customerId: string; reward: IssuedRewardRow; currency: string }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const [confirming, setConfirming] = useState(false);
  const action = useSupportAction(customerId, (result) => {
    setConfirming(false);
    if (result.intent === "revoke") return t("admin.support.revoked", { points: t("admin.points", { count: result.pointsReturned }) });
    if (result.intent === "resolve") return t(result.outcome === "confirmed" ? "admin.support.resolvedConfirmed" : "admin.support.resolvedUndone");
    return "";
  });

  return (
    <BlockStack gap="100">
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <Text as="span" fontWeight="semibold">
          {reward.title}
        </Text>
        <Badge tone={STATUS_TONES[reward.status]}>{t(`admin.redemptionStatus.${reward.status}`)}</Badge>
      </InlineStack>
      <Text as="p" tone="subdued">
        {[
          reward.code,
          t("admin.points", { count: reward.points }),
          reward.valueMinor !== null ? formatMoney(reward.valueMinor, reward.currency || currency, locale) : null,
          reward.expiresAt ? t("admin.customer.rewardExpires", { date: formatDate(reward.expiresAt, locale) }) : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      {reward.grantedBy ? (
        <Text as="p" tone="subdued">
          {t("admin.support.grantedBy", { id: reward.grantedBy })}
        </Text>
      ) : null}
      {action.error ? <Banner tone="critical">{action.error}</Banner> : null}
      {reward.canResolve ? (
        <BlockStack gap="100">
          <Text as="p" tone="subdued">
            {t("admin.support.resolveHelp")}
          </Text>
          <InlineStack>
            <Button loading={action.busy} onClick={() => action.submit({ intent: "resolve", redemptionId: String(reward.id) })}>
              {t("admin.support.resolve")}
            </Button>
          </InlineStack>
        </BlockStack>
      ) : null}
      {reward.canRevoke && !confirming ? (
        <InlineStack>
          <Button variant="plain" tone="critical" onClick={() => setConfirming(true)}>
            {t("admin.support.revoke")}
          </Button>
        </InlineStack>
      ) : null}
      {reward.canRevoke && confirming ? (
        <Banner tone="warning">
          <BlockStack gap="200">
            <Text as="p">{t("admin.support.revokeConfirm", { points: t("admin.points", { count: reward.points }) })}</Text>
            <InlineStack gap="200">
              <Button
                variant="primary"
                tone="critical"
                loading={action.busy}
                onClick={() => action.submit({ intent: "revoke", redemptionId: String(reward.id) })}
              >
                {t("admin.support.revokeConfirmButton")}
              </Button>
              <Button onClick={() => setConfirming(false)}>{t("admin.support.cancel")}</Button>
            </InlineStack>
          </BlockStack>
        </Banner>
      ) : null}
    </BlockStack>
  );
}
