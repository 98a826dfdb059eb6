// The POS extension's calls to the app (/extension/pos/*, app/shopify/pos-routes.server.ts): POS's session token as
// the bearer, and where the request comes from (location, pinned staff member) in the query for the app's rule and
// audit. The codes this device applied are remembered in POS storage, so any target can reconcile them with the cart.
import { backend, type ExtensionMe, type Redeemed } from "../../shared/backend";
import { posQuery, removedCodes, type AppliedCode, type PosCartDiscount } from "../../shared/pos-view";

type Session = { currentSession: { locationId?: number; staffMemberId?: number }; getSessionToken: () => Promise<string | undefined> };
type Storage = { get: (key: string) => Promise<unknown>; set: (key: string, value: unknown) => Promise<void> };

export type PosMe = { customerId: string; program: ExtensionMe["program"]; member: NonNullable<ExtensionMe["member"]> & { rewards: Array<NonNullable<ExtensionMe["member"]>["rewards"][number] & { tierLocked?: boolean }> } };
export type FoundCustomer = { id: string; name: string; email: string | null; phone: string | null };

const APPLIED_KEY = "loyalty-applied-codes";

export function posClient(session: Session, storage: Storage) {
  const token = async () => {
    const value = await session.getSessionToken();
    // No token: the signed-in user's role does not include this app.
    if (!value) throw new Error("no_session_token");
    return value;
  };
  const where = (extra: Record<string, string> = {}) => posQuery(session.currentSession, extra);
  const applied = async () => ((await storage.get(APPLIED_KEY)) as AppliedCode[] | undefined) ?? [];
  const remember = (codes: AppliedCode[]) => storage.set(APPLIED_KEY, codes);
  const cancel = (item: AppliedCode) => backend(token, `/extension/pos/cancel${where()}`, { customerId: item.customerId, redemptionId: item.redemptionId });
  return {
    me: (customerId: string) => backend<PosMe>(token, `/extension/pos/me${where({ customer: customerId })}`),
    redeem: (customerId: string, rewardId: number, points?: number) =>
      backend<Redeemed>(token, `/extension/pos/redeem${where()}`, points === undefined ? { customerId, rewardId } : { customerId, rewardId, points }),
    cancel,
    find: (text: string) => backend<{ customers: FoundCustomer[] }>(token, `/extension/pos/customers${where({ q: text })}`),
    enrol: (form: { firstName: string; lastName: string; email: string; marketingConsent: boolean }) => backend<{ customer: FoundCustomer }>(token, `/extension/pos/enrol${where()}`, form),
    applied,
    async remember(item: AppliedCode) {
      await remember([...(await applied()).filter((a) => a.redemptionId !== item.redemptionId), item]);
    },
    /** Cancels every code of ours the cart no longer holds (the points come back); returns how many. */
    async reconcile(discounts: readonly PosCartDiscount[] | undefined): Promise<number> {
      const all = await applied();
      const gone = removedCodes(all, discounts);
      if (!gone.length) return 0;
      const results = await Promise.allSettled(gone.map(cancel));
      // A cancel that failed is tried again at the next cart change (or the code expires and the sweep returns it).
      const done = gone.filter((_, i) => results[i]!.status === "fulfilled");
      await remember(all.filter((a) => !done.includes(a)));
      return done.length;
    },
  };
}
