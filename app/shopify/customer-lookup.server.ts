// Finding Shopify customers for a CSV import (app/loyalty/csv-import.ts' CustomerDirectory): by id, and by email.
// Both are batched; an error from Shopify is thrown, so the import job stops and is retried later rather than
// recording "not found" for customers it simply could not ask about.
import type { CustomerDirectory, FoundCustomer } from "../loyalty/csv-import";

type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export const CUSTOMERS_BY_ID_QUERY = `#graphql
  query ImportCustomersById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Customer {
        id
        email
        firstName
        lastName
      }
    }
  }
`;

export const CUSTOMERS_BY_EMAIL_QUERY = `#graphql
  query ImportCustomersByEmail($query: String!, $first: Int!) {
    customers(first: $first, query: $query) {
      nodes {
        id
        email
        firstName
        lastName
      }
    }
  }
`;

type CustomerNode = { id?: string; email?: string | null; firstName?: string | null; lastName?: string | null } | null;

const ID_BATCH = 100;
const EMAIL_BATCH = 25;
const GID_PREFIX = "gid://shopify/Customer/";

function toFound(node: NonNullable<CustomerNode>): FoundCustomer {
  return {
    customerId: node.id!.slice(GID_PREFIX.length),
    profile: { email: node.email ?? null, firstName: node.firstName ?? null, lastName: node.lastName ?? null },
  };
}

async function run(graphql: AdminGraphql, query: string, variables: Record<string, unknown>) {
  const response = await graphql(query, { variables });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`Shopify customer lookup failed: ${JSON.stringify(body.errors ?? "no data")}`);
  return body.data;
}

/** Shopify's search syntax, with the value quoted so dots, pluses and @ are taken literally. */
function emailTerm(email: string): string {
  return `email:"${email.replace(/["\\]/g, "")}"`;
}

export function createCustomerDirectory(graphql: AdminGraphql): CustomerDirectory {
  return {
    async byIds(ids) {
      const found = new Map<string, FoundCustomer>();
      for (let i = 0; i < ids.length; i += ID_BATCH) {
        const data = await run(graphql, CUSTOMERS_BY_ID_QUERY, { ids: ids.slice(i, i + ID_BATCH).map((id) => `${GID_PREFIX}${id}`) });
        for (const node of (data.nodes as CustomerNode[]) ?? []) {
          if (node?.id?.startsWith(GID_PREFIX)) found.set(node.id.slice(GID_PREFIX.length), toFound(node));
        }
      }
      return found;
    },
    async byEmails(emails) {
      const found = new Map<string, FoundCustomer>();
      for (let i = 0; i < emails.length; i += EMAIL_BATCH) {
        const batch = emails.slice(i, i + EMAIL_BATCH);
        const data = await run(graphql, CUSTOMERS_BY_EMAIL_QUERY, { query: batch.map(emailTerm).join(" OR "), first: batch.length * 2 });
        const wanted = new Set(batch);
        for (const node of ((data.customers as { nodes?: CustomerNode[] })?.nodes ?? [])) {
          const email = node?.email?.toLowerCase();
          // Search may match loosely; only an exact email counts.
          if (node?.id && email && wanted.has(email) && !found.has(email)) found.set(email, toFound(node));
        }
      }
      return found;
    },
  };
}

/** The directory for a shop, through its offline session (import jobs run outside any request). */
export async function customerDirectoryForShop(shop: string): Promise<CustomerDirectory> {
  const { unauthenticated } = await import("../shopify.server");
  const { admin } = await unauthenticated.admin(shop);
  return createCustomerDirectory(admin.graphql as AdminGraphql);
}
