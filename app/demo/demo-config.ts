// The demo's fixed credentials. They are public on purpose (README): the demo app exists only on your
// machine, and these let you sign webhooks and proxy requests to it exactly as Shopify would.
export const DEMO_API_KEY = "demo-loyalty-api-key";
export const DEMO_API_SECRET = "demo-loyalty-api-secret";
export const DEMO_DATABASE_URL = "file:./prisma/data/demo.sqlite";
export const DEMO_DEFAULT_PORT = 3000;
