// Reads and checks the environment the Shopify app needs. `shopify app dev` sets these for a real
// Partner app; demo mode and the tests set their own (see README, "Environment variables").

export type AppEnvironment = {
  apiKey: string;
  apiSecret: string;
  appUrl: string;
  scopes: string[];
  customShopDomains: string[];
};

// The access scopes shopify.app.toml asks for; SCOPES (set by the Shopify CLI) wins when present.
export const DEFAULT_SCOPES = [
  "read_orders",
  "read_customers",
  "write_customers",
  "read_discounts",
  "write_discounts",
  "read_products",
  "read_themes",
  "read_store_credit_account_transactions",
  "write_store_credit_account_transactions",
  // Order history import (tiers): without it Shopify lets an app read only the last 60 days of orders.
  "read_all_orders",
];

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. Run the app with \`shopify app dev\`, or \`npm run demo\` for the offline demo (see README).`,
    );
  }
  return value;
}

export function readAppEnvironment(): AppEnvironment {
  return {
    apiKey: required("SHOPIFY_API_KEY"),
    apiSecret: required("SHOPIFY_API_SECRET"),
    appUrl: required("SHOPIFY_APP_URL"),
    scopes: process.env.SCOPES ? process.env.SCOPES.split(",").map((s) => s.trim()).filter(Boolean) : DEFAULT_SCOPES,
    customShopDomains: (process.env.SHOP_CUSTOM_DOMAIN ?? "").split(",").filter(Boolean),
  };
}
