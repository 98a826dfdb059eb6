import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Badge, Banner, BlockStack, Box, Button, Card, Checkbox, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { sqlDb } from "../db.server";
import { parseRowId } from "../db/row-id";
import { badRequest, readForm, refused, requireAdmin } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { deleteCustomAction, listActions, saveAction } from "../persistence/earning-actions";
import { ApiKeyNameError, createApiKey, listApiKeys, revokeApiKey } from "../persistence/api-keys";
import { listAllowedOrigins, saveAllowedOrigins } from "../persistence/api-origins";
import { MAX_ALLOWED_ORIGINS, parseAllowedOrigins } from "../rules/api-origins";
import { defaultAction, isBuiltInAction, socialNetworkOf, type ActionDefinition } from "../rules/earning-actions";
import {
  ACTION_FORM_FIELDS,
  actionExample,
  actionToForm,
  isNewCustomKey,
  parseActionForm,
  type ActionFormField,
  type ActionFormValues,
} from "../rules/earning-actions-form";
import { useAdminTranslation } from "../i18n/admin-messages";
import { CardSaveButtons } from "../components/card-save-buttons";
import { LocaleNameFields } from "../components/locale-name-fields";
import { formatNumber, useAdminLocale } from "../components/admin-format";
import { useFormState } from "../components/form-save-bar";
import { OrderBonusCard } from "../components/order-bonus-card";
import { getOrderBonuses, OrderBonusError, saveOrderBonuses } from "../persistence/program-settings";
import { shopCurrency } from "../persistence/shops";
import { ORDER_BONUS_FIELDS, parseOrderBonusForm } from "../rules/order-bonus-form";
import { ExclusionsCard } from "../components/exclusions-card";
import { ExistingAccountsBonusCard } from "../components/existing-accounts-bonus-card";
import { grantExistingAccountsBonus, planExistingAccountsBonus } from "../persistence/existing-accounts-bonus";
import { accountsCreatedBefore } from "../shopify/existing-accounts.server";
import { AdminGraphqlError } from "../shopify/admin-graphql.server";
import { preProgramCutoff } from "../rules/membership";
import { shopInstalledAt } from "../persistence/shops";
import { getExclusions, refreshProductFacts, saveExclusions } from "../persistence/product-facts";
import { parseIds, parseTags } from "../rules/campaign-form";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const [actions, keys, orderBonuses, currency, exclusions, allowedOrigins] = await Promise.all([
    listActions(sqlDb, shop),
    listApiKeys(sqlDb, shop),
    getOrderBonuses(sqlDb, shop),
    shopCurrency(sqlDb, shop),
    getExclusions(sqlDb, shop),
    listAllowedOrigins(sqlDb, shop),
  ]);
  return {
    actions,
    allowedOrigins,
    orderBonuses,
    exclusions,
    currency,
    keys: keys.map((key) => ({
      ...key,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
    })),
  };
}

type Outcome =
  | { ok: true; intent: "save" | "create_custom" | "delete_custom" | "revoke_key" | "save_order_bonuses" | "save_exclusions" | "save_origins" }
  | { ok: true; intent: "create_key"; key: string; name: string }
  | { ok: false; issues: Array<{ field: string; code: string; values?: Record<string, string | number> }> };

