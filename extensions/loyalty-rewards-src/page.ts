// The "Rewards page" app block's script, inline at the end of the block (snippets/loyalty-page-script.liquid): the
// panel is the page's content, so it is fetched at once, while the page is still being parsed, and renders into
// the block, replacing its Liquid heading and introduction. If it cannot be fetched, the block keeps them and says
// why.
import { loadPanel } from "./load-panel";

const root = document.currentScript!.closest<HTMLElement>("[data-loyalty-inline]")!;
loadPanel(root).then(
  (panel) => panel.mount(root),
  () => {
    const alert = document.createElement("p");
    alert.setAttribute("role", "alert");
    alert.textContent = root.dataset.loadError!;
    root.append(alert);
  },
);
