// Who is a member of the program: one definition for earning, the sign-up bonus and the admin's figures.
//
// A member is a shopper Shopify has a customer record for. Shopify makes one at sign-up, and also at a checkout that
// gives an email or phone without creating a password ("guest checkout" in Shopify's words, state `disabled`):
// both are the same person to Shopify, can sign in to the store's customer accounts with that email, and can spend
// points in the rewards panel once signed in. So both earn, both get the sign-up bonus (on customers/create, which
// Shopify sends for every new customer record), and both count as members on Home. A guest is an order with no
// customer at all (a draft or POS sale without one): recorded, earns nothing, and counts as a guest order.
import type { CustomerProfile, PaidOrder } from "./order-events";

/** The customer an order credits, or null for a guest order. */
export function programMemberOf(order: Pick<PaidOrder, "customer">): CustomerProfile | null {
  return order.customer;
}

