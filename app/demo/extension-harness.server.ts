// Demo harness for the UI extensions (docs/ui-extensions.md): a page that runs an extension's real bundle in the
// browser with a STAND-IN of Shopify's extension API — not Shopify's. Shopify runs extensions in a sandboxed worker
// and renders their s-* components with its own UI; here the bundle runs in the page, the `shopify` global is a small
// object with the same names (i18n.translate over the extension's locales/*.json as the localization API serves them,
// sessionToken.get minting a real token with the demo secret, signals for cost / discount codes / instructions,
// applyDiscountCodeChange, storage), and the s-* tags are minimal custom elements with the roles their Shopify
// counterparts have (button, status, heading, link), so the page can be used and checked with axe. The backend it
// calls is the app's real /extension/* (the app URL the bundle calls is rewritten to this server).
import fs from "node:fs";
import path from "node:path";
import { APP_URL } from "../../extensions/shared/backend";
import { DEMO_CUSTOMERS } from "./demo-data";

export type HarnessTarget = { extension: string; module: string; target: string; surface: "checkout" | "customerAccount" | "pos" };

/** What /demo/extensions/:name?target=… renders; the first target of an extension is its default. */
export const HARNESS_TARGETS: Record<string, HarnessTarget[]> = {
  "checkout-rewards": [{ extension: "checkout-rewards", module: "Checkout", target: "purchase.checkout.reductions.render-after", surface: "checkout" }],
  "order-points": [
    { extension: "order-points", module: "ThankYou", target: "purchase.thank-you.block.render", surface: "checkout" },
    { extension: "order-points", module: "OrderStatus", target: "customer-account.order-status.block.render", surface: "customerAccount" },
  ],
  "account-rewards": [{ extension: "account-rewards", module: "RewardsPage", target: "customer-account.page.render", surface: "customerAccount" }],
  "account-profile": [{ extension: "account-profile", module: "ProfileBlock", target: "customer-account.profile.block.render", surface: "customerAccount" }],
  // POS: the customer details block, its redeem modal and menu item, the home tile and its look-up / enrol modal.
  "pos-rewards": [
    { extension: "pos-rewards", module: "CustomerBlock", target: "pos.customer-details.block.render", surface: "pos" },
    { extension: "pos-rewards", module: "RedeemModal", target: "pos.customer-details.action.render", surface: "pos" },
    { extension: "pos-rewards", module: "CustomerMenuItem", target: "pos.customer-details.action.menu-item.render", surface: "pos" },
    { extension: "pos-rewards", module: "HomeTile", target: "pos.home.tile.render", surface: "pos" },
    { extension: "pos-rewards", module: "HomeModal", target: "pos.home.modal.render", surface: "pos" },
  ],
};

/** Which modal a POS target's presentModal() opens (Shopify pairs them by the extension's targets). */
const POS_MODALS: Record<string, string> = {
  "pos.customer-details.block.render": "pos.customer-details.action.render",
  "pos.customer-details.action.menu-item.render": "pos.customer-details.action.render",
  "pos.home.tile.render": "pos.home.modal.render",
};

const EXTENSIONS_DIR = path.resolve(process.cwd(), "extensions");
const LOCALES = ["en", "pl", "ru", "ro"];
const bundles = new Map<string, Promise<string>>();

/** The extension module bundled as `shopify app build` bundles it (esbuild, ESM, Preact JSX), kept in memory. */
export function bundleModule(target: HarnessTarget): Promise<string> {
  const key = `${target.extension}/${target.module}`;
  if (!bundles.has(key)) {
    bundles.set(
      key,
      import("esbuild").then(async ({ build }) => {
        const result = await build({
          entryPoints: [path.join(EXTENSIONS_DIR, target.extension, "src", `${target.module}.tsx`)],
          bundle: true,
          minify: true,
          write: false,
          format: "esm",
          target: "es2020",
          jsx: "automatic",
          jsxImportSource: "preact",
          logLevel: "silent",
        });
        return result.outputFiles[0]!.text;
      }),
    );
  }
  return bundles.get(key)!;
}

