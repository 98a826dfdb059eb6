import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { Banner, BlockStack, Checkbox, FormLayout, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import type { AdjustmentIssue } from "../../persistence/staff-adjustments";
import { useFetcherOutcome } from "../../admin/use-fetcher-outcome";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { formatNumber, formatSignedNumber, useAdminLocale } from "../../components/admin-format";
import { FormSaveBar } from "../../components/form-save-bar";
import { TitledCard } from "../../components/admin-cards";
import type { AdjustActionResult } from "./route";

const EMPTY_FORM = { points: "", reason: "", confirmOverdraw: false };

/** Add or remove points. The contextual save bar appears as soon as something is typed; Save submits. */
export function AdjustPointsCard({ availablePoints, requestKey }: { availablePoints: number; requestKey: string }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<AdjustActionResult>();
  const [form, setForm] = useState(EMPTY_FORM);
  // Errors from the server stay until the field they are about changes.
  const [issues, setIssues] = useState<AdjustmentIssue[]>([]);
  const [overdraw, setOverdraw] = useState<{ availableBefore: number; availableAfter: number } | null>(null);
  const dirty = form.points !== "" || form.reason !== "" || form.confirmOverdraw;
  const saving = fetcher.state !== "idle";

  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) {
      setForm(EMPTY_FORM);
      setIssues([]);
      setOverdraw(null);
      shopify.toast.show(t("admin.customer.adjusted", { points: formatSignedNumber(result.points, locale) }));
    } else if ("issues" in result) {
      setIssues(result.issues);
    } else {
      setOverdraw(result.overdraw);
    }
  });

  const points = Number(form.points.trim());
  const preview = /^[+-]?\d+$/.test(form.points.trim()) ? availablePoints + points : null;
  const errorFor = (field: AdjustmentIssue["field"]) => {
    const found = issues.find((issue) => issue.field === field);
    return found ? t(`admin.adjust.error.${found.code}`) : undefined;
  };

  function update(change: Partial<typeof EMPTY_FORM>) {
    setForm((current) => ({ ...current, ...change }));
    const fields = Object.keys(change);
    setIssues((current) => current.filter((issue) => !fields.includes(issue.field)));
    if ("points" in change) setOverdraw(null);
  }

  function save() {
    fetcher.submit(
      { points: form.points, reason: form.reason, requestKey, confirmOverdraw: String(form.confirmOverdraw) },
      { method: "post" },
    );
  }

  function discard() {
    setForm(EMPTY_FORM);
    setIssues([]);
    setOverdraw(null);
  }

  return (
    <TitledCard title={t("admin.adjust.heading")} help={t("admin.adjust.help")} gap="300">
      <FormSaveBar id="adjust-points-save-bar" open={dirty} saving={saving} onSave={save} onDiscard={discard} />
      <FormLayout>
        <FormLayout.Group>
          <TextField
            label={t("admin.adjust.points")}
            helpText={
              preview === null
                ? t("admin.adjust.pointsHelp")
                : t("admin.adjust.preview", { balance: formatNumber(preview, locale) })
            }
            value={form.points}
            onChange={(value) => update({ points: value })}
            inputMode="numeric"
            autoComplete="off"
            error={errorFor("points")}
          />
        </FormLayout.Group>
        <TextField
          label={t("admin.adjust.reason")}
          helpText={t("admin.adjust.reasonHelp")}
          value={form.reason}
          onChange={(value) => update({ reason: value })}
          multiline={2}
          maxLength={500}
          showCharacterCount
          autoComplete="off"
          error={errorFor("reason")}
        />
        {errorFor("requestKey") ? <Banner tone="critical">{errorFor("requestKey")}</Banner> : null}
        {overdraw ? (
          <Banner tone="critical" title={t("admin.adjust.overdrawTitle")}>
            <BlockStack gap="200">
              <Text as="p">
                {t("admin.adjust.overdrawBody", {
                  before: formatNumber(overdraw.availableBefore, locale),
                  after: formatNumber(overdraw.availableAfter, locale),
                })}
              </Text>
              <Checkbox
                label={t("admin.adjust.overdrawConfirm")}
                checked={form.confirmOverdraw}
                onChange={(checked) => setForm((current) => ({ ...current, confirmOverdraw: checked }))}
              />
            </BlockStack>
          </Banner>
        ) : null}
      </FormLayout>
    </TitledCard>
  );
}
