import { webhookAction } from "../shopify/webhooks.server";

// Verified, deduplicated delivery; the ledger issue turns it into ledger entries.
export const action = webhookAction(async () => {});