export type HarnessOptions = {
  locale: string;
  customerId: string | null;
  /** instructions.discounts.canUpdateDiscountCodes (a Plus checkout). */
  plus: boolean;
  subtotal: number;
  orderId: string;
  /** POS: whether the URL named the customer (else the stand-in cart's customer is the one on screen). */
  customerGiven: boolean;
};

export function parseHarnessOptions(url: URL): HarnessOptions | string {
  const locale = url.searchParams.get("locale") ?? "en";
  if (!LOCALES.includes(locale)) return `Unknown locale ${locale}: use ${LOCALES.join(", ")}`;
  const customer = url.searchParams.get("customer") ?? "7009";
  if (customer !== "guest" && !DEMO_CUSTOMERS.some((c) => String(c.id) === customer)) return `Unknown demo shopper ${customer}`;
  const subtotal = Number(url.searchParams.get("subtotal") ?? "49.99");
  if (!Number.isFinite(subtotal) || subtotal < 0) return "subtotal must be an amount";
  const orderId = url.searchParams.get("order") ?? "990001";
  if (!/^\d{1,20}$/.test(orderId)) return "order must be digits";
  return { locale, customerId: customer === "guest" ? null : customer, plus: url.searchParams.get("plus") !== "0", subtotal, orderId, customerGiven: url.searchParams.has("customer") };
}

function translations(extension: string, locale: string) {
  const dir = path.join(EXTENSIONS_DIR, extension, "locales");
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as unknown;
  return { messages: read(locale === "en" ? "en.default.json" : `${locale}.json`), fallback: read("en.default.json") };
}

const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/** The harness page: the stand-in first (a classic script), then the extension's module, which renders into body. */
export function harnessPage(target: HarnessTarget, options: HarnessOptions): string {
  const config = {
    target: target.target,
    surface: target.surface,
    locale: options.locale,
    customerId: options.customerId,
    plus: options.plus,
    subtotal: options.subtotal,
    orderId: options.orderId,
    customerGiven: options.customerGiven,
    modalTarget: POS_MODALS[target.target] ?? null,
    appUrl: APP_URL,
    ...translations(target.extension, options.locale),
  };
  return `<!doctype html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Demo harness (stand-in of Shopify's extension API): ${target.extension} · ${target.target}</title>
<style>${STAND_IN_STYLES}</style>
<script>window.__harness=${json(config)};</script>
<script>${target.surface === "pos" ? POS_STAND_IN_SCRIPT : STAND_IN_SCRIPT}</script>
<script type="module">import extension from "/demo/extensions/${target.extension}/${target.module}.js"; await extension();</script>
</head>
<body></body>
</html>
`;
}

const STAND_IN_STYLES = `body{margin:0 auto;max-width:640px;padding:24px;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a}
s-stack{display:flex;flex-direction:column;gap:12px}s-stack[direction=inline]{flex-direction:row;flex-wrap:wrap;align-items:center}
s-banner,s-section{display:block;padding:12px 16px;border:1px solid #c9c9c9;border-radius:8px}s-banner[tone=critical]{border-color:#b3261e}
s-banner[tone=success]{border-color:#1f6f43}s-text,s-link{display:inline}s-text[color=subdued]{color:#4a4a4a}
s-button{display:inline-block;padding:8px 14px;border-radius:8px;background:#1f4d3a;color:#fff;cursor:pointer}
s-button[variant=secondary]{background:#fff;color:#1f4d3a;border:1px solid #1f4d3a}s-button[disabled]{opacity:.55;cursor:not-allowed}
s-link{color:#0b5cad;text-decoration:underline;cursor:pointer}s-skeleton-paragraph{display:block;height:3em;background:#eee;border-radius:6px}
.stand-in-heading{margin:0 0 8px;font-size:1.1em}`;

