// Who is a member of the program: one definition for earning, the sign-up bonus and the admin's figures.
//
// A member is a shopper Shopify has a customer record for. Shopify makes one at sign-up, and also at a checkout that
// gives an email or phone without creating a password ("guest checkout" in Shopify's words, state `disabled`):
// both are the same person to Shopify, can sign in to the store's customer accounts with that email, and can spend
// points in the rewards panel once signed in. So both earn and both count as members on Home. A guest is an order with
// no customer at all (a draft or POS sale without one): recorded, earns nothing, and counts as a guest order.
//
// The sign-up bonus is "for creating an account", so only a customer WITH an account gets it: Shopify's customer
// `state` is "enabled" (the shopper registered, or accepted an account invite / activated the account a checkout
// offered). "disabled" (a checkout without a password, a customer staff or an import created), "invited" and
// "declined" get nothing until the state becomes "enabled" — on customers/create or a later customers/update. A
// customer whose record is older than the app's installation never gets it (no retroactive bonuses for existing
// accounts); once per customer ever (the entry's idempotency key).
import type { CustomerProfile, PaidOrder } from "./order-events";

/** Shopify's customer account states (REST `state`). */
export type AccountState = "enabled" | "disabled" | "invited" | "declined";

/** Whether the sign-up bonus is due for a customer webhook, by the rule above. `createdAt` null: not known, not due. */
export function signupBonusDue(account: { state: AccountState | null; createdAt: Date | null }, shopInstalledAt: Date): boolean {
  return account.state === "enabled" && account.createdAt !== null && account.createdAt.getTime() >= preProgramCutoff(shopInstalledAt).getTime();
}

/**
 * Accounts created before this instant are older than the program: the rule above never gives them the bonus, only
 * the merchant's explicit grant does (app/persistence/existing-accounts-bonus.ts). A minute's slack either side of
 * the install, as Shopify's and our clocks differ.
 */
export function preProgramCutoff(shopInstalledAt: Date): Date {
  return new Date(shopInstalledAt.getTime() - 60_000);
}

/** The customer an order credits, or null for a guest order. */
export function programMemberOf(order: Pick<PaidOrder, "customer">): CustomerProfile | null {
  return order.customer;
}

