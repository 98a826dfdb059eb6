// The customers who already had an account (Shopify's customer state ENABLED) when the program started: the merchant
// may give them the sign-up bonus the rule otherwise keeps for accounts created after install (app/rules/membership.ts).
import type { ExistingAccountsQuery } from "../types/admin.generated";
import { requireData, runAdminGraphql, type AdminGraphql } from "./admin-graphql.server";

export const EXISTING_ACCOUNTS_QUERY = `#graphql
  query ExistingAccounts($query: String!, $after: String) {
    customers(first: 250, after: $after, query: $query, sortKey: ID) {
      nodes {
        id
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** At most 40 pages (10,000 customers) per preview or grant; beyond, the rest is left for a next grant. */
export const MAX_ACCOUNT_PAGES = 40;

/**
 * Numeric ids of customers with an account created before `before` (Shopify's customer search: `state:ENABLED` and
 * `customer_date:<…`, the record's createdAt). Shopify documents the `state` filter for classic customer accounts
 * only; the sign-up rule itself reads the same `state` from customer webhooks (app/rules/membership.ts).
 * Throws AdminGraphqlError if Shopify fails.
 */
export async function accountsCreatedBefore(graphql: AdminGraphql, before: Date): Promise<{ ids: string[]; complete: boolean }> {
  const query = `state:ENABLED AND customer_date:<'${before.toISOString()}'`;
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_ACCOUNT_PAGES; page++) {
    const data: ExistingAccountsQuery = requireData(await runAdminGraphql(graphql, EXISTING_ACCOUNTS_QUERY, { query, after }));
    ids.push(...data.customers.nodes.map((node) => node.id.slice(node.id.lastIndexOf("/") + 1)));
    if (!data.customers.pageInfo.hasNextPage) return { ids, complete: true };
    after = data.customers.pageInfo.endCursor ?? null;
  }
  return { ids, complete: false };
}
