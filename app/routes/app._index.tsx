import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import db, { activeDatabase } from "../db.server";
import { fetchShopInfo, type ShopInfo } from "../shopify/shop-info.server";
import { recordShopSeen } from "../loyalty/shops";
import { useAdminTranslation } from "../i18n/admin-messages";

export async function loader({ request }: LoaderFunctionArgs) {
  const { admin, session } = await authenticate.admin(request);
  let shop: ShopInfo | null = null;
  try {
    shop = await fetchShopInfo(admin.graphql);
    await recordShopSeen(db, session.shop, shop.currencyCode);
  } catch (error) {
    // The page still renders; the banner tells the merchant Shopify was unreachable.
    console.error("ShopInfo failed", error);
  }
  return { shopDomain: session.shop, shop, database: activeDatabase === "postgresql" ? "PostgreSQL" : "SQLite" };
}

export default function Home() {
  const { shopDomain, shop, database } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  return (
    <Page>
      <TitleBar title={t("admin.home.title")} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {shop ? null : <Banner tone="critical">{t("admin.errors.shopUnavailable")}</Banner>}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("admin.home.shopHeading")}
                </Text>
                <Text as="p" variant="bodyMd">
                  {t("admin.home.shopLine", {
                    name: shop?.name ?? shopDomain,
                    domain: shopDomain,
                    currency: shop?.currencyCode ?? "—",
                  })}
                </Text>
                <Text as="p" variant="bodyMd" tone="subdued">
                  {t("admin.home.databaseLine", { database })}
                </Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("admin.home.setupHeading")}
                </Text>
                <Text as="p" variant="bodyMd">
                  {t("admin.home.setupBody")}
                </Text>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
