import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { BlockStack, Box, Card, FormLayout, InlineStack, Layout, Page, Select, Tabs, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import db from "../db.server";
import { badRequest, readForm, requireAdmin } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import {
  getStorefrontSettings,
  LAUNCHER_POSITIONS,
  parseStorefrontSettingsForm,
  saveStorefrontSettings,
  settingsToForm,
  STOREFRONT_LOCALES,
  TEXT_FIELDS,
  type StorefrontSettingsForm,
  type StorefrontSettingsIssue,
  type TextField as TextFieldName,
} from "../persistence/storefront-settings";
import { useAdminTranslation } from "../i18n/admin-messages";
import { FormSaveBar, useFormState } from "../components/form-save-bar";

const FORM_FIELDS = Object.keys(settingsToForm({ buttonColor: "", textColor: "", launcherPosition: "bottom_right", texts: {} }));

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return { form: settingsToForm(await getStorefrontSettings(db, shop)) };
}

export type SettingsActionResult = { ok: true } | { ok: false; issues: StorefrontSettingsIssue[] };

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = parseStorefrontSettingsForm(await readForm(request, FORM_FIELDS));
  if (!parsed.ok) return badRequest(parsed.issues);
  await saveStorefrontSettings(db, shop, parsed.value);
  return { ok: true as const };
}

const LANGUAGE_NAMES: Record<(typeof STOREFRONT_LOCALES)[number], string> = { en: "English", pl: "Polski", ru: "Русский", ro: "Română" };

export default function Settings() {
  const { form: saved } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const shopify = useAppBridge();
  const fetcher = useFetcher<SettingsActionResult>();
  const { values, set, dirty, reset, issues, setIssues, issueFor } = useFormState<StorefrontSettingsForm, string>(saved);
  const [tab, setTab] = useState(0);
  const saving = fetcher.state !== "idle";

  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) shopify.toast.show(t("admin.settings.saved"));
    else {
      setIssues(result.issues);
      // Show the first language with a problem.
      const locale = result.issues.map((issue) => issue.field.split(".")[0]).find((part) => (STOREFRONT_LOCALES as readonly string[]).includes(part!));
      if (locale) setTab(STOREFRONT_LOCALES.indexOf(locale as (typeof STOREFRONT_LOCALES)[number]));
    }
  });

  const error = (field: string) => {
    const issue = issueFor(field);
    return issue ? t(`admin.settings.error.${issue.code}`, { max: TEXT_FIELDS[field.split(".")[1] as TextFieldName] ?? 0 }) : undefined;
  };
  const locale = STOREFRONT_LOCALES[tab]!;
  const tabs = STOREFRONT_LOCALES.map((code) => {
    const broken = issues.some((issue) => issue.field.startsWith(`${code}.`));
    return { id: `texts-${code}`, content: broken ? `${LANGUAGE_NAMES[code]} ⚠` : LANGUAGE_NAMES[code], accessibilityLabel: LANGUAGE_NAMES[code] };
  });
  const previewLabel = values[`${locale}.launcherLabel`] || t("admin.settings.previewDefaultLabel");

  return (
    <Page>
      <TitleBar title={t("admin.settings.title")} />
      <FormSaveBar id="settings-save-bar" open={dirty} saving={saving} onSave={() => fetcher.submit(values, { method: "post" })} onDiscard={reset} />
      <Layout>
        <Layout.AnnotatedSection title={t("admin.settings.brandingHeading")} description={t("admin.settings.brandingDescription")}>
          <Card>
            <BlockStack gap="400">
              <FormLayout>
                <FormLayout.Group>
                  <ColorField
                    label={t("admin.settings.buttonColor")}
                    pickLabel={t("admin.settings.pickColor", { label: t("admin.settings.buttonColor") })}
                    value={values.buttonColor ?? ""} onChange={(v) => set("buttonColor", v)} error={error("buttonColor")} />
                  <ColorField
                    label={t("admin.settings.textColor")}
                    pickLabel={t("admin.settings.pickColor", { label: t("admin.settings.textColor") })}
                    value={values.textColor ?? ""} onChange={(v) => set("textColor", v)} error={error("textColor")} />
                </FormLayout.Group>
                <Select
                  label={t("admin.settings.position")}
                  options={LAUNCHER_POSITIONS.map((value) => ({ value, label: t(`admin.settings.positionOption.${value}`) }))}
                  value={values.launcherPosition ?? "bottom_right"}
                  onChange={(value) => set("launcherPosition", value)}
                  error={error("launcherPosition")}
                />
              </FormLayout>
              <BlockStack gap="100">
                <Text as="p" tone="subdued">
                  {t("admin.settings.preview")}
                </Text>
                <InlineStack align={values.launcherPosition === "bottom_left" ? "start" : "end"}>
                  <span
                    data-testid="launcher-preview"
                    style={{
                      display: "inline-block",
                      padding: "10px 18px",
                      borderRadius: 999,
                      background: /^#[0-9a-fA-F]{6}$/.test(values.buttonColor ?? "") ? values.buttonColor : "#1f4d3a",
                      color: /^#[0-9a-fA-F]{6}$/.test(values.textColor ?? "") ? values.textColor : "#ffffff",
                      fontWeight: 600,
                    }}
                  >
                    {previewLabel}
                  </span>
                </InlineStack>
              </BlockStack>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("admin.settings.textsHeading")} description={t("admin.settings.textsDescription")}>
          <Card padding="0">
            <Tabs tabs={tabs} selected={tab} onSelect={setTab}>
              <Box padding="400">
                <FormLayout>
                  {(Object.keys(TEXT_FIELDS) as TextFieldName[]).map((field) => (
                    <TextField
                      key={`${locale}.${field}`}
                      label={t(`admin.settings.text.${field}`)}
                      value={values[`${locale}.${field}`] ?? ""}
                      onChange={(value) => set(`${locale}.${field}`, value)}
                      autoComplete="off"
                      multiline={field === "guestIntro" || field === "memberIntro" ? 2 : undefined}
                      maxLength={TEXT_FIELDS[field]}
                      showCharacterCount
                      helpText={t("admin.settings.textHelp")}
                      error={error(`${locale}.${field}`)}
                    />
                  ))}
                </FormLayout>
              </Box>
            </Tabs>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}

function ColorField({
  label,
  pickLabel,
  value,
  onChange,
  error,
}: {
  label: string;
  pickLabel: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const valid = /^#[0-9a-fA-F]{6}$/.test(value);
  return (
    <TextField
      label={label}
      value={value}
      onChange={onChange}
      autoComplete="off"
      maxLength={7}
      error={error}
      prefix={
        <span
          aria-hidden
          style={{ display: "inline-block", width: 16, height: 16, borderRadius: 4, border: "1px solid #8a8a8a", background: valid ? value : "transparent" }}
        />
      }
      connectedRight={
        <input
          type="color"
          aria-label={pickLabel}
          value={valid ? value.toLowerCase() : "#000000"}
          onChange={(event) => onChange(event.target.value)}
          style={{ width: 40, height: "100%", minHeight: 32, border: "none", background: "none", padding: 0 }}
        />
      }
    />
  );
}
