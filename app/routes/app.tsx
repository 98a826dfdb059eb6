import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Link, Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button, Card, EmptyState, Page } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { requireAdmin } from "../admin/route-kit.server";
import { adminLocaleFromRequest, polarisTranslations } from "../shopify/admin-locale.server";
import { appBridgeScriptUrl } from "../shopify/app-bridge.server";
import { messagesFor, translator } from "../i18n";
import { AdminMessagesProvider, useAdminTranslation } from "../i18n/admin-messages";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const locale = adminLocaleFromRequest(request);
  return {
    apiKey: process.env.SHOPIFY_API_KEY || "",
    appBridgeUrl: appBridgeScriptUrl(),
    locale,
    messages: messagesFor(locale, "admin."),
    polarisI18n: await polarisTranslations(locale),
  };
}

type LayoutData = Awaited<ReturnType<typeof loader>>;

// The layout's data (API key, the admin's language and its messages) is fixed for the visit. Shopify passes
// `locale` only when it loads the app, so re-running this loader after a form post or a navigation (URLs without
// it) would switch the admin to English.
export const shouldRevalidate = () => false;

/** App Bridge, Polaris and the admin's texts around a page: the same for every page and for the error page. */
function AdminFrame({ data, children }: { data: LayoutData; children: ReactNode }) {
  const { apiKey, appBridgeUrl, locale, messages, polarisI18n } = data;
  const t = translator(messages, locale);
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} i18n={polarisI18n} __APP_BRIDGE_URL={appBridgeUrl}>
      <AdminMessagesProvider messages={messages} locale={locale}>
        <NavMenu>
          <Link to="/app" rel="home">
            {t("admin.nav.home")}
          </Link>
          <Link to="/app/customers">{t("admin.nav.customers")}</Link>
          <Link to="/app/program">{t("admin.nav.program")}</Link>
          <Link to="/app/ways-to-earn">{t("admin.nav.waysToEarn")}</Link>
          <Link to="/app/campaigns">{t("admin.nav.campaigns")}</Link>
          <Link to="/app/rewards">{t("admin.nav.rewards")}</Link>
          <Link to="/app/tiers">{t("admin.nav.tiers")}</Link>
          <Link to="/app/referrals">{t("admin.nav.referrals")}</Link>
          <Link to="/app/impact">{t("admin.nav.impact")}</Link>
          <Link to="/app/pos">{t("admin.nav.pos")}</Link>
          <Link to="/app/notifications">{t("admin.nav.notifications")}</Link>
          <Link to="/app/expiry">{t("admin.nav.expiry")}</Link>
          <Link to="/app/import">{t("admin.nav.import")}</Link>
          <Link to="/app/attention">{t("admin.nav.attention")}</Link>
          <Link to="/app/data-requests">{t("admin.nav.dataRequests")}</Link>
          <Link to="/app/settings">{t("admin.nav.settings")}</Link>
        </NavMenu>
        {children}
      </AdminMessagesProvider>
    </AppProvider>
  );
}

export default function AdminApp() {
  return (
    <AdminFrame data={useLoaderData<typeof loader>()}>
      <Outlet />
    </AdminFrame>
  );
}

/**
 * Which error page a failed page shows: 404 (an unknown record or URL), 403 (not a staff member), or a thrown error
 * (a bug or an outage, logged by the server). Other thrown responses are the Shopify library's (null).
 */
function errorKind(error: unknown): "notFound" | "forbidden" | "failed" | null {
  if (!isRouteErrorResponse(error)) return "failed";
  if (error.status === 404) return "notFound";
  if (error.status === 403) return "forbidden";
  return null;
}

function AdminErrorPage({ kind }: { kind: "notFound" | "forbidden" | "failed" }) {
  const t = useAdminTranslation();
  return (
    <Page>
      <Card>
        <EmptyState heading={t(`admin.errors.${kind}Title`)} image="">
          <p>{t(`admin.errors.${kind}Body`)}</p>
          <Button url="/app">{t("admin.errors.backHome")}</Button>
        </EmptyState>
      </Card>
    </Page>
  );
}

/**
 * A page of the admin that failed (its loader threw 404 for a record of another shop, say) is shown inside the
 * admin frame, in the admin's language. When the layout itself could not load, or Shopify's authentication answered
 * (a bounce page, a re-authentication header), Shopify's boundary passes that answer on, as it needs to.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("routes/app");
  const kind = errorKind(error);
  if (!data || !kind) return boundary.error(error);
  return (
    <AdminFrame data={data}>
      <AdminErrorPage kind={kind} />
    </AdminFrame>
  );
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