// One form per intent: save an action's settings, add or delete a custom action, create or revoke an API key.
// Every refusal is 400 with the field and writes nothing.
export async function action({ request }: ActionFunctionArgs) {
  const { shop, admin } = await requireAdmin(request);
  const form = await readForm(request, ["intent", "name", "id", "origins", ...ACTION_FORM_FIELDS, ...ORDER_BONUS_FIELDS, "excludedCollectionIds", "excludedProductTags"]);
  switch (form.intent) {
    case "save_exclusions": {
      const collections = parseIds(form.excludedCollectionIds);
      const tags = parseTags(form.excludedProductTags);
      const issues = [
        ...(collections === null || collections.length > 250 ? [{ field: "excludedCollectionIds", code: "invalid_item" }] : []),
        ...(tags.length > 250 || tags.some((tag) => tag.length > 255) ? [{ field: "excludedProductTags", code: "invalid_item" }] : []),
      ];
      if (issues.length > 0) return badRequest(issues);
      await saveExclusions(sqlDb, shop, { excludedCollectionIds: collections!, excludedProductTags: tags });
      // Which products those are, from Shopify, now: orders/paid then knows without asking (rules/product-facts.ts).
      await refreshProductFacts(sqlDb, admin.graphql, shop);
      return { ok: true as const, intent: "save_exclusions" as const };
    }
    case "save_order_bonuses": {
      const parsed = parseOrderBonusForm(form, await shopCurrency(sqlDb, shop));
      if (!parsed.ok) return badRequest(parsed.issues);
      try {
        await saveOrderBonuses(sqlDb, shop, parsed.value);
      } catch (error) {
        if (error instanceof OrderBonusError) return badRequest(error.issues);
        throw error;
      }
      return { ok: true as const, intent: "save_order_bonuses" as const };
    }
    case "save": {
      const existing = (await listActions(sqlDb, shop)).map((a) => a.key);
      if (!existing.includes(form.key)) return refused("key", "unknown_action", 404);
      const parsed = parseActionForm(form);
      if (!parsed.ok) return badRequest(parsed.issues);
      await saveAction(sqlDb, shop, parsed.value);
      return { ok: true as const, intent: "save" as const };
    }
    case "create_custom": {
      const existing = (await listActions(sqlDb, shop)).map((a) => a.key);
      const key = form.key.trim();
      if (!isNewCustomKey(key, existing)) return refused("key", !isBuiltInAction(key) && existing.includes(key) ? "key_taken" : "invalid_key");
      await saveAction(sqlDb, shop, defaultAction(key));
      return { ok: true as const, intent: "create_custom" as const };
    }
    case "delete_custom": {
      if (isBuiltInAction(form.key) || !(await deleteCustomAction(sqlDb, shop, form.key))) return refused("key", "unknown_action", 404);
      return { ok: true as const, intent: "delete_custom" as const };
    }
    case "create_key": {
      try {
        const created = await createApiKey(sqlDb, shop, form.name);
        return { ok: true as const, intent: "create_key" as const, key: created.key, name: form.name.trim() };
      } catch (error) {
        if (error instanceof ApiKeyNameError) return refused("name", "invalid_name");
        throw error;
      }
    }
    // The websites allowed to call the customer-facing headless API from a browser (CORS); saved as a whole list.
    case "save_origins": {
      const parsed = parseAllowedOrigins(form.origins);
      if ("issue" in parsed) return refused("origins", parsed.issue.code, 400, { line: parsed.issue.line, max: MAX_ALLOWED_ORIGINS });
      await saveAllowedOrigins(sqlDb, shop, parsed.origins);
      return { ok: true as const, intent: "save_origins" as const };
    }
    case "revoke_key": {
      const id = parseRowId(form.id);
      if (id === null || !(await revokeApiKey(sqlDb, shop, id))) return refused("id", "unknown_key", 404);
      return { ok: true as const, intent: "revoke_key" as const };
    }
    // The sign-up bonus for accounts older than the program: the preview and the grant each ask Shopify who those
    // are (the grant never trusts a list from the browser); the grant is idempotent per customer.
    case "preview_existing_accounts":
    case "grant_existing_accounts": {
      const installedAt = await shopInstalledAt(sqlDb, shop);
      if (!installedAt) return refused("intent", "unknown_shop", 404);
      let accounts: { ids: string[]; complete: boolean };
      try {
        accounts = await accountsCreatedBefore(admin.graphql, preProgramCutoff(installedAt));
      } catch (error) {
        if (error instanceof AdminGraphqlError) return refused("intent", "shopify_unavailable", 503);
        throw error;
      }
      if (form.intent === "preview_existing_accounts") {
        const plan = await planExistingAccountsBonus(sqlDb, shop, accounts.ids);
        return { ok: true as const, intent: "preview_existing_accounts" as const, customers: plan.customerIds.length, points: plan.points, perCustomer: plan.perCustomer, skipped: plan.skipped, complete: accounts.complete };
      }
      const granted = await grantExistingAccountsBonus(sqlDb, shop, accounts.ids);
      return { ok: true as const, intent: "grant_existing_accounts" as const, granted: granted.granted, points: granted.points, complete: accounts.complete };
    }
    default:
      return refused("intent", "unknown_intent");
  }
}

