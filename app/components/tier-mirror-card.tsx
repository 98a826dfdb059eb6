import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  InlineStack,
  Text,
} from "@shopify/polaris";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatDateTime, formatNumber, useAdminLocale } from "./admin-format";
import type { MirrorActionResult } from "../routes/app.tiers.mirror";

export type MirrorStatusView = {
  enabled: boolean;
  tierTags: boolean;
  lastRunAt: string | null;
  syncedCount: number;
  lastError: string | null;
  due: number;
};

/** "Mirror in Shopify": the setting (metafields, tier tags) and how far the background job has got. */
export function TierMirrorCard({ status }: { status: MirrorStatusView }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const fetcher = useFetcher<MirrorActionResult>();
  const [enabled, setEnabled] = useState(status.enabled);
  const [tierTags, setTierTags] = useState(status.tierTags);
  useEffect(() => {
    setEnabled(status.enabled);
    setTierTags(status.tierTags);
  }, [status.enabled, status.tierTags]);
  const dirty = enabled !== status.enabled || tierTags !== status.tierTags;
  const busy = fetcher.state !== "idle";
  return (
    <Card>
      <BlockStack gap="300">
        <Checkbox
          label={t("admin.tierMirror.enabled")}
          helpText={t("admin.tierMirror.enabledHelp")}
          checked={enabled}
          onChange={setEnabled}
        />
        {/* Shown only with the mirror on (a disabled checkbox's help text would fall below contrast minimums). */}
        {enabled ? (
          <Checkbox
            label={t("admin.tierMirror.tierTags")}
            helpText={t("admin.tierMirror.tierTagsHelp")}
            checked={tierTags}
            onChange={setTierTags}
          />
        ) : null}
        {status.enabled ? (
          <Text as="p">
            <span data-testid="mirror-status">
              {t("admin.tierMirror.status", {
                synced: formatNumber(status.syncedCount, locale),
                due: formatNumber(status.due, locale),
                lastRun: status.lastRunAt
                  ? `${formatDateTime(status.lastRunAt, locale)} UTC`
                  : t("admin.tierMirror.never"),
              })}
            </span>
          </Text>
        ) : null}
        {status.enabled && status.lastError ? (
          <Banner tone="warning" title={t("admin.tierMirror.retrying")}>
            <p>{status.lastError}</p>
          </Banner>
        ) : null}
        <InlineStack gap="200">
          <Button
            variant="primary"
            disabled={!dirty || busy}
            loading={busy && fetcher.formData?.get("intent") === "save"}
            onClick={() =>
              fetcher.submit(
                {
                  intent: "save",
                  enabled: String(enabled),
                  tierTags: String(enabled && tierTags),
                },
                { method: "post", action: "/app/tiers/mirror" }
              )
            }
          >
            {t("admin.tierMirror.save")}
          </Button>
          {status.enabled ? (
            <Button
              disabled={busy || status.due === 0}
              loading={busy && fetcher.formData?.get("intent") === "sync"}
              onClick={() =>
                fetcher.submit(
                  { intent: "sync" },
                  { method: "post", action: "/app/tiers/mirror" }
                )
              }
            >
              {t("admin.tierMirror.syncNow")}
            </Button>
          ) : null}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
