// The contract between the loader (on every page) and the panel (loaded on demand): the panel script publishes
// itself on window and announces it with an event.

export type PanelModule = {
  /** Opens the panel as a modal dialog; focus returns to `opener` when it closes. */
  open(root: HTMLElement, opener: HTMLElement): Promise<void>;
  /** Renders the panel inside an inline "Rewards page" block. */
  mount(root: HTMLElement): Promise<void>;
};

export const PANEL_READY_EVENT = "loyalty-rewards:panel-ready";
/** Dispatched on document after a redemption so other panels on the page refresh their balance. */
export const CHANGED_EVENT = "loyalty-rewards:changed";

declare global {
  interface Window {
    loyaltyRewardsPanel?: PanelModule;
  }
}
