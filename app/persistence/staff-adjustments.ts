// Points changed by a person: support staff adding or removing points with a written reason.
//
// Every adjustment is two rows written in one transaction under the member's lock: the ledger entry that moves the
// points (kind `adjust`, source `staff:<user id>`) and a PointsAdjustment row, the audit log, which also keeps the
// balance before and after and whether the staff member confirmed going below zero. The audit table is append-only
// in the database itself (triggers in the migration refuse UPDATE, and DELETE while the member exists), so no code
// path — ours or a console session — can rewrite who did what.
//
// A form submission carries a request key generated when the form was shown; with the member it becomes the entry's
// idempotency key, so a double click or a retried request adjusts once. The member is part of the key because the
// request key is only the form's: idempotency keys are unique per shop, and the same key sent for another member
// (a reused or replayed form) is another adjustment, not a repeat of the first.
//
// Plain SQL (app/db/sql.server.ts), because the ledger it writes to is.
import type { SqlDb } from "../db.server";
import { instant, lockNamed, readBoolean, readInstant, type StoredInstant } from "../db/dialect";
import { appendEntries, availableBalance } from "./ledger";
import { noteBalanceRise } from "./notification-events";
import { memberLockName } from "../db/lock-names";
import { HeldOutError } from "../rules/hold-out";
import { isWithinBalanceLimit, MAX_ADJUSTMENT_POINTS, MAX_BALANCE_POINTS, PointsLimitError } from "../rules/points-limits";

export { MAX_ADJUSTMENT_POINTS };

export const MAX_REASON_LENGTH = 500;
const REQUEST_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export type AdjustmentForm = {
  /** Signed whole number as typed ("250", "-40"). */
  points: string;
  reason: string;
  requestKey: string;
  confirmOverdraw: boolean;
};

export type AdjustmentField = "points" | "reason" | "requestKey";
export type AdjustmentIssue = { field: AdjustmentField; code: string };

export type ValidAdjustment = { points: number; reason: string; requestKey: string; confirmOverdraw: boolean };

/** Checks what the form sent; every problem is listed with its field and a stable code (translated by the UI). */
export function validateAdjustment(form: AdjustmentForm): { ok: true; value: ValidAdjustment } | { ok: false; issues: AdjustmentIssue[] } {
  const issues: AdjustmentIssue[] = [];
  const text = form.points.trim();
  const points = /^[+-]?\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(points)) issues.push({ field: "points", code: "points_not_whole" });
  else if (points === 0) issues.push({ field: "points", code: "points_zero" });
  else if (Math.abs(points) > MAX_ADJUSTMENT_POINTS) issues.push({ field: "points", code: "points_too_large" });
  const reason = form.reason.trim();
  if (reason.length === 0) issues.push({ field: "reason", code: "reason_required" });
  else if (reason.length > MAX_REASON_LENGTH) issues.push({ field: "reason", code: "reason_too_long" });
  if (!REQUEST_KEY.test(form.requestKey)) issues.push({ field: "requestKey", code: "request_key_invalid" });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { points, reason, requestKey: form.requestKey, confirmOverdraw: form.confirmOverdraw } };
}

/** The adjustment would leave the available balance below zero and the staff member has not confirmed that. */
export class OverdrawNotConfirmedError extends Error {
  constructor(
    readonly availableBefore: number,
    readonly availableAfter: number,
  ) {
    super(`this adjustment would leave ${availableAfter} points available; confirm to go below zero`);
    this.name = "OverdrawNotConfirmedError";
  }
}

export type AuditEntry = {
  id: number;
  staffUserId: string;
  points: number;
  reason: string;
  availableBefore: number;
  availableAfter: number;
  overdrawConfirmed: boolean;
  importJobId: number | null;
  createdAt: Date;
};

export type AdjustmentResult = { adjustment: AuditEntry; duplicate: boolean };

const auditColumns = [
  "id",
  "staffUserId",
  "points",
  "reason",
  "availableBefore",
  "availableAfter",
  "overdrawConfirmed",
  "importJobId",
  "createdAt",
] as const;

type AuditRow = Omit<AuditEntry, "overdrawConfirmed" | "createdAt"> & { overdrawConfirmed: boolean | number; createdAt: StoredInstant };

function toAuditEntry(row: AuditRow): AuditEntry {
  return { ...row, overdrawConfirmed: readBoolean(row.overdrawConfirmed), createdAt: readInstant(row.createdAt) };
}

export function adjustmentIdempotencyKey(memberId: number, requestKey: string): string {
  return `staff-adjust:${memberId}:${requestKey}`;
}

export type StaffAdjustment = {
  shop: string;
  memberId: number;
  customerId: string;
  staffUserId: string;
  points: number;
  reason: string;
  /** Unique per shop; the ledger entry and the audit row share it. */
  idempotencyKey: string;
  confirmOverdraw: boolean;
  /** `import` for a balance brought over from another app (CSV import); `adjust` otherwise. */
  kind?: "adjust" | "import";
  importJobId?: number | null;
};

