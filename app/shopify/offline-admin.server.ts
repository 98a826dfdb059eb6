// The shop's Admin API through its offline session, for work off an admin request (webhooks, jobs, storefront and
// extension calls): the client and the scopes Shopify granted, or null when the shop has no offline session (not
// installed, or uninstalled since). Every "…ForShop" factory starts here.
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import type { AdminGraphql } from "./admin-graphql.server";

export type OfflineAdmin = { graphql: AdminGraphql; scopes: string[] };

export async function offlineAdmin(shop: string): Promise<OfflineAdmin | null> {
  // Imported when called: shopify.server reads and checks the app's environment when it is loaded, which code that
  // only builds clients from a given one (the tests) does not need.
  const { unauthenticated } = await import("../shopify.server");
  try {
    const { admin, session } = await unauthenticated.admin(shop);
    return { graphql: admin.graphql, scopes: (session.scope ?? "").split(",").map((scope) => scope.trim()) };
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    throw error;
  }
}
