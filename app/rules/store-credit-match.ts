// Which store credit on the customer's account, if any, is the one a reservation asked Shopify for when the answer
// was lost. Store credit carries no code or note of ours, so a credit is ours when it has the reservation's exact
// amount and currency, was created in the minutes the issue call could have taken effect, and is not already another
// redemption's credit. Two same-amount reservations resolve one credit each (the earliest first).

/** Shopify's clock and ours may differ a little; a credit this much before the reservation still counts. */
export const CREDIT_CLOCK_SKEW_MS = 60 * 1000;
/** The issue call times out after seconds; a credit made this long after the reservation is not its answer. */
export const CREDIT_WINDOW_MS = 30 * 60 * 1000;

export type CreditCandidate = { id: string; amountMinor: number; currency: string; createdAt: Date };
export type CreditReservation = { valueMinor: number; currency: string; createdAt: Date };

/** From when to ask Shopify for credits. */
export function creditSearchStart(reservation: CreditReservation): Date {
  return new Date(reservation.createdAt.getTime() - CREDIT_CLOCK_SKEW_MS);
}

/** The credit that answers the reservation, or null when none does. `claimed`: credit ids other redemptions hold. */
export function matchStoreCredit(
  reservation: CreditReservation,
  credits: readonly CreditCandidate[],
  claimed: ReadonlySet<string>,
): CreditCandidate | null {
  const from = creditSearchStart(reservation).getTime();
  const until = reservation.createdAt.getTime() + CREDIT_WINDOW_MS;
  const fits = credits.filter(
    (credit) =>
      !claimed.has(credit.id) &&
      credit.currency === reservation.currency &&
      credit.amountMinor === reservation.valueMinor &&
      credit.createdAt.getTime() >= from &&
      credit.createdAt.getTime() <= until,
  );
  fits.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return fits[0] ?? null;
}
