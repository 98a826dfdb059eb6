// Finding Shopify customers for a CSV import (app/persistence/csv-import.ts' CustomerDirectory): by id, and by email.
// Both are batched; a failure to get an answer from Shopify is thrown (AdminGraphqlError), so the import job stops
// and is retried later rather than recording "not found" for customers it simply could not ask about.
import type { CustomerDirectory, FoundCustomer } from "../persistence/csv-import";
import type { ImportCustomersByEmailQuery } from "../types/admin.generated";
import { requireData, runAdminGraphql, type AdminGraphql } from "./admin-graphql.server";

// `Customer.email` is deprecated since 2026-10 in favour of `defaultEmailAddress.emailAddress`.
export const CUSTOMERS_BY_ID_QUERY = `#graphql
  query ImportCustomersById($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Customer {
        id
        firstName
        lastName
        defaultEmailAddress { emailAddress }
      }
    }
  }
`;

export const CUSTOMERS_BY_EMAIL_QUERY = `#graphql
  query ImportCustomersByEmail($query: String!, $first: Int!) {
    customers(first: $first, query: $query) {
      nodes {
        id
        firstName
        lastName
        defaultEmailAddress { emailAddress }
      }
    }
  }
`;

/** A customer as both queries select it (the by-id one must stay assignable to this, which the compiler checks). */
type ImportedCustomer = ImportCustomersByEmailQuery["customers"]["nodes"][number];

const ID_BATCH = 100;
const EMAIL_BATCH = 25;
const GID_PREFIX = "gid://shopify/Customer/";

function toFound(customer: ImportedCustomer): FoundCustomer {
  return {
    customerId: customer.id.slice(GID_PREFIX.length),
    profile: {
      email: customer.defaultEmailAddress?.emailAddress ?? null,
      firstName: customer.firstName ?? null,
      lastName: customer.lastName ?? null,
    },
  };
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
        const batch = ids.slice(i, i + ID_BATCH).map((id) => `${GID_PREFIX}${id}`);
        const data = requireData(await runAdminGraphql(graphql, CUSTOMERS_BY_ID_QUERY, { ids: batch }));
        for (const node of data.nodes) {
          if (node?.__typename === "Customer") found.set(node.id.slice(GID_PREFIX.length), toFound(node));
        }
      }
      return found;
    },
    async byEmails(emails) {
      const found = new Map<string, FoundCustomer>();
      for (let i = 0; i < emails.length; i += EMAIL_BATCH) {
        const batch = emails.slice(i, i + EMAIL_BATCH);
        const variables = { query: batch.map(emailTerm).join(" OR "), first: batch.length * 2 };
        const data = requireData(await runAdminGraphql(graphql, CUSTOMERS_BY_EMAIL_QUERY, variables));
        const wanted = new Set(batch);
        for (const customer of data.customers.nodes) {
          const email = customer.defaultEmailAddress?.emailAddress.toLowerCase();
          // Search may match loosely; only an exact email counts.
          if (email && wanted.has(email) && !found.has(email)) found.set(email, toFound(customer));
        }
      }
      return found;
    },
  };
}

/** The directory for a shop, through its offline session (import jobs run outside any request). */
export async function customerDirectoryForShop(shop: string): Promise<CustomerDirectory> {
  // Imported when called: shopify.server reads the app's environment at load time, and this module is also loaded
  // by code (tests, the import job runner) that only needs createCustomerDirectory.
  const { unauthenticated } = await import("../shopify.server");
  const { admin } = await unauthenticated.admin(shop);
  return createCustomerDirectory(admin.graphql);
}
