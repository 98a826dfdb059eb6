// Ways to earn: products that never earn because of their collection or tag (product ids are on the Program page).
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { BlockStack, Box, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useAdminTranslation } from "../i18n/admin-messages";
import { CardSaveButtons } from "./card-save-buttons";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { useFormState } from "./form-save-bar";
import { pickResources } from "./resource-picker";

type Outcome = { ok: true } | { ok: false; issues: Array<{ field: string; code: string }> };
type Values = { excludedCollectionIds: string; excludedProductTags: string };

export function ExclusionsCard({ saved }: { saved: { excludedCollectionIds: string[]; excludedProductTags: string[] } }) {
  const t = useAdminTranslation();
  const shopify = useAppBridge();
  const fetcher = useFetcher<Outcome>();
  const [canPick, setCanPick] = useState(false);
  useEffect(() => setCanPick(typeof window.shopify?.resourcePicker === "function"), []);
  const { values, set, dirty, reset, setIssues, issueFor } = useFormState<Values>({
    excludedCollectionIds: saved.excludedCollectionIds.join(", "),
    excludedProductTags: saved.excludedProductTags.join(", "),
  });
  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) shopify.toast.show(t("admin.exclusions.saved"));
    else setIssues(result.issues as Array<{ field: keyof Values; code: string }>);
  });
  const error = (field: keyof Values) => {
    const issue = issueFor(field);
    return issue ? t(`admin.campaigns.error.${issue.code}`) : undefined;
  };
  return (
    <section aria-labelledby="exclusions-title" data-testid="exclusions">
      <Card>
        <BlockStack gap="300">
          <Text as="h3" variant="headingMd" id="exclusions-title">
            {t("admin.exclusions.heading")}
          </Text>
          <Text as="p" tone="subdued">{t("admin.exclusions.help")}</Text>
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <Box width="100%">
              <TextField
                label={t("admin.exclusions.collections")}
                value={values.excludedCollectionIds}
                onChange={(value) => set("excludedCollectionIds", value)}
                autoComplete="off"
                error={error("excludedCollectionIds")}
              />
            </Box>
            {canPick ? (
              <Button
                onClick={() =>
                  void pickResources(shopify, "collection", values.excludedCollectionIds).then((ids) => ids && set("excludedCollectionIds", ids.join(", ")))
                }
              >
                {t("admin.campaigns.pickCollections")}
              </Button>
            ) : null}
          </InlineStack>
          <TextField
            label={t("admin.exclusions.tags")}
            value={values.excludedProductTags}
            onChange={(value) => set("excludedProductTags", value)}
            autoComplete="off"
            helpText={t("admin.campaigns.productTagsHelp")}
            error={error("excludedProductTags")}
          />
          <InlineStack gap="200">
            <CardSaveButtons
              dirty={dirty}
              saving={fetcher.state !== "idle"}
              onSave={() => fetcher.submit({ intent: "save_exclusions", ...values }, { method: "post" })}
              onDiscard={reset}
              saveLabel={t("admin.exclusions.save")}
            />
          </InlineStack>
        </BlockStack>
      </Card>
    </section>
  );
}
