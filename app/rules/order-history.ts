// Orders placed before the app was installed, as a bulk operation's JSONL gives them, turned into what the app keeps
// of them: tier progress and order statistics (an order record without points). Pure: the import job is
// app/jobs/order-history-job.ts, storage app/persistence/order-history-import.ts.
import { currencyExponent, toMinorUnits } from "./money";

/** Without read_all_orders Shopify returns only the last 60 days of orders. */
export const ORDERS_WITHOUT_ALL_ORDERS_DAYS = 60;
const DAY_MS = 86_400_000;

/** How far back the import can reach: null for all of history, else the earliest moment Shopify will return. */
export function historyReach(scopes: readonly string[], now: Date): Date | null {
  return scopes.includes("read_all_orders") ? null : new Date(now.getTime() - ORDERS_WITHOUT_ALL_ORDERS_DAYS * DAY_MS);
}

export type HistoricOrder = { orderId: string; customerId: string; paidAt: Date; currency: string; netSalesMinor: number };

const COUNTED = new Set(["PAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);
const ORDER_GID = /^gid:\/\/shopify\/Order\/(\d+)$/;
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/(\d+)$/;

type Line = {
  id?: unknown;
  processedAt?: unknown;
  cancelledAt?: unknown;
  displayFinancialStatus?: unknown;
  customer?: { id?: unknown } | null;
  subtotalPriceSet?: { shopMoney?: { amount?: unknown; currencyCode?: unknown } };
  totalRefundedSet?: { shopMoney?: { amount?: unknown } };
};

/**
 * One JSONL line as an order the import counts, or null: not an order, no customer, not paid, or cancelled (a
 * cancelled order does not count towards a tier). Net sales: the subtotal after discounts, less what was refunded.
 */
export function historicOrder(text: string): HistoricOrder | null {
  let line: Line;
  try {
    line = JSON.parse(text) as Line;
  } catch {
    return null;
  }
  const order = typeof line.id === "string" ? ORDER_GID.exec(line.id) : null;
  const customer = typeof line.customer?.id === "string" ? CUSTOMER_GID.exec(line.customer.id) : null;
  if (!order || !customer || line.cancelledAt || !COUNTED.has(String(line.displayFinancialStatus))) return null;
  const paidAt = new Date(String(line.processedAt));
  const money = line.subtotalPriceSet?.shopMoney;
  const currency = typeof money?.currencyCode === "string" ? money.currencyCode : null;
  if (Number.isNaN(paidAt.getTime()) || !currency || typeof money?.amount !== "string") return null;
  try {
    const subtotal = toMinorUnits(money.amount, currency);
    const refundedText = line.totalRefundedSet?.shopMoney?.amount;
    const refunded = typeof refundedText === "string" ? toMinorUnits(refundedText, currency) : 0;
    return { orderId: order[1]!, customerId: customer[1]!, paidAt, currency, netSalesMinor: Math.max(0, subtotal - refunded) };
  } catch {
    return null;
  }
}

/**
 * "Award points for past orders" (off unless the merchant asks, after seeing the total): the order's net sales at
 * today's earning rate, rounded down once per order. Past orders' lines are not imported, so product exclusions,
 * shipping and taxes cannot be told apart: only the subtotal after discounts, net of refunds, earns.
 */
export function historyPoints(netSalesMinor: number, currency: string, pointsPerUnit: number): number {
  if (netSalesMinor <= 0 || pointsPerUnit <= 0) return 0;
  return Number((BigInt(netSalesMinor) * BigInt(pointsPerUnit)) / 10n ** BigInt(currencyExponent(currency)));
}
