// POS customer details action (pos.customer-details.action.menu-item.render): opens the redeem modal.
import "@shopify/ui-extensions/preact";
import { render } from "preact";

export default async () => {
  render(<s-button onClick={() => shopify.action.presentModal()}>{shopify.i18n.translate("redeem_button")}</s-button>, document.body);
};
