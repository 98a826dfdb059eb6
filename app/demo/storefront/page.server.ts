// The demo storefront: a small theme-like page (header, products, footer) with the extension's real blocks
// rendered into it as Shopify renders them: the "Rewards launcher" app embed before </body>, the "Rewards page"
// app block inside a section, and their assets in <head>. Developer tooling, so its own texts are English.
import { DEMO_CUSTOMERS, DEMO_SHOP_INFO, DEMO_STOREFRONT_SHOPPERS } from "../demo-data";
import { blockAssetTags, renderBlock, type RenderedBlock, type StorefrontContext } from "./liquid.server";

export const STOREFRONT_LOCALES = [
  { locale: "en", label: "English" },
  { locale: "pl", label: "Polski" },
  { locale: "ru", label: "Русский" },
  { locale: "ro", label: "Română" },
];

export type StorefrontPage = "home" | "rewards" | "login" | "cart" | "product";

export type StorefrontOptions = {
  page: StorefrontPage;
  locale: string;
  customerId: string | null;
  /** false: the same page without the launcher (for measuring what the launcher costs). */
  embed: boolean;
  /** Theme editor settings for the blocks, by setting id (e.g. { title: "Coffee club" }). */
  settings: Record<string, string>;
  /** The discount code applied to the cart (/discount/CODE), shown on the cart page. */
  discount?: string | null;
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PRODUCTS = [
  { name: "House blend, 1 kg", price: "$24.50", colour: "#6b4226" },
  { name: "Single origin Ethiopia", price: "$18.00", colour: "#8a5a2b" },
  { name: "Ceramic mug", price: "$12.00", colour: "#3d6b73" },
  { name: "Pour-over kit", price: "$39.00", colour: "#5b5b7a" },
  { name: "Espresso machine", price: "$349.00", colour: "#2f3b35" },
  { name: "Gift card", price: "$25.00", colour: "#7a3d52" },
];

export function storefrontContext(options: Pick<StorefrontOptions, "locale" | "customerId" | "page">): StorefrontContext {
  const customer = DEMO_STOREFRONT_SHOPPERS.find((c) => String(c.id) === options.customerId);
  return {
    locale: options.locale,
    shop: { name: DEMO_SHOP_INFO.name, currency: DEMO_SHOP_INFO.currencyCode, money_format: "${{amount}}", permanent_domain: DEMO_SHOP_INFO.myshopifyDomain },
    customer: customer
      ? { id: customer.id, first_name: customer.firstName, last_name: customer.lastName, name: `${customer.firstName} ${customer.lastName}`, email: customer.email }
      : null,
    pageType: options.page === "home" ? "index" : options.page === "rewards" ? "page" : options.page,
  };
}

function link(options: StorefrontOptions, change: Partial<{ customer: string; locale: string; page: StorefrontPage }>): string {
  const params = new URLSearchParams();
  const page = change.page ?? (options.page === "rewards" ? "rewards" : "home");
  if (page === "rewards") params.set("page", "rewards");
  const locale = change.locale ?? options.locale;
  if (locale !== "en") params.set("locale", locale);
  if (change.customer) params.set("customer", change.customer);
  const query = params.toString();
  return `/demo/storefront${query ? `?${query}` : ""}`;
}

function demoBar(options: StorefrontOptions): string {
  const shoppers = [{ id: "guest", label: "Guest" }, ...DEMO_CUSTOMERS.map((c) => ({ id: String(c.id), label: `${c.firstName} ${c.lastName} (${c.id})` }))];
  const current = options.customerId ?? "guest";
  const item = (href: string, label: string, active: boolean) => `<li><a href="${href}"${active ? ' aria-current="true"' : ""}>${escape(label)}</a></li>`;
  return `<nav class="demo-bar" aria-label="Demo controls">
  <p><strong>Demo storefront</strong>: the extension's real Liquid and built assets; its calls to /apps/loyalty are signed as Shopify's app proxy signs them.</p>
  <div><span id="demo-shopper">Shopper:</span><ul aria-labelledby="demo-shopper">${shoppers.map((s) => item(link(options, { customer: s.id }), s.label, s.id === current)).join("")}</ul></div>
  <div><span id="demo-language">Language:</span><ul aria-labelledby="demo-language">${STOREFRONT_LOCALES.map((l) => item(link(options, { locale: l.locale }), l.label, l.locale === options.locale)).join("")}</ul></div>
</nav>`;
}

function homeMain(): string {
  const cards = PRODUCTS.map(
    (p) => `<li class="product"><div class="product-image" style="background:${p.colour}" role="img" aria-label="${escape(p.name)}"></div><h3>${escape(p.name)}</h3><p>${p.price}</p><button type="button">Add to cart</button></li>`,
  ).join("");
  return `<section class="hero"><h1>Freshly roasted coffee, delivered</h1><p>Small-batch beans roasted every Monday. Members earn points on every order.</p><a class="cta" href="/demo/storefront?page=rewards">See the rewards</a></section>
<section aria-labelledby="products-heading"><h2 id="products-heading">Best sellers</h2><ul class="products">${cards}</ul></section>`;
}

function loginMain(options: StorefrontOptions): string {
  const shoppers = DEMO_CUSTOMERS.map((c) => `<li><a href="${link(options, { customer: String(c.id) })}">${escape(`${c.firstName} ${c.lastName}`)} (${c.id})</a></li>`).join("");
  return `<section class="page"><h1>Account</h1><p>The demo has no real customer accounts: sign in as one of the demo shoppers.</p><ul class="plain">${shoppers}</ul></section>`;
}

function cartMain(options: StorefrontOptions, cartBlock: string): string {
  const codes = (options.discount ?? "").split(",").filter(Boolean);
  const applied = codes.length
    ? `<p data-applied-discount>Discount code <code>${codes.map(escape).join("</code>, <code>")}</code> is applied to your cart. In a real store Shopify checks it at checkout: it works only for the shopper it was issued to.</p>`
    : "<p data-applied-discount>No discount code is applied.</p>";
  // The demo cart's own line re-reads /cart.js when the block changes the codes, as a theme's cart would re-render.
  const refresh = `<script>document.addEventListener("loyalty-rewards:cart-changed",async()=>{const c=await (await fetch("/cart.js")).json();const p=document.querySelector("[data-applied-discount]");p.textContent=c.discount_codes.length?"Discount code "+c.discount_codes.map(d=>d.code).join(", ")+" is applied to your cart.":"No discount code is applied.";});</script>`;
  return `<section class="page"><h1>Your cart</h1>${applied}${cartBlock}<p><a href="${link(options, { page: "home" })}">Continue shopping</a></p></section>${refresh}`;
}

const STYLES = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 Georgia,"Times New Roman",serif;color:#222;background:#faf7f2}
a{color:#6b3f1d}.demo-bar{padding:8px 16px;background:#1b1b1b;color:#f2f2f2;font:14px/1.4 system-ui,sans-serif}
.demo-bar p{margin:0 0 4px}.demo-bar div{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center}
.demo-bar ul{display:flex;flex-wrap:wrap;gap:4px 10px;margin:0;padding:0;list-style:none}.demo-bar a{color:#9ecbff}
.demo-bar a[aria-current]{color:#fff;font-weight:700}
.site-header{display:flex;justify-content:space-between;align-items:center;padding:16px 24px;border-bottom:1px solid #e5ddd0;background:#fff}
.site-header nav{display:flex;gap:16px}.logo{font-size:1.4rem;font-weight:700;text-decoration:none;color:#222}
main{max-width:1080px;margin:0 auto;padding:24px}.hero{padding:48px 24px;border-radius:12px;background:#efe4d3;text-align:center}
.hero h1{margin:0 0 8px;font-size:2rem}.cta{display:inline-block;margin-top:8px;padding:10px 18px;border-radius:6px;background:#6b3f1d;color:#fff;text-decoration:none}
.products{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:20px;margin:0;padding:0;list-style:none}
.product{padding:12px;border-radius:10px;background:#fff;border:1px solid #e5ddd0}.product-image{aspect-ratio:4/3;border-radius:8px}
.product h3{margin:10px 0 4px;font-size:1.05rem}.product p{margin:0 0 8px}
.product button{padding:8px 14px;border:1px solid #6b3f1d;border-radius:6px;background:#fff;color:#6b3f1d;font:inherit;cursor:pointer}
.page{max-width:760px;margin:0 auto}.plain{padding-left:20px}
footer{margin-top:48px;padding:24px;border-top:1px solid #e5ddd0;color:#555;text-align:center}
`;

export async function renderStorefront(options: StorefrontOptions): Promise<string> {
  const context = storefrontContext(options);
  const blocks: RenderedBlock[] = [];
  let main: string;
  let title: string;
  if (options.page === "rewards") {
    const block = await renderBlock("rewards-page.liquid", context, options.settings);
    blocks.push(block);
    title = "Rewards";
    main = `<section class="page" aria-labelledby="page-title"><h1 id="page-title">Rewards</h1>${block.html}</section>`;
  } else if (options.page === "product") {
    // A product page with the "Earn points" block, as a theme's product section would place it. Liquid's product:
    // the demo's coffee beans (the demo orders' product 632910392), in the Coffee collection.
    const product = {
      id: 632910392,
      title: "House blend, 1 kg",
      tags: ["coffee", "house"],
      collections: [{ id: 841564295, title: "Coffee" }],
      selected_or_first_available_variant: { id: 40100002, price: 2450 },
    };
    const block = await renderBlock("earn-points.liquid", context, options.settings, { product });
    blocks.push(block);
    title = product.title;
    main = `<section class="page" aria-labelledby="page-title"><h1 id="page-title">${escape(product.title)}</h1><p>$24.50</p>${block.html}<button type="button">Add to cart</button></section>`;
  } else if (options.page === "login") {
    title = "Account";
    main = loginMain(options);
  } else if (options.page === "cart") {
    title = "Cart";
    const block = await renderBlock("cart-points.liquid", context, options.settings);
    blocks.push(block);
    main = cartMain(options, block.html);
  } else {
    title = "Home";
    main = homeMain();
  }
  const embed = options.embed ? await renderBlock("rewards-launcher.liquid", context, options.settings) : null;
  if (embed) blocks.push(embed);

  return `<!doctype html>
<html lang="${escape(options.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escape(title)} – ${escape(DEMO_SHOP_INFO.name)}</title>
<style>${STYLES}</style>
${blockAssetTags(blocks)}
</head>
<body>
${demoBar(options)}
<header class="site-header"><a class="logo" href="${link(options, { page: "home" })}">${escape(DEMO_SHOP_INFO.name)}</a>
<nav aria-label="Main"><a href="${link(options, { page: "home" })}">Shop</a><a href="${link(options, { page: "rewards" })}">Rewards</a><a href="/account/login">Account</a><a href="/cart">Cart</a></nav></header>
<main id="main">
${main}
</main>
<footer><p>${escape(DEMO_SHOP_INFO.name)} · a demo shop, prices in ${DEMO_SHOP_INFO.currencyCode}</p></footer>
${embed ? embed.html : ""}
</body>
</html>
`;
}
