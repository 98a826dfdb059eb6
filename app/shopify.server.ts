// The one place the Shopify app is configured. Everything else imports authenticate, login, … from here.
import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { LogSeverity, shopifyApi } from "@shopify/shopify-api";
import type { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { SessionStorage } from "./shopify/session-storage.server";
import prisma, { sqlDb } from "./db.server";
import { ADMIN_API_VERSION } from "./shopify/api-version";
import { readAppEnvironment } from "./shopify/app-environment.server";
import { onShopAuthenticated } from "./jobs/order-history-job";
import { bulkOrdersClientForShop } from "./shopify/bulk-orders.server";

const env = readAppEnvironment();

// The storage's constructor is typed against @prisma/client's default client; ours is generated per provider
// with the same Session model, which is all the storage touches.
type SessionStoragePrisma = ConstructorParameters<typeof PrismaSessionStorage>[0];

const shopify = shopifyApp({
  apiKey: env.apiKey,
  apiSecretKey: env.apiSecret,
  apiVersion: ADMIN_API_VERSION,
  scopes: env.scopes,
  appUrl: env.appUrl,
  authPathPrefix: "/auth",
  sessionStorage: new SessionStorage(prisma as unknown as SessionStoragePrisma, sqlDb),
  distribution: AppDistribution.AppStore,
  future: {
    // Shopify-managed installation + token exchange: no OAuth redirects inside the admin iframe.
    unstable_newEmbeddedAuthStrategy: true,
  },
  hooks: {
    // Runs when a shop's offline token is first obtained, i.e. on installation (and reinstallation): from here on the
    // shop is a tenant, and its data webhooks are stored (app/shopify/webhooks.server.ts). An install (not a repeated
    // authentication) also starts importing the shop's past orders as tier progress, once (order-history-job.ts).
    afterAuth: async ({ session }) => {
      await onShopAuthenticated(sqlDb, session.shop, (shop) => bulkOrdersClientForShop(shop));
    },
  },
  ...(env.customShopDomains.length ? { customShopDomains: env.customShopDomains } : {}),
});

// App proxy signatures are checked with the same library call `authenticate.public.appProxy` makes, and webhooks the
// way `authenticate.webhook` checks them (app/shopify/webhook-signature.server.ts), minus the offline-session read
// (and possible token refresh) both add:
// webhooks are applied from the inbox and storefront reads need no access token, and that read would be a large
// part of answering them. Redemption, which does call Shopify, loads the session itself (unauthenticated.admin).
const signatureApi = shopifyApi({
  apiKey: env.apiKey,
  apiSecretKey: env.apiSecret,
  apiVersion: ADMIN_API_VERSION,
  scopes: env.scopes,
  hostName: new URL(env.appUrl).host,
  hostScheme: new URL(env.appUrl).protocol === "http:" ? "http" : "https",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
});
/** The app's secret, which signs webhooks (app/shopify/webhook-signature.server.ts). */
export const webhookSecret: string = env.apiSecret;
/** The app's client id: the audience of the UI extensions' session tokens (app/shopify/extension-api.server.ts). */
export const appApiKey: string = env.apiKey;
/** Shop domains accepted besides *.myshopify.com (SHOP_CUSTOM_DOMAIN). */
export const customShopDomains: readonly string[] = env.customShopDomains;
export const requestSignatures = signatureApi.utils;

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
