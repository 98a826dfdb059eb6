// Writing the mirror (app/rules/customer-mirror.ts) into Shopify: metafieldsSet (≤ 25 per call), metafieldsDelete and
// tagsAdd/tagsRemove, through the one Admin GraphQL helper (THROTTLED is backed off and retried there). Any other
// failure is answered as a failed write: the job keeps the members due and tries again later, so every outcome —
// refused, lost, throttled for long — ends in Shopify holding the ledger's numbers.
import type { MetafieldRemoval, MetafieldWrite } from "../rules/customer-mirror";
import { runAdminGraphql, type AdminGraphql, type AdminGraphqlFailure, type AdminGraphqlSettings } from "./admin-graphql.server";
import { offlineAdmin } from "./offline-admin.server";

export const MIRROR_METAFIELDS_SET = `#graphql
  mutation MirrorMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id }
      userErrors { field message code elementIndex }
    }
  }
`;

export const MIRROR_METAFIELDS_DELETE = `#graphql
  mutation MirrorMetafieldsDelete($metafields: [MetafieldIdentifierInput!]!) {
    metafieldsDelete(metafields: $metafields) {
      deletedMetafields { ownerId namespace key }
      userErrors { field message }
    }
  }
`;

// One request per customer: the tier's tag on, every other tier's tag off (either list may be empty: skipped).
export const MIRROR_TIER_TAGS = `#graphql
  mutation MirrorTierTags($id: ID!, $add: [String!]!, $remove: [String!]!, $adding: Boolean!, $removing: Boolean!) {
    tagsAdd(id: $id, tags: $add) @include(if: $adding) { userErrors { field message } }
    tagsRemove(id: $id, tags: $remove) @include(if: $removing) { userErrors { field message } }
  }
`;

export type MirrorWrite = { ok: true } | { ok: false; throttled: boolean; reason: string };

export interface CustomerMirrorWriter {
  setMetafields(metafields: MetafieldWrite[]): Promise<MirrorWrite>;
  removeMetafields(metafields: MetafieldRemoval[]): Promise<MirrorWrite>;
  setTags(customerGid: string, add: string[], remove: string[]): Promise<MirrorWrite>;
}

function outcome(result: { kind: "data" } | AdminGraphqlFailure): MirrorWrite {
  if (result.kind === "data") return { ok: true };
  return { ok: false, throttled: result.kind === "throttled", reason: result.message };
}

export function createCustomerMirrorWriter(graphql: AdminGraphql, settings?: AdminGraphqlSettings): CustomerMirrorWriter {
  return {
    async setMetafields(metafields) {
      if (metafields.length === 0) return { ok: true };
      return outcome(await runAdminGraphql(graphql, MIRROR_METAFIELDS_SET, { metafields }, settings));
    },
    async removeMetafields(metafields) {
      if (metafields.length === 0) return { ok: true };
      return outcome(await runAdminGraphql(graphql, MIRROR_METAFIELDS_DELETE, { metafields }, settings));
    },
    async setTags(id, add, remove) {
      if (add.length === 0 && remove.length === 0) return { ok: true };
      const variables = { id, add, remove, adding: add.length > 0, removing: remove.length > 0 };
      return outcome(await runAdminGraphql(graphql, MIRROR_TIER_TAGS, variables, settings));
    },
  };
}

/** The writer for a shop through its offline session; null when the shop has none (uninstalled). */
export async function customerMirrorWriterForShop(shop: string, settings?: AdminGraphqlSettings): Promise<CustomerMirrorWriter | null> {
  const admin = await offlineAdmin(shop);
  return admin ? createCustomerMirrorWriter(admin.graphql, settings) : null;
}
