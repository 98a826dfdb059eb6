// loyalty-loader.js: the only script the extension puts on a page (declared by both the "Rewards launcher" app
// embed and the "Rewards page" app block). It is small and does almost nothing itself:
//   - an inline "Rewards page" block on the page: the panel's code is fetched at once and renders into it;
//   - the launcher button: nothing happens until the page has loaded and the main thread is idle; then the
//     (Liquid-rendered, fixed-position, until now invisible) button is made usable and visible; the panel's
//     code, styles and data are fetched only when the shopper opens it.
import { readTexts } from "./panel/config";
import { PANEL_READY_EVENT, type PanelModule } from "./shared";

let panel: Promise<PanelModule> | undefined;

function loadPanel(root: HTMLElement): Promise<PanelModule> {
  if (window.loyaltyRewardsPanel) return Promise.resolve(window.loyaltyRewardsPanel);
  return (panel ??= new Promise<PanelModule>((resolve, reject) => {
    document.addEventListener(PANEL_READY_EVENT, () => resolve(window.loyaltyRewardsPanel!), { once: true });
    const script = document.createElement("script");
    script.src = root.dataset.panelJs!;
    script.onerror = () => {
      panel = undefined;
      script.remove();
      reject(new Error("panel script failed to load"));
    };
    document.head.appendChild(script);
  }));
}

function startLauncher(root: HTMLElement) {
  const button = root.querySelector<HTMLButtonElement>("[data-loyalty-launcher]")!;
  const status = root.querySelector<HTMLElement>("[role=status]")!;
  button.addEventListener("click", () => {
    button.setAttribute("aria-busy", "true");
    status.textContent = "";
    loadPanel(root)
      .then((module) => module.open(root, button))
      // Said in words next to the button (the text comes from the theme's locale through Liquid).
      .catch(() => (status.textContent = readTexts(root).error_network ?? ""))
      .finally(() => button.removeAttribute("aria-busy"));
  });
  // Laid out (invisibly) from the first frame; showing it now costs a repaint, no layout.
  button.setAttribute("data-ready", "");
}

function whenIdle(run: () => void) {
  // Safari has no requestIdleCallback: a short timeout after load stands in for it.
  const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(run, { timeout: 3000 }) : setTimeout(run, 200));
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle, { once: true });
}

const inline = document.querySelectorAll<HTMLElement>("[data-loyalty-inline]");
if (inline[0]) {
  loadPanel(inline[0]).then(
    (module) => inline.forEach((root) => void module.mount(root)),
    // The block keeps its Liquid heading and introduction; say why nothing more came.
    () =>
      inline.forEach((root) => {
        const alert = document.createElement("p");
        alert.setAttribute("role", "alert");
        alert.textContent = readTexts(root).error_network ?? "";
        root.appendChild(alert);
      }),
  );
}
whenIdle(() => document.querySelectorAll<HTMLElement>("[data-loyalty-launcher-root]").forEach(startLauncher));
