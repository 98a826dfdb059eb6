// What admin's Referrals page reads: the latest referrals with their advocate and reasons, the review queue, and the
// program's figures (conversions and revenue from referred first orders). Scoped by shop like every query.
import type { SqlDb } from "../db.server";
import { readInstant } from "../db/dialect";
import type { ReferralStatus } from "../rules/referrals";
import type { Note } from "./referrals";

export type ReferralListItem = {
  id: number;
  status: ReferralStatus;
  advocate: { customerId: string; email: string | null; firstName: string | null; lastName: string | null };
  friend: string;
  orderId: string;
  subtotalMinor: number;
  currency: string;
  reasons: Note[];
  rewardAt: Date;
  rewardPoints: number;
  decidedBy: string | null;
  createdAt: Date;
};

export async function listReferrals(db: SqlDb, shop: string, options: { status?: ReferralStatus; limit?: number } = {}): Promise<ReferralListItem[]> {
  let query = db
    .selectFrom("Referral")
    .innerJoin("Member", (join) => join.onRef("Member.id", "=", "Referral.advocateMemberId").on("Member.shop", "=", shop))
    .select([
      "Referral.id",
      "Referral.status",
      "Referral.friendCustomerId",
      "Referral.friendEmailKey",
      "Referral.orderId",
      "Referral.subtotalMinor",
      "Referral.currency",
      "Referral.reasons",
      "Referral.rewardAt",
      "Referral.rewardPoints",
      "Referral.decidedBy",
      "Referral.createdAt",
      "Member.customerId",
      "Member.email",
      "Member.firstName",
      "Member.lastName",
    ])
    .where("Referral.shop", "=", shop);
  if (options.status) query = query.where("Referral.status", "=", options.status);
  const rows = await query.orderBy("Referral.id", "desc").limit(options.limit ?? 100).execute();
  return rows.map((row) => ({
    id: row.id,
    status: row.status as ReferralStatus,
    advocate: { customerId: row.customerId, email: row.email, firstName: row.firstName, lastName: row.lastName },
    friend: row.friendEmailKey ?? (row.friendCustomerId ? `customer ${row.friendCustomerId}` : "—"),
    orderId: row.orderId,
    subtotalMinor: Number(row.subtotalMinor),
    currency: row.currency,
    reasons: JSON.parse(row.reasons) as Note[],
    rewardAt: readInstant(row.rewardAt),
    rewardPoints: Number(row.rewardPoints ?? 0),
    decidedBy: row.decidedBy,
    createdAt: readInstant(row.createdAt),
  }));
}

export type ReferralFigures = {
  /** Referred first orders (every status but rejected). */
  referredOrders: number;
  /** Rewarded referrals: friends whose first order stood through its pending period. */
  conversions: number;
  /** Net sales of referred first orders that were not rejected or cancelled, per currency, minor units. */
  revenue: Array<{ currency: string; minor: number }>;
  inReview: number;
};

export async function referralFigures(db: SqlDb, shop: string): Promise<ReferralFigures> {
  const rows = await db
    .selectFrom("Referral")
    .select(["status", "currency"])
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("subtotalMinor").as("minor")])
    .where("shop", "=", shop)
    .groupBy(["status", "currency"])
    .execute();
  const figures: ReferralFigures = { referredOrders: 0, conversions: 0, revenue: [], inReview: 0 };
  const revenue = new Map<string, number>();
  for (const row of rows) {
    const n = Number(row.n);
    if (row.status !== "rejected") figures.referredOrders += n;
    if (row.status === "rewarded") figures.conversions += n;
    if (row.status === "review") figures.inReview += n;
    if (row.status !== "rejected" && row.status !== "cancelled") revenue.set(row.currency, (revenue.get(row.currency) ?? 0) + Number(row.minor ?? 0));
  }
  figures.revenue = [...revenue].map(([currency, minor]) => ({ currency, minor }));
  return figures;
}
