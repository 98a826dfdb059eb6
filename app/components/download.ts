// Downloads from the embedded admin. A plain link cannot carry App Bridge's session token header, so the file's URL
// gets a fresh session token as `id_token` (with `shop`, `host` and `embedded`, as Shopify admin loads the app) and
// the browser downloads it directly: large exports stream to disk instead of being held in memory.
export async function downloadFromApp(path: string, locale: string): Promise<void> {
  const shopify = window.shopify;
  const url = new URL(path, window.location.origin);
  url.searchParams.set("embedded", "1");
  if (shopify.config.shop) url.searchParams.set("shop", shopify.config.shop);
  if (shopify.config.host) url.searchParams.set("host", shopify.config.host);
  url.searchParams.set("locale", locale);
  url.searchParams.set("id_token", await shopify.idToken());
  const link = document.createElement("a");
  link.href = url.toString();
  link.download = "";
  link.rel = "noopener";
  document.body.appendChild(link);
  link.click();
  link.remove();
}
