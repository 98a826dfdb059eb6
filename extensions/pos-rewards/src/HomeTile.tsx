// POS home tile (pos.home.tile.render): opens the look-up and enrol modal (pos.home.modal.render).
import "@shopify/ui-extensions/preact";
import { render } from "preact";

export default async () => {
  const t = shopify.i18n.translate;
  render(<s-tile heading={t("tile_heading")} subheading={t("tile_subheading")} onClick={() => shopify.action.presentModal()} />, document.body);
};
