// What the theme (Liquid) tells the panel: data attributes on the block's root element (snippets/loyalty-config)
// and the translated texts (snippets/loyalty-texts). The customer id only chooses which view to show first; the
// backend knows the shopper from Shopify's proxy signature alone.

export type Texts = Record<string, string>;

export type Config = {
  proxy: string;
  /** Liquid's customer.id, empty for guests. */
  customer: string;
  locale: string;
  currency: string;
  moneyFormat: string;
  login: string;
  register: string;
  root: string;
  cart: string;
  panelCss: string;
  texts: Texts;
};

export function readTexts(root: HTMLElement): Texts {
  try {
    return JSON.parse(root.querySelector("script[data-loyalty-texts]")!.textContent!) as Texts;
  } catch {
    // Missing or broken texts leave the keys visible rather than breaking the panel.
    return {};
  }
}

export function readConfig(root: HTMLElement): Config {
  return { ...(root.dataset as unknown as Config), texts: readTexts(root) };
}
