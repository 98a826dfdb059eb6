// Renders the theme app extension's real Liquid (extensions/loyalty-rewards) the way a Shopify storefront would,
// for the demo storefront page. liquidjs runs the templates; the few Shopify-only parts they use get small
// stand-ins: {% schema %} (read, never shown), the `t` filter (the extension's own locale files, with Shopify's
// fallback to the default locale and its HTML escaping), `asset_url` (served by the demo) and Shopify's `json`.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Liquid, Tag, type TagToken, type TopLevelToken } from "liquidjs";

export const EXTENSION_DIR = path.resolve(process.cwd(), "extensions", "loyalty-rewards");
export const ASSET_ROUTE = "/demo/storefront/assets/";

export type BlockSchema = {
  name: string;
  target: "body" | "head" | "section" | "compliance_head";
  javascript?: string;
  stylesheet?: string;
  settings?: Array<{ id?: string; type: string; default?: unknown; min?: number; options?: Array<{ value: string }> }>;
};

export type DemoCustomer = { id: number; first_name: string; last_name: string; name: string; email: string };

export type StorefrontContext = {
  locale: string;
  shop: { name: string; currency: string; money_format: string; permanent_domain: string };
  customer: DemoCustomer | null;
  pageType: string;
};

type Messages = { [key: string]: string | Messages };

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/** Shopify's storefront locale lookup: the shopper's locale file, then the extension's default one. */
function translator(locale: string) {
  const dir = path.join(EXTENSION_DIR, "locales");
  const defaultFile = fs.readdirSync(dir).find((name) => /^[\w-]+\.default\.json$/.test(name));
  if (!defaultFile) throw new Error("the extension has no default storefront locale (locales/*.default.json)");
  const candidates = [`${locale}.json`, `${locale.split("-")[0]}.json`, defaultFile];
  const catalogs = candidates.filter((name) => fs.existsSync(path.join(dir, name))).map((name) => readJson<Messages>(path.join(dir, name)));
  return (key: string): string | undefined => {
    for (const catalog of catalogs) {
      const value = key.split(".").reduce<string | Messages | undefined>((node, part) => (typeof node === "object" ? node[part] : undefined), catalog);
      if (typeof value === "string") return value;
    }
    return undefined;
  };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** A file's URL with a content hash, as Shopify's CDN versions extension assets. */
function assetUrl(name: string): string {
  const file = path.join(EXTENSION_DIR, "assets", path.basename(name));
  const version = fs.existsSync(file) ? crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 10) : "missing";
  return `${ASSET_ROUTE}${encodeURIComponent(path.basename(name))}?v=${version}`;
}

class SchemaTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    // The block's JSON settings, up to {% endschema %}: the theme editor reads them; the page never shows them.
    while (remainTokens.length) {
      const next = remainTokens.shift() as TagToken;
      if (next.name === "endschema") return;
    }
    throw new Error("{% schema %} without {% endschema %}");
  }
  render() {
    return "";
  }
}

function engine(locale: string): Liquid {
  const liquid = new Liquid({
    root: [path.join(EXTENSION_DIR, "blocks")],
    partials: [path.join(EXTENSION_DIR, "snippets")],
    extname: ".liquid",
    cache: false,
    strictFilters: true,
  });
  const lookup = translator(locale);
  liquid.registerTag("schema", SchemaTag);
  // {{ 'key' | t: name: value }}: `{{ name }}` interpolation; escaped unless the key ends in _html, like Shopify.
  liquid.registerFilter("t", (key: string, ...args: Array<[string, unknown]>) => {
    const found = lookup(String(key));
    if (found === undefined) return `translation missing: ${locale}.${key}`;
    const values = Object.fromEntries(args.filter(Array.isArray));
    const text = found.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
    return String(key).endsWith("_html") ? text : text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
  });
  liquid.registerFilter("asset_url", (name: string) => assetUrl(String(name)));
  // Shopify's json escapes <, > and & so the output is safe inside <script> and HTML.
  liquid.registerFilter("json", (value: unknown) =>
    JSON.stringify(value ?? null).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
  );
  return liquid;
}

export function blockSchema(file: string): BlockSchema {
  const source = fs.readFileSync(path.join(EXTENSION_DIR, "blocks", file), "utf8");
  const match = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(source);
  if (!match) throw new Error(`blocks/${file} has no {% schema %}`);
  return JSON.parse(match[1]!) as BlockSchema;
}

/** What Shopify gives a block that the merchant has not configured: each setting's default. */
function defaultSettings(schema: BlockSchema, overrides: Record<string, string>): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const setting of schema.settings ?? []) {
    if (!setting.id) continue;
    const fallback = setting.type === "checkbox" ? false : setting.type === "range" ? setting.min : setting.type === "select" ? setting.options?.[0]?.value : "";
    settings[setting.id] = setting.id in overrides ? overrides[setting.id] : (setting.default ?? fallback);
  }
  return settings;
}

export type RenderedBlock = { html: string; schema: BlockSchema };

/** One block of the extension, rendered with the demo shop, shopper and locale. */
export async function renderBlock(file: string, context: StorefrontContext, overrides: Record<string, string> = {}, pageGlobals: Record<string, unknown> = {}): Promise<RenderedBlock> {
  const schema = blockSchema(file);
  // Shopify's global objects, visible in {% render %}ed snippets too; `block` belongs to the block's own file.
  const globals = {
    shop: context.shop,
    customer: context.customer,
    request: { locale: { iso_code: context.locale, primary: context.locale === "en" }, design_mode: false, page_type: context.pageType },
    routes: { root_url: "/", account_login_url: "/account/login", account_register_url: "/account/register", cart_url: "/cart" },
    template: { name: context.pageType },
    // The page's own objects (a product page's `product`, the cart's `cart`).
    ...pageGlobals,
  };
  const block = { id: file.replace(/\W/g, "-"), type: file, settings: defaultSettings(schema, overrides), shopify_attributes: "" };
  const html = (await engine(context.locale).renderFile(file, { block }, { globals })) as string;
  return { html, schema };
}

/** The <link>/<script> tags Shopify adds for the blocks' `stylesheet` and `javascript`, once each. */
export function blockAssetTags(blocks: RenderedBlock[]): string {
  const styles = new Set(blocks.map((b) => b.schema.stylesheet).filter((name): name is string => !!name));
  const scripts = new Set(blocks.map((b) => b.schema.javascript).filter((name): name is string => !!name));
  return [
    ...[...styles].map((name) => `<link rel="stylesheet" href="${assetUrl(name)}">`),
    ...[...scripts].map((name) => `<script src="${assetUrl(name)}" defer></script>`),
  ].join("\n");
}
