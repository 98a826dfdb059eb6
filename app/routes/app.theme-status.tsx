import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../admin/route-kit.server";
import { embedActivationUrl, fetchEmbedStatus } from "../shopify/theme-embed.server";

// GET /app/theme-status: whether the storefront embed is on in the live theme, and the theme editor link that turns
// it on. Loaded by Home after it has painted, so a slow answer from Shopify never holds the page up.
export async function loader({ request }: LoaderFunctionArgs) {
  const { admin, shop } = await requireAdmin(request);
  const status = await fetchEmbedStatus(admin.graphql);
  return { ...status, activationUrl: embedActivationUrl(shop, process.env.SHOPIFY_API_KEY ?? "") };
}
