// The contract between what every page carries (the launcher's click handler), the "Rewards page" block's script
// and what loads on demand: the panel script and the texts script of the shopper's locale each publish themselves
// on window when they run.

export type PanelModule = {
  /** Opens the panel as a modal dialog; focus returns to `opener` when it closes. */
  open(root: HTMLElement, opener: HTMLElement): Promise<void>;
  /** Renders the panel inside an inline "Rewards page" block. */
  mount(root: HTMLElement): Promise<void>;
};

/** The storefront texts of one locale (locales/<locale>.json, without the "loyalty." prefix). */
export type Texts = Record<string, string>;

/** Dispatched on document after a redemption so other panels on the page refresh their balance. */
export const CHANGED_EVENT = "loyalty-rewards:changed";

declare global {
  interface Window {
    /** Set by assets/loyalty-panel.js. */
    loyaltyRewardsPanel?: PanelModule;
    /** Set by assets/loyalty-texts-<locale>.js. */
    loyaltyRewardsTexts?: Texts;
    /** The panel and texts being fetched, shared by the launcher and the blocks so each loads once. */
    loyaltyRewardsLoading?: Promise<PanelModule>;
  }
}
