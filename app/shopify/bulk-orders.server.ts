// Reading a shop's past orders through a Shopify bulk operation (app/jobs/order-history-job.ts runs the import):
// bulkOperationRunQuery with the query below, then the operation's status by id until it completes, then its JSONL
// from the URL Shopify gives. Every call goes through the one Admin GraphQL helper (THROTTLED backed off there).
import { runAdminGraphql, type AdminGraphql, type AdminGraphqlSettings } from "./admin-graphql.server";
import { offlineAdmin } from "./offline-admin.server";

export const ORDER_HISTORY_BULK_RUN = `#graphql
  mutation OrderHistoryBulkRun($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: false) {
      bulkOperation { id status }
      userErrors { field message code }
    }
  }
`;

export const ORDER_HISTORY_BULK_STATUS = `#graphql
  query OrderHistoryBulkStatus($id: ID!) {
    node(id: $id) {
      __typename
      ... on BulkOperation { id status errorCode objectCount url }
    }
  }
`;

/**
 * The bulk query itself (a string Shopify parses when the operation starts; the stand-in validates it against the
 * same schema and tests/integration/jobs/order-history-job.test.ts runs it). Orders created before `before` (later
 * ones reach the app as orders/paid) and, without read_all_orders, after `since`: Shopify would not return older ones.
 */
export function orderHistoryQuery(before: Date, since: Date | null): string {
  const range = [`created_at:<'${before.toISOString()}'`, since ? `created_at:>='${since.toISOString()}'` : null].filter(Boolean).join(" AND ");
  return `{
  orders(query: "${range}", sortKey: PROCESSED_AT) {
    edges {
      node {
        id
        processedAt
        cancelledAt
        displayFinancialStatus
        customer { id }
        subtotalPriceSet { shopMoney { amount currencyCode } }
        totalRefundedSet { shopMoney { amount currencyCode } }
      }
    }
  }
}`;
}

export type BulkStatus = { status: string; url: string | null; errorCode: string | null; objectCount: number };
export type BulkAnswer<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface BulkOrdersClient {
  start(query: string): Promise<BulkAnswer<string>>;
  status(id: string): Promise<BulkAnswer<BulkStatus>>;
  download(url: string): Promise<BulkAnswer<string>>;
}

export function createBulkOrdersClient(graphql: AdminGraphql, settings?: AdminGraphqlSettings): BulkOrdersClient {
  return {
    async start(query) {
      const result = await runAdminGraphql(graphql, ORDER_HISTORY_BULK_RUN, { query }, settings);
      if (result.kind !== "data") return { ok: false, reason: result.message };
      const operation = result.data.bulkOperationRunQuery?.bulkOperation;
      return operation ? { ok: true, value: operation.id } : { ok: false, reason: "Shopify started no bulk operation" };
    },
    async status(id) {
      const result = await runAdminGraphql(graphql, ORDER_HISTORY_BULK_STATUS, { id }, settings);
      if (result.kind !== "data") return { ok: false, reason: result.message };
      const node = result.data.node;
      if (node?.__typename !== "BulkOperation") return { ok: false, reason: `no bulk operation ${id}` };
      return { ok: true, value: { status: node.status, url: node.url ?? null, errorCode: node.errorCode ?? null, objectCount: Number(node.objectCount) } };
    },
    async download(url) {
      try {
        const response = await fetch(url);
        if (!response.ok) return { ok: false, reason: `the bulk operation's file answered HTTP ${response.status}` };
        return { ok: true, value: await response.text() };
      } catch (error) {
        return { ok: false, reason: `the bulk operation's file could not be downloaded: ${String(error)}` };
      }
    },
  };
}

/** The client and the scopes Shopify granted, through the shop's offline session; null when it has none. */
export async function bulkOrdersClientForShop(shop: string, settings?: AdminGraphqlSettings): Promise<{ client: BulkOrdersClient; scopes: string[] } | null> {
  const admin = await offlineAdmin(shop);
  return admin ? { client: createBulkOrdersClient(admin.graphql, settings), scopes: admin.scopes } : null;
}