type T = ReturnType<typeof useAdminTranslation>;

function actionTitle(t: T, action: ActionDefinition): string {
  const network = socialNetworkOf(action.key);
  if (network) return t(`admin.waysToEarn.kind.social_${network}`);
  if (action.kind === "custom") return action.names.en || action.key;
  return t(`admin.waysToEarn.kind.${action.kind}`);
}

function ActionCard({ action }: { action: ActionDefinition }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<Outcome>();
  const { values, set, dirty, reset, setIssues, issueFor } = useFormState<ActionFormValues, ActionFormField>(actionToForm(action));
  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) shopify.toast.show(t("admin.waysToEarn.saved"));
    else setIssues(result.issues as Array<{ field: ActionFormField; code: string }>);
  });
  const error = (field: ActionFormField) => {
    const issue = issueFor(field);
    return issue ? t(`admin.waysToEarn.error.${issue.code}`) : undefined;
  };
  const preview = parseActionFormPreview(values, action);
  const limitChoosable = action.kind === "custom" || action.kind === "product_review";
  const title = actionTitle(t, action);
  const id = `action-${action.key}`;

  return (
    <section aria-labelledby={`${id}-title`} data-testid={id}>
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingMd" id={`${id}-title`}>
            {title}
          </Text>
          <Badge tone={action.enabled ? "success" : undefined}>{action.enabled ? t("admin.waysToEarn.on") : t("admin.waysToEarn.off")}</Badge>
        </InlineStack>
        {action.kind === "social" ? <Text as="p" tone="subdued">{t("admin.waysToEarn.honourBased")}</Text> : null}
        {action.kind === "product_review" || action.kind === "custom" ? (
          <Text as="p" tone="subdued">{t("admin.waysToEarn.viaApi", { key: action.key })}</Text>
        ) : null}
        <Checkbox label={t("admin.waysToEarn.enabled")} checked={values.enabled === "true"} onChange={(checked) => set("enabled", String(checked))} />
        <TextField
          label={t("admin.waysToEarn.points")}
          type="number"
          min={0}
          value={values.points}
          onChange={(value) => set("points", value)}
          autoComplete="off"
          error={error("points")}
        />
        {limitChoosable ? (
          <InlineStack gap="300" wrap>
            <Select
              label={t("admin.waysToEarn.limit")}
              options={[
                { label: t("admin.waysToEarn.limitType.once"), value: "once" },
                { label: t("admin.waysToEarn.limitType.yearly"), value: "yearly" },
                { label: t("admin.waysToEarn.limitType.per_period"), value: "per_period" },
              ]}
              value={values.limitType}
              onChange={(value) => set("limitType", value)}
              error={error("limitType")}
            />
            {values.limitType === "per_period" ? (
              <>
                <TextField
                  label={t("admin.waysToEarn.limitCount")}
                  type="number"
                  min={1}
                  value={values.limitCount}
                  onChange={(value) => set("limitCount", value)}
                  autoComplete="off"
                  error={error("limitCount")}
                />
                <Select
                  label={t("admin.waysToEarn.limitPeriod")}
                  options={(["day", "week", "month"] as const).map((p) => ({ label: t(`admin.waysToEarn.period.${p}`), value: p }))}
                  value={values.limitPeriod}
                  onChange={(value) => set("limitPeriod", value)}
                  error={error("limitPeriod")}
                />
              </>
            ) : null}
          </InlineStack>
        ) : (
          <Text as="p">{t(`admin.waysToEarn.limitText.${action.limit.type}`, { count: 1 })}</Text>
        )}
        {action.kind === "social" ? (
          <TextField
            label={t("admin.waysToEarn.url")}
            type="url"
            value={values.url}
            onChange={(value) => set("url", value)}
            autoComplete="off"
            placeholder="https://"
            error={error("url")}
          />
        ) : null}
        {action.kind === "product_review" ? (
          <TextField
            label={t("admin.waysToEarn.photoBonus")}
            type="number"
            min={0}
            value={values.photoBonus}
            onChange={(value) => set("photoBonus", value)}
            autoComplete="off"
            error={error("photoBonus")}
          />
        ) : null}
        {action.kind === "birthday" ? (
          <TextField
            label={t("admin.waysToEarn.leadDays")}
            type="number"
            min={0}
            value={values.leadDays}
            onChange={(value) => set("leadDays", value)}
            autoComplete="off"
            helpText={t("admin.waysToEarn.leadDaysHelp")}
            error={error("leadDays")}
          />
        ) : null}
        <BlockStack gap="200">
          <Text as="h4" variant="headingSm">
            {t("admin.waysToEarn.names")}
          </Text>
          <LocaleNameFields values={values} set={set} error={error} label={(lang) => t(`admin.waysToEarn.nameIn.${lang}`)} />
        </BlockStack>
        <Box background="bg-surface-secondary" padding="300" borderRadius="200">
          <Text as="p" variant="bodyMd">
            <span data-testid={`${id}-example`}>
              {preview
                ? actionExample(preview)
                    .map((part) => t(part.key, Object.fromEntries(Object.entries(part.values).map(([k, v]) => [k, formatNumber(v, locale)]))))
                    .join(" ")
                : t("admin.waysToEarn.exampleUnavailable")}
            </span>
          </Text>
        </Box>
        <InlineStack gap="200">
          <CardSaveButtons
            dirty={dirty}
            saving={fetcher.state !== "idle"}
            onSave={() => fetcher.submit({ intent: "save", ...values }, { method: "post" })}
            onDiscard={reset}
            saveLabel={t("admin.waysToEarn.save")}
            saveAccessibilityLabel={t("admin.waysToEarn.saveAction", { name: title })}
          />
          {action.kind === "custom" ? (
            <Button tone="critical" onClick={() => fetcher.submit({ intent: "delete_custom", key: action.key }, { method: "post" })}>
              {t("admin.waysToEarn.delete")}
            </Button>
          ) : null}
        </InlineStack>
      </BlockStack>
    </Card>
    </section>
  );
}

