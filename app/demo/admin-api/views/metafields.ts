// Metafields of any owner (shop, customer, order): `metafield(namespace, key)` and the `metafields` connection of
// HasMetafields. Shopify resolves the `$app` namespace prefix to `app--{app id}`; so does the stand-in.
import type { RequestContext, View } from "../context";
import { connection, type ConnectionArgs } from "../connection";
import { byNumericId, type MetafieldRecord, type ShopState } from "../state";

export function resolveNamespace(namespace: string | null | undefined, context: RequestContext): string {
  const value = namespace ?? "$app";
  return value.startsWith("$app") ? value.replace(/^\$app/, `app--${context.appId}`) : value;
}

export function metafieldView(record: MetafieldRecord): View {
  return {
    __typename: "Metafield",
    id: record.id,
    namespace: record.namespace,
    key: record.key,
    type: record.type,
    value: record.value,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function metafieldsOf(shop: ShopState, ownerId: string): MetafieldRecord[] {
  return [...shop.metafields.values()].filter((record) => record.ownerId === ownerId).sort(byNumericId);
}

/** The two HasMetafields fields, for mixing into an owner's view. */
export function metafieldFields(shop: ShopState, ownerId: string) {
  return {
    metafield: (args: { namespace?: string | null; key: string }, context: RequestContext) => {
      const namespace = resolveNamespace(args.namespace, context);
      const found = metafieldsOf(shop, ownerId).find((record) => record.namespace === namespace && record.key === args.key);
      return found ? metafieldView(found) : null;
    },
    metafields: (
      args: ConnectionArgs & { namespace?: string | null; keys?: string[] | null },
      context: RequestContext,
    ) => {
      const namespace = args.namespace ? resolveNamespace(args.namespace, context) : null;
      // `keys` entries are "namespace.key".
      const keys = args.keys?.map((key) => {
        const dot = key.lastIndexOf(".");
        return `${resolveNamespace(key.slice(0, dot), context)}.${key.slice(dot + 1)}`;
      });
      const items = metafieldsOf(shop, ownerId).filter(
        (record) =>
          (namespace === null || record.namespace === namespace) &&
          (!keys || keys.includes(`${record.namespace}.${record.key}`)),
      );
      return connection("Metafield", items, args, (record) => record.id, metafieldView);
    },
  };
}
