// Ways to earn: the sign-up bonus for customers whose account is older than the program. Off unless the merchant
// asks: "Preview" counts who would get it and how many points, and only "Confirm" grants (each customer once ever,
// the analytics hold-out left out). Nothing is stored as a setting: every grant is an explicit act.
import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useAdminTranslation } from "../i18n/admin-messages";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { formatNumber, useAdminLocale } from "./admin-format";

export type ExistingAccountsOutcome =
  | { ok: true; intent: "preview_existing_accounts"; customers: number; points: number; perCustomer: number; skipped: number; complete: boolean }
  | { ok: true; intent: "grant_existing_accounts"; granted: number; points: number; complete: boolean }
  | { ok: false; issues: Array<{ field: string; code: string }> };

export function ExistingAccountsBonusCard() {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<ExistingAccountsOutcome>();
  const [preview, setPreview] = useState<Extract<ExistingAccountsOutcome, { intent: "preview_existing_accounts" }> | null>(null);
  const [failed, setFailed] = useState(false);
  useFetcherOutcome(fetcher, (result) => {
    if (!result.ok) return setFailed(true);
    setFailed(false);
    if (result.intent === "preview_existing_accounts") setPreview(result);
    else {
      setPreview(null);
      shopify.toast.show(t("admin.existingAccounts.granted", { count: formatNumber(result.granted, locale), points: formatNumber(result.points, locale) }));
    }
  });
  const busy = fetcher.state !== "idle";
  const n = (value: number) => formatNumber(value, locale);
  return (
    <section aria-labelledby="existing-accounts-title" data-testid="existing-accounts">
      <Card>
        <BlockStack gap="300">
          <Text as="h3" variant="headingMd" id="existing-accounts-title">
            {t("admin.existingAccounts.heading")}
          </Text>
          <Text as="p" tone="subdued">
            {t("admin.existingAccounts.help")}
          </Text>
          {failed ? <Banner tone="critical">{t("admin.existingAccounts.failed")}</Banner> : null}
          {preview ? (
            <BlockStack gap="200">
              <Text as="p" variant="bodyMd">
                <span data-testid="existing-accounts-preview">
                  {preview.customers === 0
                    ? t("admin.existingAccounts.nobody")
                    : t("admin.existingAccounts.preview", { count: n(preview.customers), points: n(preview.points), each: n(preview.perCustomer) })}
                </span>
              </Text>
              {preview.skipped > 0 ? <Text as="p" tone="subdued">{t("admin.existingAccounts.skipped", { count: n(preview.skipped) })}</Text> : null}
              {!preview.complete ? <Text as="p" tone="subdued">{t("admin.existingAccounts.incomplete")}</Text> : null}
              {preview.customers > 0 ? (
                <InlineStack gap="200">
                  <Button variant="primary" tone="critical" loading={busy} onClick={() => fetcher.submit({ intent: "grant_existing_accounts" }, { method: "post" })}>
                    {t("admin.existingAccounts.confirm", { count: n(preview.customers), points: n(preview.points) })}
                  </Button>
                  <Button onClick={() => setPreview(null)} disabled={busy}>
                    {t("admin.existingAccounts.cancel")}
                  </Button>
                </InlineStack>
              ) : null}
            </BlockStack>
          ) : (
            <InlineStack>
              <Button loading={busy} onClick={() => fetcher.submit({ intent: "preview_existing_accounts" }, { method: "post" })}>
                {t("admin.existingAccounts.previewButton")}
              </Button>
            </InlineStack>
          )}
        </BlockStack>
      </Card>
    </section>
  );
}
