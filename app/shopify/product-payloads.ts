// products/update → the product's id and tags (REST shape: `tags` is one comma-separated string). Its collections are
// not in the payload; tags are, so a tag change is applied to the product facts without asking Shopify.
import { describeValue, PayloadError } from "./payload-error";
import { numericId, object } from "./order-payloads";

export type ProductUpdate = { productId: string; tags: string[] };

export function parseProductUpdate(payload: unknown): ProductUpdate {
  const product = object(payload, "products/update payload");
  const productId = numericId(product.id, "id");
  const raw = product.tags ?? "";
  let tags: string[];
  if (typeof raw === "string") tags = raw.split(",");
  else if (Array.isArray(raw) && raw.every((tag) => typeof tag === "string")) tags = raw as string[];
  else throw new PayloadError(`tags must be a comma-separated string, not ${describeValue(raw)}`);
  return { productId, tags: tags.map((tag) => tag.trim()).filter(Boolean) };
}

// collections/update and collections/delete → the collection's id. Neither carries the collection's products (an
// update is sent when products are added or removed too), so the products are read again through the Admin API.
export type CollectionChange = { collectionId: string };

export function parseCollectionChange(payload: unknown, topic: "collections/update" | "collections/delete"): CollectionChange {
  const collection = object(payload, `${topic} payload`);
  return { collectionId: numericId(collection.id, "id") };
}
