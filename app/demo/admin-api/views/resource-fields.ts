// The two root fields Shopify's Admin API has for each searchable resource (customer/customers, order/orders): one
// by its GID, and a page of the resources a search query matches, in id order, with the warnings Shopify gives
// for search fields it does not support.
import type { RequestContext, View } from "../context";
import { connection, type ConnectionArgs } from "../connection";
import { applySearch, type FieldMatcher } from "../search";
import { byNumericId } from "../state";
import { recordSearchWarnings } from "./search-warnings";

export function resourceFields<T extends { id: string }>(
  typeName: string,
  listField: string,
  records: Map<string, T>,
  match: FieldMatcher<T>,
  view: (record: T) => View,
) {
  return {
    byId: ({ id }: { id: string }) => {
      const record = records.get(id);
      return record ? view(record) : null;
    },
    list: (args: ConnectionArgs & { query?: string | null }, context: RequestContext) => {
      const all = [...records.values()].sort(byNumericId);
      const { items, unsupported } = applySearch(all, args.query, match);
      recordSearchWarnings(context, listField, args.query, unsupported);
      return connection(typeName, items, args, (record) => record.id, view);
    },
  };
}
