import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { requireAdmin } from "../admin/route-kit.server";
import { adminLocaleFromRequest, polarisTranslations } from "../shopify/admin-locale.server";
import { appBridgeScriptUrl } from "../shopify/app-bridge.server";
import { messagesFor, translator } from "../i18n";
import { AdminMessagesProvider } from "../i18n/admin-messages";

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

// The layout's data (API key, the admin's language and its messages) is fixed for the visit. Shopify passes
// `locale` only when it loads the app, so re-running this loader after a form post or a navigation (URLs without
// it) would switch the admin to English.
export const shouldRevalidate = () => false;

export default function AdminApp() {
  const { apiKey, appBridgeUrl, messages, polarisI18n } = useLoaderData<typeof loader>();
  const t = translator(messages);
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} i18n={polarisI18n} __APP_BRIDGE_URL={appBridgeUrl}>
      <AdminMessagesProvider messages={messages}>
        <NavMenu>
          <Link to="/app" rel="home">
            {t("admin.nav.home")}
          </Link>
          <Link to="/app/customers">{t("admin.nav.customers")}</Link>
          <Link to="/app/program">{t("admin.nav.program")}</Link>
          <Link to="/app/rewards">{t("admin.nav.rewards")}</Link>
          <Link to="/app/import">{t("admin.nav.import")}</Link>
          <Link to="/app/settings">{t("admin.nav.settings")}</Link>
        </NavMenu>
        <Outlet />
      </AdminMessagesProvider>
    </AppProvider>
  );
}

// Shopify needs Remix to catch thrown responses so its auth headers reach the browser.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