/**
 * Writes one adjustment inside `trx`, which must hold the member's lock. A key seen before returns the earlier
 * adjustment (duplicate: true) and writes nothing. A member of the analytics hold-out group is refused
 * (HeldOutError, nothing written): staff adjustments and CSV imports would otherwise give them points.
 */
export async function applyAdjustmentLocked(trx: SqlDb, input: StaffAdjustment, now = new Date()): Promise<AdjustmentResult> {
  const earlier = await trx
    .selectFrom("PointsAdjustment")
    .select(auditColumns)
    .where("shop", "=", input.shop)
    .where("idempotencyKey", "=", input.idempotencyKey)
    .executeTakeFirst();
  if (earlier) return { adjustment: toAuditEntry(earlier), duplicate: true };
  const member = await trx.selectFrom("Member").select("holdOut").where("id", "=", input.memberId).where("shop", "=", input.shop).executeTakeFirst();
  if (readBoolean(member?.holdOut ?? false)) throw new HeldOutError();
  const availableBefore = await availableBalance(trx, input.shop, input.memberId);
  const availableAfter = availableBefore + input.points;
  if (!isWithinBalanceLimit(availableAfter)) {
    throw new PointsLimitError(`this adjustment would take the balance beyond ${MAX_BALANCE_POINTS} points, the most a balance may hold`);
  }
  if (input.points < 0 && availableAfter < 0 && !input.confirmOverdraw) {
    throw new OverdrawNotConfirmedError(availableBefore, availableAfter);
  }
  const adjustment = await trx
    .insertInto("PointsAdjustment")
    .values({
      shop: input.shop,
      memberId: input.memberId,
      staffUserId: input.staffUserId,
      points: input.points,
      reason: input.reason,
      availableBefore,
      availableAfter,
      overdrawConfirmed: input.points < 0 && availableAfter < 0,
      importJobId: input.importJobId ?? null,
      idempotencyKey: input.idempotencyKey,
      createdAt: instant(now),
    })
    .returning(auditColumns)
    .executeTakeFirstOrThrow();
  await appendEntries(
    trx,
    input.shop,
    input.memberId,
    [
      {
        kind: input.kind ?? "adjust",
        availableDelta: input.points,
        pendingDelta: 0,
        reason: input.reason,
        sourceType: "staff",
        sourceId: input.staffUserId,
        idempotencyKey: input.idempotencyKey,
      },
    ],
    now,
  );
  // Points given by staff may make a reward affordable; an imported balance (a CSV migration) notifies nobody.
  if (input.points > 0 && !input.importJobId) await noteBalanceRise(trx, input.shop, input.memberId, input.points, input.idempotencyKey, now);
  return { adjustment: toAuditEntry(adjustment), duplicate: false };
}

/**
 * A staff member adds or removes points on an existing member of `shop`. Returns null when the shop has no such
 * member (nothing is written). Throws OverdrawNotConfirmedError when the balance would go below zero unconfirmed.
 */
export async function adjustMemberPoints(
  db: SqlDb,
  request: { shop: string; customerId: string; staffUserId: string } & ValidAdjustment,
): Promise<(AdjustmentResult & { availablePoints: number }) | null> {
  return db.transaction().execute(async (trx) => {
    await lockNamed(trx, memberLockName(request.shop, request.customerId));
    const member = await trx
      .selectFrom("Member")
      .select("id")
      .where("shop", "=", request.shop)
      .where("customerId", "=", request.customerId)
      .executeTakeFirst();
    if (!member) return null;
    const result = await applyAdjustmentLocked(trx, {
      shop: request.shop,
      memberId: member.id,
      customerId: request.customerId,
      staffUserId: request.staffUserId,
      points: request.points,
      reason: request.reason,
      idempotencyKey: adjustmentIdempotencyKey(member.id, request.requestKey),
      confirmOverdraw: request.confirmOverdraw,
    });
    return { ...result, availablePoints: await availableBalance(trx, request.shop, member.id) };
  });
}

/** A member's audit log, newest first (keyset paging on [memberId, id]). */
export async function listMemberAdjustments(db: SqlDb, shop: string, memberId: number, options: { before?: number; limit: number }) {
  let query = db.selectFrom("PointsAdjustment").select(auditColumns).where("shop", "=", shop).where("memberId", "=", memberId);
  if (options.before) query = query.where("id", "<", options.before);
  const rows = await query.orderBy("id", "desc").limit(options.limit + 1).execute();
  const entries: AuditEntry[] = rows.slice(0, options.limit).map(toAuditEntry);
  return { entries, nextBefore: rows.length > options.limit ? entries.at(-1)!.id : null };
}
