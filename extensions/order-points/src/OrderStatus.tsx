// Order-status page (customer-account.order-status.block.render, all plans): what this order earned (OrderPoints.tsx).
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { OrderPoints } from "./OrderPoints";

export default async () => {
  render(<Extension />, document.body);
};

function Extension() {
  return (
    <OrderPoints
      surface="account"
      orderId={shopify.order.value?.id ?? null}
      subtotal={shopify.cost.subtotalAmount.value.amount}
      locale={shopify.localization.language.value.isoCode}
      translate={(key, options) => String(shopify.i18n.translate(key, options))}
      token={() => shopify.sessionToken.get()}
    />
  );
}
