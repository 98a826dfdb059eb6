// Crediting a member for a way to earn (birthday, newsletter, a social follow, a review, a custom action): one
// transaction under the member's lock reads the member's earlier credits of the action, asks the pure rule whether
// one more is allowed now (app/rules/earning-actions.ts decideCredit) and writes an `action_bonus` ledger entry whose
// idempotency key names the limit's period and slot. The key is what makes the limit hold under any concurrency:
// two writers racing for one slot write one entry, and the loser moves to the next free slot or is refused.
//
// Nothing is written when the action is unknown or off, or its limit is reached: not even the member.
import type { SqlDb } from "../db.server";
import { instant, lockNamed } from "../db/dialect";
import { memberLockName } from "../db/lock-names";
import {
  creditKey,
  creditSource,
  decideCredit,
  parseCreditKey,
  slotsPerPeriod,
  socialNetworkOf,
  type ActionDefinition,
  type PriorCredit,
} from "../rules/earning-actions";
import { appendEntries, availableBalance, ensureMember } from "./ledger";
import { noteBalanceRise } from "./notification-events";
import { joinsHoldOutNow } from "./analytics-settings";
import { getAction } from "./earning-actions";
import { shopTimeZone } from "./shops";

export type CreditRequest = {
  shop: string;
  customerId: string;
  actionKey: string;
  /** What the credit is for within the action, when its limit counts per subject: the product, for reviews. */
  subject?: string | null;
  photo?: boolean;
  /** The caller's idempotency key (custom actions API): a repeat answers what the first request did. */
  requestKey?: string | null;
  now?: Date;
};

export type CreditOutcome =
  | { status: "credited"; points: number; availablePoints: number; ledgerKey: string; replayed: boolean }
  | { status: "unknown_action" }
  | { status: "disabled" }
  /** The customer is in the analytics hold-out group, which earns nothing (app/rules/hold-out.ts). */
  | { status: "held_out" }
  | { status: "limit_reached" }
  /** The idempotency key was used before for another action or customer. */
  | { status: "request_key_reused" };

/** The ledger's words for a credit (the panel's history and admin show them). */
export function creditReason(action: ActionDefinition, subject: string | null): string {
  const network = socialNetworkOf(action.key);
  if (network) return `Followed on ${network === "x" ? "X" : network === "custom" ? "our page" : network[0]!.toUpperCase() + network.slice(1)}`;
  switch (action.kind) {
    case "birthday":
      return "Birthday";
    case "anniversary":
      return "Anniversary of joining";
    case "newsletter":
      return "Newsletter sign-up";
    case "product_review":
      return subject ? `Product review (product ${subject})` : "Product review";
    default:
      return action.names.en || action.key;
  }
}

async function priorCredits(trx: SqlDb, shop: string, memberId: number, source: string): Promise<PriorCredit[]> {
  const rows = await trx
    .selectFrom("LedgerEntry")
    .select("idempotencyKey")
    .where("shop", "=", shop)
    .where("memberId", "=", memberId)
    .where("sourceType", "=", "action")
    .where("sourceId", "=", source)
    .execute();
  return rows.map((row) => parseCreditKey(row.idempotencyKey)).filter((credit): credit is PriorCredit => credit !== null);
}

export async function creditAction(db: SqlDb, request: CreditRequest): Promise<CreditOutcome> {
  const { shop, actionKey } = request;
  const subject = request.subject ?? null;
  const now = request.now ?? new Date();
  const [action, zone] = await Promise.all([getAction(db, shop, actionKey), shopTimeZone(db, shop)]);
  if (!action) return { status: "unknown_action" };
  if (!action.enabled || action.points <= 0) return { status: "disabled" };
  const source = creditSource(actionKey, subject);

  return creditInTransaction(db, request, action, zone, source, subject, now).catch((error: unknown) => {
    if (error instanceof RequestKeyTaken) return { status: "request_key_reused" } as const;
    throw error;
  });
}

class RequestKeyTaken extends Error {}