// The stand-in itself, as plain browser JavaScript (it is served into the page, not bundled with the app).
const STAND_IN_SCRIPT = `(() => {
  const h = window.__harness;
  let Signal = null;
  const signals = [];
  const signal = (value) => { const s = { value, subscribe(fn) { fn(this.value); return () => {}; } }; signals.push(s); return s; };
  // The extension hands over @preact/signals' Signal class (ui-extensions/preact calls setSignals): from then on the
  // values are real signals, so components re-render when the stand-in changes them, as Shopify's host does.
  const upgrade = (s) => new Signal(s.value);
  const lookup = (tree, key) => key.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), tree);
  const translate = (key, options = {}) => {
    let text = lookup(h.messages, key) ?? lookup(h.fallback, key);
    if (text && typeof text === "object") text = text[new Intl.PluralRules(h.locale).select(Number(options.count))] ?? text.other;
    if (typeof text !== "string") return "translation missing: " + key;
    return text.replace(/\\{\\{\\s*(\\w+)\\s*\\}\\}/g, (whole, name) => (name in options ? String(options[name]) : whole));
  };
  const api = {
    discountCodes: signal([]),
    instructions: signal({ discounts: { canUpdateDiscountCodes: h.plus } }),
    subtotal: signal({ amount: h.subtotal, currencyCode: "USD" }),
    language: signal({ isoCode: h.locale }),
    orderConfirmation: signal({ order: { id: "gid://shopify/OrderIdentity/" + h.orderId }, number: h.orderId, isFirstOrder: false }),
    order: signal({ id: "gid://shopify/Order/" + h.orderId, name: "#" + h.orderId }),
    customer: signal(h.customerId ? { id: "gid://shopify/Customer/" + h.customerId } : undefined),
  };
  const store = new Map();
  const shopify = {
    extension: { target: h.target, apiVersion: "2026-10" },
    setSignals(SignalClass) {
      Signal = SignalClass;
      for (const [name, s] of Object.entries(api)) api[name] = upgrade(s);
      shopify.discountCodes = api.discountCodes;
      shopify.instructions = api.instructions;
      shopify.cost.subtotalAmount = api.subtotal;
      shopify.localization.language = api.language;
      shopify.orderConfirmation = api.orderConfirmation;
      shopify.order = api.order;
      shopify.buyerIdentity.customer = api.customer;
    },
    i18n: { translate, formatNumber: (n) => new Intl.NumberFormat(h.locale).format(n) },
    localization: { language: api.language },
    sessionToken: { get: async () => (await (await fetch("/demo/extension-token?surface=" + h.surface + "&customer=" + (h.customerId ?? "guest"))).json()).token },
    cost: { subtotalAmount: api.subtotal },
    discountCodes: api.discountCodes,
    instructions: api.instructions,
    orderConfirmation: api.orderConfirmation,
    order: api.order,
    buyerIdentity: { customer: api.customer },
    storage: { read: async (k) => store.get(k) ?? null, write: async (k, v) => void store.set(k, v), delete: async (k) => void store.delete(k) },
    async applyDiscountCodeChange(change) {
      if (!api.instructions.value.discounts.canUpdateDiscountCodes) return { type: "error", message: "Discount codes cannot be updated in this checkout" };
      const codes = api.discountCodes.value.filter((d) => d.code.toUpperCase() !== change.code.toUpperCase());
      api.discountCodes.value = change.type === "addDiscountCode" ? [...codes, { code: change.code.toUpperCase() }] : codes;
      return { type: "success" };
    },
  };
  window.shopify = shopify;
  window.__harnessApi = api; // for tests: the checkout's discount codes as Shopify would hold them
  // The bundle calls the app at its configured URL; in the demo the app is this server.
  const realFetch = window.fetch.bind(window);
  window.fetch = (input, init) => realFetch(typeof input === "string" && input.startsWith(h.appUrl) ? location.origin + input.slice(h.appUrl.length) : input, init);

  // Minimal s-* elements with the roles of Shopify's components.
  const define = (tag, setup) => customElements.define(tag, class extends HTMLElement {
    static observedAttributes = ["disabled", "heading"];
    connectedCallback() { setup(this); }
    attributeChangedCallback() { if (this.isConnected) setup(this); }
  });
  const headed = (level) => (el) => {
    const heading = el.getAttribute("heading");
    let node = el.querySelector(":scope > .stand-in-heading");
    if (!heading) { node?.remove(); return; }
    if (!node) { node = document.createElement("h" + level); node.className = "stand-in-heading"; el.prepend(node); }
    node.textContent = heading;
  };
  define("s-button", (el) => {
    el.setAttribute("role", "button");
    const disabled = el.hasAttribute("disabled");
    el.tabIndex = disabled ? -1 : 0;
    el.setAttribute("aria-disabled", String(disabled));
    if (!el.__keys) { el.__keys = true; el.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); el.click(); } }); }
    if (!el.__guard) { el.__guard = true; el.addEventListener("click", (e) => { if (el.hasAttribute("disabled")) e.stopImmediatePropagation(); }, true); }
  });
  define("s-link", (el) => { el.setAttribute("role", "link"); el.tabIndex = 0; });
  define("s-heading", (el) => { el.setAttribute("role", "heading"); el.setAttribute("aria-level", "2"); });
  define("s-banner", (el) => { el.setAttribute("role", el.getAttribute("tone") === "critical" ? "alert" : "status"); headed(3)(el); });
  define("s-section", headed(2));
  define("s-page", headed(1));
  define("s-skeleton-paragraph", (el) => el.setAttribute("aria-busy", "true"));
  for (const tag of ["s-stack", "s-text"]) define(tag, () => {});
})();`;

