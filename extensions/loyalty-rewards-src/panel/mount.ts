// Where the panel lives: a modal dialog opened by the launcher, or inline in the "Rewards page" app block. Both
// render inside a shadow root so theme styles and the panel's styles cannot leak into each other.
import { readConfig } from "./config";
import { focusables } from "./dom";
import { createPanel, type Panel } from "./panel";

/** Adds the panel stylesheet to a shadow root and waits for it (a bounded wait: a slow CDN must not block the panel). */
function styles(shadow: ShadowRoot, href: string): Promise<void> {
  if (!href) return Promise.resolve();
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  const loaded = new Promise<void>((resolve) => {
    link.addEventListener("load", () => resolve());
    link.addEventListener("error", () => resolve());
    setTimeout(resolve, 3000);
  });
  shadow.appendChild(link);
  return loaded;
}

type OpenDialog = { dialog: HTMLDialogElement; panel: Panel; opener: HTMLElement };
let current: OpenDialog | null = null;

/**
 * Tab and Shift+Tab wrap inside the dialog. showModal() already makes the page behind inert; without this Tab
 * would still leave for the browser's own toolbar.
 */
function trapFocus(dialog: HTMLDialogElement, shadow: ShadowRoot, event: KeyboardEvent) {
  if (event.key !== "Tab") return;
  const items = focusables(dialog);
  const last = items[items.length - 1]!;
  const active = shadow.activeElement as HTMLElement | null;
  const index = active ? items.indexOf(active) : -1;
  // Not in the list: the title (before the first control) or a history entry (after the last one).
  const afterLast = index < 0 && !!active && !!(last.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
  const wrapTo = event.shiftKey ? (index < 1 && !afterLast ? last : null) : index === items.length - 1 || afterLast ? items[0] : null;
  if (wrapTo) {
    event.preventDefault();
    wrapTo.focus();
  }
}

export async function openDialog(root: HTMLElement, opener: HTMLElement): Promise<void> {
  if (current?.dialog.open) return;
  if (!current) {
    const config = readConfig(root);
    const host = document.createElement("div");
    host.setAttribute("data-loyalty-dialog", "");
    // The merchant's colours: CSS custom properties Liquid set on the embed's root, inherited into the shadow root.
    host.style.cssText = root.style.cssText;
    const shadow = host.attachShadow({ mode: "open" });
    const dialog = document.createElement("dialog");
    dialog.setAttribute("aria-labelledby", "title");
    const panel = createPanel(config, "dialog", () => dialog.close());
    dialog.appendChild(panel.element);
    document.body.appendChild(host);
    await styles(shadow, config.panelCss);
    shadow.appendChild(dialog);
    const state: OpenDialog = { dialog, panel, opener };
    // Esc (the dialog's own cancel), the close button and a click on the backdrop all end here.
    dialog.addEventListener("close", () => {
      state.opener.setAttribute("aria-expanded", "false");
      state.opener.focus();
    });
    dialog.addEventListener("keydown", (event) => trapFocus(dialog, shadow, event));
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
    current = state;
    void panel.load();
  } else {
    current.opener = opener;
    void current.panel.refresh();
  }
  current.dialog.showModal();
  opener.setAttribute("aria-expanded", "true");
  current.dialog.querySelector<HTMLElement>("#close")!.focus();
}

export async function mountInline(root: HTMLElement): Promise<void> {
  if (root.shadowRoot) return;
  const config = readConfig(root);
  // The block's Liquid fallback (heading and intro) stays visible until the panel replaces it.
  const shadow = root.attachShadow({ mode: "open" });
  shadow.appendChild(document.createElement("slot"));
  const panel = createPanel(config, "inline");
  await styles(shadow, config.panelCss);
  shadow.replaceChildren(...Array.from(shadow.querySelectorAll("link")), panel.element);
  await panel.load();
}
