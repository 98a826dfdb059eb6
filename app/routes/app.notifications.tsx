// Admin: Notifications. Whether the shop emails its members, the sender and branding, each event on or off, each
// event's subject and body per language (empty: the default text), a preview of the email as it would be sent, a
// test email to the merchant, whether loyalty events start Shopify Flow workflows (independent of the emails), and
// the latest messages of the outbox (emails and Flow triggers) with why any was not sent.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Banner, BlockStack, Box, Button, Card, Checkbox, FormLayout, InlineStack, Layout, Page, Select, Tabs, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import db, { sqlDb } from "../db.server";
import { badRequest, readForm, requireAdmin } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { useAdminTranslation } from "../i18n/admin-messages";
import { FormSaveBar, useFormState } from "../components/form-save-bar";
import { getNotificationSettings, saveFlowEnabled, saveNotificationSettings } from "../persistence/notification-settings";
import { flowEnabled, recentNotifications } from "../persistence/notification-outbox";
import { notificationFormFields, parseNotificationForm, settingsToForm } from "../rules/notification-settings-form";
import { isNotificationKind, NOTIFICATION_KINDS, PLACEHOLDERS, type NotificationKind, type NotificationPayload } from "../rules/notifications";
import { SUPPORTED_LOCALES, type Locale } from "../i18n";
import { defaultFromAddress, mailTransport } from "../jobs/mail-transport.server";
import { mailHeaders, renderForShop } from "../jobs/notification-sender.server";
import { readInstant } from "../db/dialect";

const FIELDS = notificationFormFields();

/** The sample event every preview and test shows. */
function samplePayload(locale: Locale): NotificationPayload {
  const inAWeek = new Date(Date.now() + 7 * 24 * 3600_000).toISOString().slice(0, 10);
  return { points: 250, reward: "$10 off", valueMinor: 1000, currency: "USD", date: inAWeek, days: 7, tier: "Gold", locale };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const [stored, flow, recent] = await Promise.all([getNotificationSettings(db, shop), flowEnabled(sqlDb, shop), recentNotifications(sqlDb, shop, 10)]);
  return {
    form: { ...settingsToForm(stored), flowEnabled: String(flow) },
    transport: mailTransport()?.kind ?? "none",
    recent: recent.map((row) => ({ ...row, createdAt: readInstant(row.createdAt).toISOString(), sentAt: row.sentAt ? readInstant(row.sentAt).toISOString() : null })),
  };
}

export type NotificationsActionResult =
  | { ok: true; intent: "save" }
  | { ok: true; intent: "preview"; subject: string; html: string; text: string }
  | { ok: true; intent: "test"; to: string }
  | { ok: false; issues: Array<{ field: string; code: string; values?: Record<string, string | number> }> };

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { intent: intentText, kind: kindText, previewLocale: localeText, flowEnabled: flowText, ...values } = await readForm(request, [...FIELDS, "intent", "kind", "previewLocale", "flowEnabled"]);
  const intent = intentText || "save";
  const parsed = parseNotificationForm(values);
  if (!parsed.ok) return badRequest(parsed.issues);
  if (intent === "save") {
    if (flowText !== undefined && flowText !== "" && flowText !== "true" && flowText !== "false") return badRequest([{ field: "flowEnabled", code: "not_a_choice" }]);
    await saveNotificationSettings(db, shop, parsed.value);
    // Absent (an older form): left as it is.
    if (flowText === "true" || flowText === "false") await saveFlowEnabled(db, shop, flowText === "true");
    return { ok: true as const, intent: "save" as const };
  }
  if (!isNotificationKind(kindText) || !(SUPPORTED_LOCALES as readonly string[]).includes(localeText ?? "")) return badRequest([{ field: "kind", code: "not_a_choice" }]);
  const shopRow = await sqlDb.selectFrom("Shop").select("currency").where("domain", "=", shop).executeTakeFirst();
  const context = { settings: parsed.value.settings, currency: shopRow?.currency ?? "USD" };
  const unsubscribe = new URL("/notifications/unsubscribe?preview=1", process.env.SHOPIFY_APP_URL ?? "http://localhost").toString();
  const { email } = renderForShop(context, shop, kindText as NotificationKind, samplePayload(localeText as Locale), { firstName: "Ada", balance: 1200 }, unsubscribe);
  if (intent === "preview") return { ok: true as const, intent: "preview" as const, ...email };
  if (intent !== "test") return badRequest([{ field: "intent", code: "not_a_choice" }]);
  const to = parsed.value.settings.testAddress;
  if (!to) return badRequest([{ field: "testAddress", code: "required" }]);
  const transport = mailTransport();
  if (!transport) return badRequest([{ field: "testAddress", code: "no_transport" }], 409);
  try {
    await transport.send({
      from: parsed.value.settings.fromAddress || defaultFromAddress(),
      to,
      ...email,
      subject: `[Test] ${email.subject}`,
      headers: mailHeaders(unsubscribe),
      messageId: `<test.${Date.now()}@${shop}>`,
    });
  } catch {
    return badRequest([{ field: "testAddress", code: "send_failed" }], 502);
  }
  return { ok: true as const, intent: "test" as const, to };
}