function creditInTransaction(
  db: SqlDb,
  request: CreditRequest,
  action: ActionDefinition,
  zone: string,
  source: string,
  subject: string | null,
  now: Date,
): Promise<CreditOutcome> {
  const { shop, customerId, actionKey } = request;
  return db.transaction().execute(async (trx): Promise<CreditOutcome> => {
    await lockNamed(trx, memberLockName(shop, customerId));
    const member = await trx
      .selectFrom("Member")
      .select(["id", "holdOut"])
      .where("shop", "=", shop)
      .where("customerId", "=", customerId)
      .executeTakeFirst();

    // The analytics hold-out group earns nothing (app/rules/hold-out.ts): to them every way to earn is off.
    if (member ? Number(member.holdOut) : await joinsHoldOutNow(trx, shop, customerId, now)) {
      if (!member) await ensureMember(trx, shop, customerId, {}, now, true);
      return { status: "held_out" };
    }

    if (request.requestKey) {
      const earlier = await trx
        .selectFrom("ActionRequest")
        .select(["memberId", "actionKey", "ledgerKey", "points"])
        .where("shop", "=", shop)
        .where("requestKey", "=", request.requestKey)
        .executeTakeFirst();
      if (earlier) {
        if (earlier.memberId !== member?.id || earlier.actionKey !== actionKey) return { status: "request_key_reused" };
        const availablePoints = await availableBalance(trx, shop, earlier.memberId);
        return { status: "credited", points: earlier.points, availablePoints, ledgerKey: earlier.ledgerKey, replayed: true };
      }
    }

    const prior = member ? await priorCredits(trx, shop, member.id, source) : [];
    // The member's lock makes a lost slot impossible here; the loop still moves on if one ever is, rather than
    // answering "limit reached" while the period has room.
    for (let attempt = 0; attempt < slotsPerPeriod(action.limit); attempt += 1) {
      const decision = decideCredit(action, prior, now, zone, { photo: request.photo });
      if (!decision.allowed) return { status: decision.reason };
      const memberId = member?.id ?? (await ensureMember(trx, shop, customerId, {}, now)).id;
      const ledgerKey = creditKey(actionKey, customerId, subject, decision.period, decision.slot);
      const written = await appendEntries(
        trx,
        shop,
        memberId,
        [
          {
            kind: "action_bonus",
            availableDelta: decision.points,
            pendingDelta: 0,
            reason: creditReason(action, subject),
            sourceType: "action",
            sourceId: source,
            idempotencyKey: ledgerKey,
          },
        ],
        now,
      );
      if (written.length === 0) {
        prior.push({ period: decision.period, slot: decision.slot });
        continue;
      }
      if (request.requestKey) {
        const stored = await trx
          .insertInto("ActionRequest")
          .values({ shop, requestKey: request.requestKey, memberId, actionKey, ledgerKey, points: decision.points, createdAt: instant(now) })
          .onConflict((conflict) => conflict.columns(["shop", "requestKey"]).doNothing())
          .returning("requestKey")
          .executeTakeFirst();
        // Another customer's request took the key at the same moment (a different member lock): undo this credit.
        if (!stored) throw new RequestKeyTaken();
      }
      await noteBalanceRise(trx, shop, memberId, decision.points, ledgerKey, now);
      const availablePoints = await availableBalance(trx, shop, memberId);
      return { status: "credited", points: decision.points, availablePoints, ledgerKey, replayed: false };
    }
    return { status: "limit_reached" };
  });
}

/** Whether the member has earned the action for the subject in its current period (the panel shows it as done). */
export async function creditedKeys(db: SqlDb, shop: string, memberId: number): Promise<Map<string, PriorCredit[]>> {
  const rows = await db
    .selectFrom("LedgerEntry")
    .select(["sourceId", "idempotencyKey"])
    .where("shop", "=", shop)
    .where("memberId", "=", memberId)
    .where("sourceType", "=", "action")
    .where("kind", "=", "action_bonus")
    .execute();
  const credits = new Map<string, PriorCredit[]>();
  for (const row of rows) {
    const credit = parseCreditKey(row.idempotencyKey);
    if (credit) credits.set(row.sourceId, [...(credits.get(row.sourceId) ?? []), credit]);
  }
  return credits;
}
