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
