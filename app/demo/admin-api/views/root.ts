// The root objects of one request: QueryRoot for reading the shop's state, Mutation for changing it. A root field
// that is not listed here is not implemented (see resolve.ts: nullable query fields answer null and are reported,
// mutations fail loudly).
import type { View } from "../context";
import { parseGid } from "../ids";
import type { ShopState } from "../state";
import { customerFields, customerMutationFields, customerView } from "./customers";
import { customerMirrorMutationFields } from "./customer-mirror";
import { flowMutationFields } from "./flow";
import { bulkMutationFields, bulkOperationNodeById, bulkQueryFields } from "./bulk-operations";
import { discountMutationFields, discountNodeById, discountQueryFields } from "./discounts";
import { orderFields, orderView } from "./orders";
import { shopView } from "./shop";
import { productFields, productView } from "./products";
import {
  storeCreditMutationFields,
  storeCreditNodeById,
  storeCreditQueryFields,
  withStoreCreditAccounts,
} from "./store-credit";

function nodeById(shop: ShopState, id: string): View | null {
  switch (parseGid(id)?.type) {
    case "Customer": {
      const customer = shop.customers.get(id);
      return customer ? withStoreCreditAccounts(shop, customerView(shop, customer)) : null;
    }
    case "Order": {
      const order = shop.orders.get(id);
      return order ? orderView(shop, order) : null;
    }
    case "Shop":
      return id === shop.shop.id ? shopView(shop) : null;
    case "Product": {
      const product = shop.products.get(id);
      return product ? productView(product) : null;
    }
    case "DiscountCodeNode":
      return discountNodeById(shop, id);
    case "StoreCreditAccount":
      return storeCreditNodeById(shop, id);
    case "BulkOperation":
      return bulkOperationNodeById(shop, id, new Date());
    default:
      return null;
  }
}

export function queryRoot(shop: ShopState): View {
  const customers = customerFields(shop);
  return {
    __typename: "QueryRoot",
    shop: () => shopView(shop),
    ...customers,
    // `customer(id)` also answers `storeCreditAccounts` (HasStoreCreditAccounts), which customers.ts leaves out.
    customer: (args: { id: string }) => {
      const customer = customers.customer(args);
      return customer ? withStoreCreditAccounts(shop, customer) : null;
    },
    ...orderFields(shop),
    ...productFields(shop),
    ...discountQueryFields(shop),
    ...storeCreditQueryFields(shop),
    ...bulkQueryFields(shop),
    bulkOperation: ({ id }: { id: string }) => bulkOperationNodeById(shop, id, new Date()),
    node: ({ id }: { id: string }) => nodeById(shop, id),
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => nodeById(shop, id)),
  };
}

export function mutationRoot(shop: ShopState): View {
  return {
    __typename: "Mutation",
    ...discountMutationFields(shop),
    ...storeCreditMutationFields(shop),
    ...customerMirrorMutationFields(shop),
    ...customerMutationFields(shop),
    ...bulkMutationFields(shop),
    ...flowMutationFields(shop),
  };
}