const KNOWN_REASONS = new Set(["no_mail_transport", "throttled", "unsubscribed", "disabled", "no_email", "flow_off", "no_member", "no_flow_sender"]);

const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", pl: "Polski", ru: "Русский", ro: "Română" };

export default function Notifications() {
  const { form: saved, transport, recent } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const shopify = useAppBridge();
  const fetcher = useFetcher<NotificationsActionResult>();
  const previewFetcher = useFetcher<NotificationsActionResult>();
  const { values, set, dirty, reset, setIssues, issueFor } = useFormState<Record<string, string>, string>(saved);
  const [kind, setKind] = useState<NotificationKind>("points_earned");
  const [tab, setTab] = useState(0);
  const locale = SUPPORTED_LOCALES[tab]!;
  const saving = fetcher.state !== "idle";

  useFetcherOutcome(fetcher, (result) => {
    if (!result.ok) setIssues(result.issues);
    else if (result.intent === "save") shopify.toast.show(t("admin.notifications.saved"));
    else if (result.intent === "test") shopify.toast.show(t("admin.notifications.testSent", { to: result.to }));
  });
  useFetcherOutcome(previewFetcher, (result) => {
    if (!result.ok) setIssues(result.issues);
  });

  const error = (field: string) => {
    const issue = issueFor(field);
    return issue ? t(`admin.notifications.error.${issue.code}`, issue.values ?? {}) : undefined;
  };
  const submit = (fetch: typeof fetcher, intent: string) => fetch.submit({ ...values, intent, kind, previewLocale: locale }, { method: "post" });
  const preview = previewFetcher.data?.ok && previewFetcher.data.intent === "preview" ? previewFetcher.data : null;
  const enabled = values.enabled === "true";
  const subjectField = `event.${kind}.subject.${locale}`;
  const bodyField = `event.${kind}.body.${locale}`;

  return (
    <Page>
      <TitleBar title={t("admin.notifications.title")} />
      <FormSaveBar id="notifications-save-bar" open={dirty} saving={saving} onSave={() => submit(fetcher, "save")} onDiscard={reset} />
      <BlockStack gap="400">
        {transport === "none" ? (
          <Banner tone="warning" title={t("admin.notifications.noTransportTitle")}>
            <p>{t("admin.notifications.noTransportBody")}</p>
          </Banner>
        ) : transport === "demo" ? (
          <Banner tone="info" title={t("admin.notifications.demoTransportTitle")}>
            <p>{t("admin.notifications.demoTransportBody")}</p>
          </Banner>
        ) : null}
        <Layout>
          <Layout.AnnotatedSection title={t("admin.notifications.sendingHeading")} description={t("admin.notifications.sendingDescription")}>
            <Card>
              <FormLayout>
                <Checkbox label={t("admin.notifications.enabled")} checked={enabled} onChange={(on) => set("enabled", String(on))} helpText={t("admin.notifications.enabledHelp")} />
                <TextField label={t("admin.notifications.fromAddress")} value={values.fromAddress ?? ""} onChange={(v) => set("fromAddress", v)} autoComplete="off" placeholder="Store name <rewards@example.com>" helpText={t("admin.notifications.fromAddressHelp")} error={error("fromAddress")} />
                <FormLayout.Group>
                  <TextField label={t("admin.notifications.brandName")} value={values.brandName ?? ""} onChange={(v) => set("brandName", v)} autoComplete="off" maxLength={80} error={error("brandName")} />
                  <TextField label={t("admin.notifications.brandColor")} value={values.brandColor ?? ""} onChange={(v) => set("brandColor", v)} autoComplete="off" maxLength={7} error={error("brandColor")} />
                </FormLayout.Group>
                <FormLayout.Group>
                  <Select label={t("admin.notifications.locale")} options={SUPPORTED_LOCALES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))} value={values.locale ?? "en"} onChange={(v) => set("locale", v)} error={error("locale")} />
                  <TextField label={t("admin.notifications.dailyLimit")} type="number" value={values.dailyLimit ?? ""} onChange={(v) => set("dailyLimit", v)} autoComplete="off" helpText={t("admin.notifications.dailyLimitHelp")} error={error("dailyLimit")} />
                </FormLayout.Group>
                <TextField label={t("admin.notifications.testAddress")} type="email" value={values.testAddress ?? ""} onChange={(v) => set("testAddress", v)} autoComplete="email" helpText={t("admin.notifications.testAddressHelp")} error={error("testAddress")} />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection title={t("admin.notifications.eventsHeading")} description={t("admin.notifications.eventsDescription")}>
            <Card>
              <BlockStack gap="200">
                {NOTIFICATION_KINDS.map((k) => (
                  <Checkbox key={k} label={t(`admin.notifications.kind.${k}`)} checked={values[`event.${k}.enabled`] === "true"} onChange={(on) => set(`event.${k}.enabled`, String(on))} disabled={!enabled} />
                ))}
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection title={t("admin.notifications.flowHeading")} description={t("admin.notifications.flowDescription")}>
            <Card>
              <Checkbox label={t("admin.notifications.flowEnabled")} checked={values.flowEnabled === "true"} onChange={(on) => set("flowEnabled", String(on))} helpText={t("admin.notifications.flowEnabledHelp")} error={error("flowEnabled")} />
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection title={t("admin.notifications.templateHeading")} description={t("admin.notifications.templateDescription", { placeholders: PLACEHOLDERS.map((p) => `{${p}}`).join(" ") })}>
            <Card padding="0">
              <Box padding="400" paddingBlockEnd="0">
                <Select label={t("admin.notifications.templateEvent")} options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: t(`admin.notifications.kind.${k}`) }))} value={kind} onChange={(v) => setKind(v as NotificationKind)} />
              </Box>
              <Tabs tabs={SUPPORTED_LOCALES.map((code) => ({ id: `template-${code}`, content: LANGUAGE_NAMES[code] }))} selected={tab} onSelect={setTab}>
                <Box padding="400">
                  <FormLayout>
                    <TextField key={subjectField} label={t("admin.notifications.subject")} value={values[subjectField] ?? ""} onChange={(v) => set(subjectField, v)} autoComplete="off" placeholder={t("admin.notifications.defaultText")} error={error(subjectField)} />
                    <TextField key={bodyField} label={t("admin.notifications.body")} value={values[bodyField] ?? ""} onChange={(v) => set(bodyField, v)} autoComplete="off" multiline={6} placeholder={t("admin.notifications.defaultText")} error={error(bodyField)} />
                    <InlineStack gap="200">
                      <Button onClick={() => submit(previewFetcher, "preview")} loading={previewFetcher.state !== "idle"}>
                        {t("admin.notifications.preview")}
                      </Button>
                      <Button onClick={() => submit(fetcher, "test")} disabled={transport === "none"}>
                        {t("admin.notifications.sendTest")}
                      </Button>
                    </InlineStack>
                    {preview ? (
                      <BlockStack gap="200">
                        <Text as="p" variant="bodyMd" fontWeight="semibold">
                          <span data-testid="preview-subject">{preview.subject}</span>
                        </Text>
                        <iframe title={t("admin.notifications.previewFrame")} srcDoc={preview.html} sandbox="" style={{ width: "100%", height: 360, border: "1px solid #e1e3e5", borderRadius: 8 }} />
                      </BlockStack>
                    ) : null}
                  </FormLayout>
                </Box>
              </Tabs>
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection title={t("admin.notifications.outboxHeading")} description={t("admin.notifications.outboxDescription")}>
            <Card>
              {recent.length === 0 ? (
                <Text as="p" tone="subdued">
                  {t("admin.notifications.outboxEmpty")}
                </Text>
              ) : (
                <BlockStack gap="100">
                  {recent.map((row) => (
                    <Text as="p" key={row.id}>
                      {new Date(row.createdAt).toLocaleString()} · {t(row.channel === "flow" ? `admin.notifications.flowKind.${row.kind}` : `admin.notifications.kind.${row.kind}`)} · {t(`admin.notifications.status.${row.status}`)}
                      {row.reason ? ` (${KNOWN_REASONS.has(row.reason) ? t(`admin.notifications.reason.${row.reason}`) : row.reason})` : ""}
                    </Text>
                  ))}
                </BlockStack>
              )}
            </Card>
          </Layout.AnnotatedSection>
        </Layout>
      </BlockStack>
    </Page>
  );
}
