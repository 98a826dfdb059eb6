// The simplest possible model of what a customer's balance must be after a set of order events, whatever order
// they arrived in and however often: what each paid order's lines earned (1 point per whole currency unit, rounded
// down per line), minus the cumulative-floor share of refunded units, everything if the order was cancelled.
// Events for an order that was never paid change nothing.
import type { TestOrder, TestRefund } from "./shopify-payloads";

export type OrderEvent =
  | { kind: "paid"; order: TestOrder }
  | { kind: "refund"; refund: TestRefund }
  | { kind: "cancel"; order: TestOrder };

function linePoints(line: TestOrder["lines"][number]): number {
  return Math.max(0, Math.floor((line.unitPrice * line.quantity - (line.discount ?? 0)) / 100));
}

/** Expected points per customer id (customers whose orders were never paid are absent). */
export function expectedPoints(events: readonly OrderEvent[]): Map<string, number> {
  const distinctRefunds = new Map<string, TestRefund>();
  const paid = new Map<string, TestOrder>();
  const cancelled = new Set<string>();
  for (const event of events) {
    if (event.kind === "paid") paid.set(event.order.orderId, event.order);
    if (event.kind === "cancel") cancelled.add(event.order.orderId);
    if (event.kind === "refund") distinctRefunds.set(event.refund.refundId, event.refund);
  }
  const balances = new Map<string, number>();
  for (const order of paid.values()) {
    if (order.customerId === null) continue;
    let points = 0;
    if (!cancelled.has(order.orderId)) {
      for (const line of order.lines) {
        const refunded = [...distinctRefunds.values()]
          .filter((refund) => refund.orderId === order.orderId)
          .flatMap((refund) => refund.lines)
          .filter((refundedLine) => refundedLine.lineItemId === line.id)
          .reduce((sum, refundedLine) => sum + refundedLine.quantity, 0);
        const earned = linePoints(line);
        points += earned - Math.floor((earned * Math.min(refunded, line.quantity)) / line.quantity);
      }
    }
    balances.set(order.customerId, (balances.get(order.customerId) ?? 0) + points);
  }
  return balances;
}
