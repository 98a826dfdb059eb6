// The mutations the app mirrors points and tier with (app/shopify/customer-mirror.server.ts): metafieldsSet,
// metafieldsDelete, tagsAdd and tagsRemove, on customers, with the checks Shopify makes that the app can trip over:
// at most 25 metafields per metafieldsSet (all or nothing), an owner that exists, a value that fits its type.
import type { RequestContext } from "../context";
import { isoSeconds, type MetafieldRecord, type ShopState } from "../state";
import { toGid } from "../ids";
import { customerView } from "./customers";
import { metafieldView, resolveNamespace } from "./metafields";

type SetInput = { ownerId: string; namespace?: string | null; key: string; type?: string | null; value: string; compareDigest?: string | null };
type Identifier = { ownerId: string; namespace: string; key: string };

const MAX_PER_CALL = 25;
const MAX_TAGS = 250;

function valueError(type: string, value: string): string | null {
  if (value.trim() === "") return "Value can't be blank.";
  if (type === "number_integer") return /^-?\d+$/.test(value) && Math.abs(Number(value)) <= 9_007_199_254_740_991 ? null : "Value must be an integer.";
  if (type === "single_line_text_field") return value.includes("\n") ? "Value must be a single line." : value.length > 65_535 ? "Value is too long." : null;
  return null;
}

function findMetafield(shop: ShopState, ownerId: string, namespace: string, key: string): MetafieldRecord | undefined {
  return [...shop.metafields.values()].find((record) => record.ownerId === ownerId && record.namespace === namespace && record.key === key);
}

export function customerMirrorMutationFields(shop: ShopState) {
  const userError = (field: string[], message: string, code: string, elementIndex: number | null = null) => ({
    __typename: "MetafieldsSetUserError",
    field,
    message,
    code,
    elementIndex,
  });
  return {
    metafieldsSet: ({ metafields }: { metafields: SetInput[] }, context: RequestContext) => {
      const payload = (records: MetafieldRecord[] | null, userErrors: unknown[]) => ({
        __typename: "MetafieldsSetPayload",
        metafields: records?.map(metafieldView) ?? null,
        userErrors,
      });
      if (metafields.length > MAX_PER_CALL) {
        return payload(null, [userError(["metafields"], `Exceeded the maximum metafields input limit of ${MAX_PER_CALL}.`, "LESS_THAN_OR_EQUAL_TO")]);
      }
      const errors = metafields.flatMap((input, index) => {
        const at = (name: string) => ["metafields", String(index), name];
        const found: unknown[] = [];
        if (!shop.customers.has(input.ownerId)) found.push(userError(at("ownerId"), "Owner does not exist.", "INVALID", index));
        const existing = findMetafield(shop, input.ownerId, resolveNamespace(input.namespace, context), input.key);
        const type = input.type ?? existing?.type;
        if (!type) found.push(userError(at("type"), "Type can't be blank.", "BLANK", index));
        else {
          const problem = valueError(type, input.value);
          if (problem) found.push(userError(at("value"), problem, "INVALID_VALUE", index));
        }
        return found;
      });
      // All or nothing: one bad input and nothing is written.
      if (errors.length > 0) return payload(null, errors);
      const now = isoSeconds(context.now());
      const written = metafields.map((input) => {
        const namespace = resolveNamespace(input.namespace, context);
        const existing = findMetafield(shop, input.ownerId, namespace, input.key);
        if (existing) {
          Object.assign(existing, { value: input.value, type: input.type ?? existing.type, updatedAt: now });
          return existing;
        }
        const record: MetafieldRecord = {
          id: toGid("Metafield", shop.ids.take()),
          ownerId: input.ownerId,
          namespace,
          key: input.key,
          type: input.type!,
          value: input.value,
          createdAt: now,
          updatedAt: now,
        };
        shop.metafields.set(record.id, record);
        return record;
      });
      return payload(written, []);
    },
    metafieldsDelete: ({ metafields }: { metafields: Identifier[] }, context: RequestContext) => {
      // Shopify answers null in deletedMetafields for an identifier that names nothing.
      const deleted = metafields.map((input) => {
        const namespace = resolveNamespace(input.namespace, context);
        const existing = findMetafield(shop, input.ownerId, namespace, input.key);
        if (!existing) return null;
        shop.metafields.delete(existing.id);
        return { __typename: "MetafieldIdentifier", ownerId: existing.ownerId, namespace: existing.namespace, key: existing.key };
      });
      return { __typename: "MetafieldsDeletePayload", deletedMetafields: deleted, userErrors: [] };
    },
    tagsAdd: ({ id, tags }: { id: string; tags: string[] }, context: RequestContext) => changeTags(shop, id, tags, "add", context),
    tagsRemove: ({ id, tags }: { id: string; tags: string[] }, context: RequestContext) => changeTags(shop, id, tags, "remove", context),
  };
}

function changeTags(shop: ShopState, id: string, tags: string[], change: "add" | "remove", context: RequestContext) {
  const typename = change === "add" ? "TagsAddPayload" : "TagsRemovePayload";
  const customer = shop.customers.get(id);
  if (!customer) return { __typename: typename, node: null, userErrors: [{ __typename: "UserError", field: ["id"], message: "Resource not found" }] };
  const wanted = tags.map((tag) => tag.trim()).filter(Boolean);
  const has = (tag: string) => customer.tags.some((existing) => existing.toLowerCase() === tag.toLowerCase());
  if (change === "add") {
    const added = wanted.filter((tag) => !has(tag));
    if (customer.tags.length + added.length > MAX_TAGS) {
      return { __typename: typename, node: null, userErrors: [{ __typename: "UserError", field: ["tags"], message: `A customer can have at most ${MAX_TAGS} tags` }] };
    }
    customer.tags = [...customer.tags, ...added];
  } else {
    const removed = new Set(wanted.map((tag) => tag.toLowerCase()));
    customer.tags = customer.tags.filter((tag) => !removed.has(tag.toLowerCase()));
  }
  customer.updatedAt = isoSeconds(context.now());
  return { __typename: typename, node: customerView(shop, customer), userErrors: [] };
}
