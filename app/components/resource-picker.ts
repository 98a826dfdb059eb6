// App Bridge's resource picker (shopify.resourcePicker) for the admin fields that hold product or collection ids: the
// merchant picks instead of typing ids. The field keeps numeric ids (what the rules store and orders/paid lines carry);
// the picker speaks GIDs. The typed field stays, so ids can still be pasted (and the page works without App Bridge).
import type { useAppBridge } from "@shopify/app-bridge-react";

type AppBridge = ReturnType<typeof useAppBridge>;

const NUMERIC = /(\d{1,20})$/;

/** The numeric ids picked (the current ones preselected), or null when the merchant closed the picker. */
export async function pickResources(shopify: AppBridge, type: "product" | "collection", current: string): Promise<string[] | null> {
  const picked = await pickTitledResources(shopify, type, current);
  return picked && picked.map((resource) => resource.id);
}

/** The same, with each resource's title as the picker gave it (for showing what was picked). */
export async function pickTitledResources(
  shopify: AppBridge,
  type: "product" | "collection",
  current: string,
): Promise<Array<{ id: string; title: string }> | null> {
  const kind = type === "product" ? "Product" : "Collection";
  const selectionIds = current
    .split(/[\s,;]+/)
    .map((item) => NUMERIC.exec(item)?.[1])
    .filter((id): id is string => Boolean(id))
    .map((id) => ({ id: `gid://shopify/${kind}/${id}` }));
  const picked = await shopify.resourcePicker({ type, multiple: true, action: "select", selectionIds });
  if (!picked) return null;
  return picked.flatMap((resource) => {
    const id = NUMERIC.exec(resource.id)?.[1];
    const title = "title" in resource && typeof resource.title === "string" ? resource.title : "";
    return id ? [{ id, title }] : [];
  });
}
