// Names shared by everything that touches one order's points: its lock and its ledger keys.
export function orderLockName(shop: string, orderId: string): string {
  return `order:${shop}:${orderId}`;
}
