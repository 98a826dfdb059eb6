// Issue a reward to the customer by hand: no points are spent (a goodwill gesture or a correction); the reward is
// created in Shopify through the same path as a shopper's redemption, and recorded with the staff member's id.
import { useState } from "react";
import { Banner, BlockStack, Button, Card, InlineStack, Select, Text } from "@shopify/polaris";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { useSupportAction } from "./use-support-action";

export function GrantRewardCard({
  customerId,
  rewards,
  requestKey,
}: {
  customerId: string;
  rewards: Array<{ id: number; title: string }>;
  requestKey: string;
}) {
  const t = useAdminTranslation();
  const [rewardId, setRewardId] = useState("");
  const action = useSupportAction(customerId, (result) => {
    setRewardId("");
    return result.intent === "grant" && result.duplicate ? t("admin.support.grantedDuplicate") : t("admin.support.granted");
  });

  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t("admin.support.grantHeading")}
          </Text>
          <Text as="p" tone="subdued">
            {t("admin.support.grantHelp")}
          </Text>
        </BlockStack>
        {rewards.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("admin.support.grantEmpty")}
          </Text>
        ) : (
          <>
            <Select
              label={t("admin.support.grantReward")}
              placeholder={t("admin.support.grantChoose")}
              options={rewards.map((reward) => ({ value: String(reward.id), label: reward.title }))}
              value={rewardId}
              onChange={setRewardId}
            />
            {action.error ? <Banner tone="critical">{action.error}</Banner> : null}
            <InlineStack>
              <Button
                disabled={rewardId === ""}
                loading={action.busy}
                onClick={() => action.submit({ intent: "grant", rewardId, requestKey })}
              >
                {t("admin.support.grantButton")}
              </Button>
            </InlineStack>
          </>
        )}
      </BlockStack>
    </Card>
  );
}