/** The definition the form would save, for the live example; null while a number field is not a number. */
function parseActionFormPreview(values: ActionFormValues, action: ActionDefinition): ActionDefinition | null {
  const parsed = parseActionForm({ ...values, enabled: "false" });
  if (parsed.ok) return parsed.value;
  const points = Number(values.points);
  return Number.isSafeInteger(points) && points >= 0 ? { ...action, points } : null;
}

function CustomActionForm() {
  const t = useAdminTranslation();
  const fetcher = useFetcher<Outcome>();
  const [key, setKey] = useState("");
  const [issue, setIssue] = useState<string | null>(null);
  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) setKey("");
    else setIssue(result.issues[0]?.code ?? null);
  });
  return (
    <Card>
      <BlockStack gap="300">
        <TextField
          label={t("admin.waysToEarn.customKey")}
          value={key}
          onChange={(value) => {
            setKey(value);
            setIssue(null);
          }}
          autoComplete="off"
          placeholder="nps_survey"
          helpText={t("admin.waysToEarn.customKeyHelp")}
          error={issue ? t(`admin.waysToEarn.error.${issue}`) : undefined}
        />
        <InlineStack>
          <Button onClick={() => fetcher.submit({ intent: "create_custom", key }, { method: "post" })} loading={fetcher.state !== "idle"}>
            {t("admin.waysToEarn.addCustom")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function ApiKeys({ keys }: { keys: Awaited<ReturnType<typeof loader>>["keys"] }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const fetcher = useFetcher<Outcome>();
  const revoker = useFetcher<Outcome>();
  const [name, setName] = useState("");
  const [issue, setIssue] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  useFetcherOutcome(fetcher, (result) => {
    if (result.ok && result.intent === "create_key") {
      setCreated({ key: result.key, name: result.name });
      setName("");
    } else if (!result.ok) setIssue(result.issues[0]?.code ?? null);
  });
  const date = (iso: string | null) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) : t("admin.waysToEarn.never"));
  return (
    <Card>
      <BlockStack gap="300">
        {created ? (
          <Banner tone="success" title={t("admin.waysToEarn.keyCreated", { name: created.name })} onDismiss={() => setCreated(null)}>
            <BlockStack gap="200">
              <Text as="p">{t("admin.waysToEarn.keyShownOnce")}</Text>
              <Text as="p" fontWeight="bold" breakWord>
                <code data-testid="new-api-key">{created.key}</code>
              </Text>
            </BlockStack>
          </Banner>
        ) : null}
        <TextField
          label={t("admin.waysToEarn.keyName")}
          value={name}
          onChange={(value) => {
            setName(value);
            setIssue(null);
          }}
          autoComplete="off"
          maxLength={60}
          error={issue ? t(`admin.waysToEarn.error.${issue}`) : undefined}
        />
        <InlineStack>
          <Button onClick={() => fetcher.submit({ intent: "create_key", name }, { method: "post" })} loading={fetcher.state !== "idle"}>
            {t("admin.waysToEarn.createKey")}
          </Button>
        </InlineStack>
        {keys.length === 0 ? (
          <Text as="p" tone="subdued">{t("admin.waysToEarn.noKeys")}</Text>
        ) : (
          <BlockStack gap="200" as="ul">
            {keys.map((key) => (
              <Box as="li" key={key.id} padding="200" borderColor="border" borderWidth="025" borderRadius="200">
                <InlineStack align="space-between" blockAlign="center" gap="200">
                  <BlockStack gap="100">
                    <Text as="span" fontWeight="semibold">
                      {key.name} <code>{key.prefix}…</code>
                    </Text>
                    <Text as="span" tone="subdued">
                      {t("admin.waysToEarn.keyDates", { created: date(key.createdAt), used: date(key.lastUsedAt) })}
                    </Text>
                  </BlockStack>
                  {key.revokedAt ? (
                    <Badge>{t("admin.waysToEarn.revoked")}</Badge>
                  ) : (
                    <Button
                      tone="critical"
                      accessibilityLabel={t("admin.waysToEarn.revokeKey", { name: key.name })}
                      onClick={() => revoker.submit({ intent: "revoke_key", id: String(key.id) }, { method: "post" })}
                    >
                      {t("admin.waysToEarn.revoke")}
                    </Button>
                  )}
                </InlineStack>
              </Box>
            ))}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}

function AllowedOrigins({ saved }: { saved: string[] }) {
  const t = useAdminTranslation();
  const shopify = useAppBridge();
  const fetcher = useFetcher<Outcome>();
  const [text, setText] = useState(saved.join("\n"));
  const [issue, setIssue] = useState<{ code: string; values?: Record<string, string | number> } | null>(null);
  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) shopify.toast.show(t("admin.waysToEarn.originsSaved"));
    else setIssue(result.issues[0] ?? null);
  });
  return (
    <Card>
      <BlockStack gap="300">
        <TextField
          label={t("admin.waysToEarn.originsLabel")}
          helpText={t("admin.waysToEarn.originsHelp")}
          value={text}
          onChange={(value) => {
            setText(value);
            setIssue(null);
          }}
          multiline={3}
          autoComplete="off"
          placeholder="https://app.example.com"
          error={issue ? t(`admin.waysToEarn.error.${issue.code}`, issue.values) : undefined}
        />
        <InlineStack>
          <Button onClick={() => fetcher.submit({ intent: "save_origins", origins: text }, { method: "post" })} loading={fetcher.state !== "idle"}>
            {t("admin.waysToEarn.saveOrigins")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export default function WaysToEarn() {
  const { actions, keys, orderBonuses, currency, exclusions, allowedOrigins } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  return (
    <Page>
      <TitleBar title={t("admin.waysToEarn.title")} />
      <Layout>
        <Layout.AnnotatedSection title={t("admin.waysToEarn.actionsHeading")} description={t("admin.waysToEarn.actionsDescription")}>
          <BlockStack gap="400">
            {actions.map((action) => (
              <ActionCard key={action.key} action={action} />
            ))}
          </BlockStack>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={t("admin.orderBonus.heading")} description={t("admin.orderBonus.description")}>
          <BlockStack gap="400">
            <OrderBonusCard saved={orderBonuses} currency={currency} />
            <ExclusionsCard saved={exclusions} />
            <ExistingAccountsBonusCard />
          </BlockStack>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={t("admin.waysToEarn.customHeading")} description={t("admin.waysToEarn.customDescription")}>
          <CustomActionForm />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={t("admin.waysToEarn.keysHeading")} description={t("admin.waysToEarn.keysDescription")}>
          <BlockStack gap="400">
            <ApiKeys keys={keys} />
            <AllowedOrigins saved={allowedOrigins} />
          </BlockStack>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
