// The launcher button's click handler: built into the button's onclick attribute
// (snippets/loyalty-launcher-onclick.liquid), so a page with the launcher runs no script at all, on load or at
// idle, until the shopper clicks it. The first click fetches the panel (code, texts, styles) and opens it; later
// clicks open the one already loaded. If the fetch fails, the reason is said next to the button (the text comes
// from the theme's locale through Liquid) and the next click tries again.
import { loadPanel } from "./load-panel";

// `event` is the handler's own argument here (an onclick attribute's code runs as function(event) { … }).
const button = event!.currentTarget as HTMLButtonElement;
const root = button.closest<HTMLElement>("[data-loyalty-launcher-root]")!;
const status = root.querySelector("[role=status]")!;
button.setAttribute("aria-busy", "true");
status.textContent = "";
loadPanel(root)
  .then(
    (panel) => panel.open(root, button),
    () => (status.textContent = root.dataset.loadError!),
  )
  .finally(() => button.removeAttribute("aria-busy"));
