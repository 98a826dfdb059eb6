// Names of the transaction locks (app/db/dialect.ts lockNamed) that serialise work on one business object across requests and
// app instances: everything touching one order's points takes the order's lock; creating a member takes the
// member's lock.
export function orderLockName(shop: string, orderId: string): string {
  return `order:${shop}:${orderId}`;
}

export function memberLockName(shop: string, customerId: string): string {
  return `member:${shop}:${customerId}`;
}

/** A member's tier state: read and written by order events of different orders of the same member. */
export function memberTierLockName(shop: string, memberId: number): string {
  return `member-tier:${shop}:${memberId}`;
}

/** An advocate's referrals: attributions of different friends' orders count against one monthly cap. */
export function referralAdvocateLockName(shop: string, memberId: number): string {
  return `referral-advocate:${shop}:${memberId}`;
}
