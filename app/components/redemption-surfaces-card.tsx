// Program page: where shoppers can spend and see their points, and which plan each place needs. Changing discount
// codes inside checkout is Shopify Plus only (Built for Shopify: Plus-only features are labelled), so the checkout
// extension carries a "Shopify Plus" badge; the cart block works on every plan and is the way for the others.
import { Badge, BlockStack, Card, InlineStack, Layout, Text } from "@shopify/polaris";
import { useAdminTranslation } from "../i18n/admin-messages";

const SURFACES = [
  { key: "cart", plus: false },
  { key: "checkout", plus: true },
  { key: "thankYou", plus: false },
  { key: "account", plus: false },
  { key: "pos", plus: false },
] as const;

export function RedemptionSurfacesCard() {
  const t = useAdminTranslation();
  return (
    <Layout.AnnotatedSection title={t("admin.surfaces.heading")} description={t("admin.surfaces.description")}>
      <Card>
        <BlockStack gap="300">
          {SURFACES.map((surface) => (
            <BlockStack key={surface.key} gap="100">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h3" variant="headingSm">
                  {t(`admin.surfaces.${surface.key}.title`)}
                </Text>
                <Badge tone={surface.plus ? "attention" : "success"}>{surface.plus ? t("admin.surfaces.plusOnly") : t("admin.surfaces.allPlans")}</Badge>
              </InlineStack>
              <Text as="p" tone="subdued">
                {t(`admin.surfaces.${surface.key}.body`)}
              </Text>
            </BlockStack>
          ))}
        </BlockStack>
      </Card>
    </Layout.AnnotatedSection>
  );
}
