// Fetches what the panel needs, all at once and in parallel: its script, the texts of the shopper's locale (a
// script per locale, chosen by Liquid's `t`) and its stylesheet (preloaded: the panel adds it to its shadow root).
// Their URLs are data attributes Liquid put on the block's root (snippets/loyalty-config). A failed fetch can be
// tried again: the next call starts over with what is still missing.
import type { PanelModule } from "./shared";

function script(src: string, loaded: unknown): Promise<unknown> {
  return loaded
    ? Promise.resolve()
    : new Promise((resolve, reject) => {
        const element = document.createElement("script");
        element.src = src;
        element.onload = resolve;
        element.onerror = () => {
          element.remove();
          reject(new Error(`${src} failed to load`));
        };
        document.head.append(element);
      });
}

export function loadPanel(root: HTMLElement): Promise<PanelModule> {
  const data = root.dataset;
  if (!window.loyaltyRewardsLoading) {
    const preload = document.createElement("link");
    preload.rel = "preload";
    preload.as = "style";
    preload.href = data.panelCss!;
    document.head.append(preload);
  }
  return (window.loyaltyRewardsLoading ??= Promise.all([script(data.panelJs!, window.loyaltyRewardsPanel), script(data.textsJs!, window.loyaltyRewardsTexts)]).then(
    // A script that loaded but did not publish the panel (an error in it, a wrong file) is a failed fetch too.
    () => window.loyaltyRewardsPanel ?? Promise.reject(new Error("the panel script did not start")),
    (error: unknown) => {
      window.loyaltyRewardsLoading = undefined;
      throw error;
    },
  ));
}
