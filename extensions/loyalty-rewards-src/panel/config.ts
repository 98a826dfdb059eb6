// What the theme (Liquid) tells the panel: data attributes on the block's root element (snippets/loyalty-config),
// and the texts of the shopper's locale (assets/loyalty-texts-<locale>.js, the one Liquid's `t` chose, loaded with
// the panel), with the merchant's own texts from the block settings in place of the defaults when set. The
// customer id only chooses which view to show first; the backend knows the shopper from Shopify's proxy signature
// alone.
import type { Texts } from "../shared";

export type { Texts };

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

/** Block settings that replace a default text, by data attribute (dataset name) and text key. */
const MERCHANT_TEXTS = { title: "title", guestIntro: "guest_intro", memberIntro: "member_intro" } as const;

export function readConfig(root: HTMLElement): Config {
  // Missing texts leave the keys visible rather than breaking the panel.
  const texts: Texts = { ...window.loyaltyRewardsTexts };
  for (const [attribute, key] of Object.entries(MERCHANT_TEXTS)) {
    const text = root.dataset[attribute];
    if (text) texts[key] = text;
  }
  return { ...(root.dataset as unknown as Config), texts };
}