// The POS stand-in (a STAND-IN of Shopify POS's extension API, not Shopify's): the names the POS extension uses —
// i18n.translate, locale.current, session (currentSession with the demo location 1 and pinned staff member 501,
// getSessionToken minting a POS user token with the demo secret), customer.id, cart (current as a signal, with
// addCartCodeDiscount / removeCartDiscount / setCustomer), action.presentModal (opens the paired modal target at its
// harness URL), storage, toast. The cart and storage live in sessionStorage, so the block, its modal and the home
// modal share one register, as they do on a POS device. Below the extension, a "stand-in POS cart" panel shows the
// cart's discount codes with the Remove button POS has on its cart screen, and the customer in the cart.
const POS_STAND_IN_SCRIPT = `(() => {
  const h = window.__harness;
  let Signal = null;
  const saved = (key, fallback) => { try { return JSON.parse(sessionStorage.getItem(key)) ?? fallback; } catch { return fallback; } };
  const emptyCart = { editable: true, subtotal: String(h.subtotal.toFixed(2)), taxTotal: "0.00", grandTotal: String(h.subtotal.toFixed(2)), cartDiscounts: [], lineItems: [], properties: {} };
  const cartValue = () => saved("pos-stand-in-cart", emptyCart);
  const holder = { cart: { value: cartValue(), subscribe(fn) { fn(this.value); return () => {}; } }, locale: { value: h.locale, subscribe(fn) { fn(this.value); return () => {}; } }, staff: { value: { id: 501 } } };
  const lookup = (tree, key) => key.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), tree);
  const translate = (key, options = {}) => {
    let text = lookup(h.messages, key) ?? lookup(h.fallback, key);
    if (text && typeof text === "object") text = text[new Intl.PluralRules(h.locale).select(Number(options.count))] ?? text.other;
    if (typeof text !== "string") return "translation missing: " + key;
    return text.replace(/\\{\\{\\s*(\\w+)\\s*\\}\\}/g, (whole, name) => (name in options ? String(options[name]) : whole));
  };
  const setCart = (next) => {
    sessionStorage.setItem("pos-stand-in-cart", JSON.stringify(next));
    holder.cart.value = next;
    drawCart();
  };
  const customerId = () => Number(h.customerGiven || !cartValue().customer ? h.customerId : cartValue().customer.id);
  const store = saved("pos-stand-in-storage", {});
  const shopify = {
    extension: { target: h.target, apiVersion: "2026-10" },
    setSignals(SignalClass) {
      Signal = SignalClass;
      holder.cart = new Signal(holder.cart.value);
      holder.locale = new Signal(holder.locale.value);
      shopify.cart.current = holder.cart;
      shopify.locale.current = holder.locale;
    },
    i18n: { translate, formatNumber: (n) => new Intl.NumberFormat(h.locale).format(n) },
    locale: { current: holder.locale },
    session: {
      currentSession: { shopId: 1, userId: 9001, shopDomain: "demo", locationId: 1, staffMemberId: 501, currency: "USD", posVersion: "stand-in" },
      staffMember: holder.staff,
      deviceId: 1,
      getSessionToken: async () => (await (await fetch("/demo/extension-token?surface=pos")).json()).token,
    },
    customer: { get id() { return customerId(); } },
    cart: {
      current: holder.cart,
      async addCartCodeDiscount(code) {
        const cart = cartValue();
        // POS holds one cart-level discount: a new code replaces the one there.
        setCart({ ...cart, cartDiscounts: [{ type: "Code", discountDescription: code.toUpperCase(), amount: 0 }] });
      },
      async removeCartDiscount() { setCart({ ...cartValue(), cartDiscounts: [] }); },
      async setCustomer(customer) { setCart({ ...cartValue(), customer: { id: Number(customer.id) } }); },
      async removeCustomer() { const { customer, ...rest } = cartValue(); setCart(rest); },
    },
    action: { presentModal() { if (h.modalTarget) { const url = new URL(location.href); url.searchParams.set("target", h.modalTarget); location.href = url.toString(); } } },
    storage: {
      async get(k) { return store[k]; },
      async set(k, v) { store[k] = v; sessionStorage.setItem("pos-stand-in-storage", JSON.stringify(store)); },
      async delete(k) { const had = k in store; delete store[k]; sessionStorage.setItem("pos-stand-in-storage", JSON.stringify(store)); return had; },
      async clear() { for (const k of Object.keys(store)) delete store[k]; sessionStorage.removeItem("pos-stand-in-storage"); },
      async entries() { return Object.entries(store); },
    },
    toast: { show(text) { const el = document.getElementById("stand-in-toast"); if (el) el.textContent = text; } },
  };
  window.shopify = shopify;
  window.__harnessPos = { cart: () => cartValue(), setCart };
  const realFetch = window.fetch.bind(window);
  window.fetch = (input, init) => realFetch(typeof input === "string" && input.startsWith(h.appUrl) ? location.origin + input.slice(h.appUrl.length) : input, init);

  function drawCart() {
    const panel = document.getElementById("stand-in-cart");
    if (!panel) return;
    const cart = cartValue();
    panel.replaceChildren();
    const title = document.createElement("h2"); title.className = "stand-in-heading"; title.textContent = "Stand-in POS cart"; panel.append(title);
    const who = document.createElement("p"); who.textContent = "Customer: " + (cart.customer ? cart.customer.id : "none") + " · subtotal " + cart.subtotal; panel.append(who);
    if (!cart.cartDiscounts.length) { const none = document.createElement("p"); none.textContent = "No discount"; panel.append(none); }
    for (const d of cart.cartDiscounts) {
      const row = document.createElement("p");
      row.textContent = "Discount " + d.discountDescription + " ";
      const remove = document.createElement("button");
      remove.textContent = "Remove discount from cart";
      remove.addEventListener("click", () => setCart({ ...cartValue(), cartDiscounts: cartValue().cartDiscounts.filter((x) => x !== d && x.discountDescription !== d.discountDescription) }));
      row.append(remove);
      panel.append(row);
    }
  }
  document.addEventListener("DOMContentLoaded", () => {
    const aside = document.createElement("aside");
    aside.id = "stand-in-cart"; aside.setAttribute("aria-label", "Stand-in POS cart"); aside.className = "stand-in-cart";
    const toast = document.createElement("p"); toast.id = "stand-in-toast"; toast.setAttribute("role", "status");
    document.body.after(aside);
    aside.after(toast);
    drawCart();
  });

  const define = (tag, setup, extra) => {
    const element = class extends HTMLElement {
      static observedAttributes = ["disabled", "heading", "subheading", "label", "placeholder"];
      connectedCallback() { setup(this); }
      attributeChangedCallback() { if (this.isConnected) setup(this); }
    };
    // value / checked as accessors on the element, as Shopify's fields have them (Preact sets them as properties).
    if (extra) Object.defineProperties(element.prototype, Object.getOwnPropertyDescriptors(extra));
    customElements.define(tag, element);
  };
  const headed = (level) => (el) => {
    const heading = el.getAttribute("heading");
    let node = el.querySelector(":scope > .stand-in-heading");
    if (!heading) { node?.remove(); return; }
    if (!node) { node = document.createElement("h" + level); node.className = "stand-in-heading"; el.prepend(node); }
    node.textContent = heading;
  };
  const button = (el) => {
    el.setAttribute("role", "button");
    const disabled = el.hasAttribute("disabled");
    el.tabIndex = disabled ? -1 : 0;
    el.setAttribute("aria-disabled", String(disabled));
    if (!el.__keys) { el.__keys = true; el.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); el.click(); } }); }
    if (!el.__guard) { el.__guard = true; el.addEventListener("click", (e) => { if (el.hasAttribute("disabled")) e.stopImmediatePropagation(); }, true); }
  };
  define("s-button", button);
  define("s-tile", (el) => { button(el); const text = [el.getAttribute("heading"), el.getAttribute("subheading")].filter(Boolean).join(" — "); el.textContent = text; });
  define("s-heading", (el) => { el.setAttribute("role", "heading"); el.setAttribute("aria-level", "2"); });
  define("s-banner", (el) => { el.setAttribute("role", el.getAttribute("tone") === "critical" ? "alert" : "status"); headed(3)(el); });
  define("s-section", headed(2));
  define("s-page", headed(1));
  for (const tag of ["s-stack", "s-text", "s-pos-block", "s-scroll-box"]) define(tag, () => {});
  // Fields: a labelled native input inside; value / checked read and written through the element, events bubble.
  const field = (type) => ({
    get value() { return this.__input ? this.__input.value : (this.__value ?? ""); },
    set value(v) { this.__value = v ?? ""; if (this.__input && this.__input.value !== this.__value) this.__input.value = this.__value; },
    get checked() { return this.__input ? this.__input.checked : Boolean(this.__checked); },
    set checked(v) { this.__checked = Boolean(v); if (this.__input) this.__input.checked = this.__checked; },
  });
  const input = (type) => (el) => {
    if (!el.__input) {
      const label = document.createElement("label");
      const text = document.createElement("span");
      const control = document.createElement("input");
      control.type = type;
      if (type === "checkbox") control.checked = Boolean(el.__checked); else control.value = el.__value ?? "";
      control.addEventListener("change", () => el.dispatchEvent(new Event("change", { bubbles: true })));
      if (type === "checkbox") control.addEventListener("input", (e) => e.stopPropagation());
      label.append(text, control);
      el.append(label);
      el.__input = control; el.__text = text;
    }
    el.__text.textContent = (el.getAttribute("label") ?? "") + " ";
    if (el.getAttribute("placeholder")) { el.__input.placeholder = el.getAttribute("placeholder"); el.__input.setAttribute("aria-label", el.getAttribute("placeholder")); }
  };
  define("s-text-field", input("text"), field("text"));
  define("s-email-field", input("email"), field("email"));
  define("s-search-field", input("search"), field("search"));
  define("s-switch", input("checkbox"), field("checkbox"));
})();`;
