// CSV exports of a shop's members and points ledger, produced in pages (keyset on the row id) so an export of a
// million entries streams with flat memory. Text is written so spreadsheets cannot take it for a formula (csv.ts).
import type { Db, SqlDb } from "../db.server";
import { readInstant } from "../db/dialect";
import { filteredMembers, type MemberFilter } from "./member-directory";
import { csvLine } from "../rules/csv";
import { numberFromBigInt } from "../db/big-int";

const PAGE = 1000;

export const MEMBER_COLUMNS = ["customer_id", "email", "first_name", "last_name", "points", "pending_points", "joined_at"];
export const LEDGER_COLUMNS = ["entry_id", "created_at", "customer_id", "kind", "available_change", "pending_change", "reason", "source", "order_id"];

/**
 * Lines of the members export: header first, then members by join order, only those the filter keeps (the Customers
 * list's search, tier and segment: member-directory.ts filteredMembers, so the file holds what the list shows).
 */
export async function* memberCsvLines(db: SqlDb, shop: string, filter: MemberFilter = {}): AsyncGenerator<string> {
  yield csvLine(MEMBER_COLUMNS);
  let after = 0;
  for (;;) {
    const members = await filteredMembers(db, shop, filter)
      .select(["Member.id", "Member.customerId", "Member.email", "Member.firstName", "Member.lastName", "Member.availablePoints", "Member.pendingPoints", "Member.createdAt"])
      .where("Member.id", ">", after)
      .orderBy("Member.id", "asc")
      .limit(PAGE)
      .execute();
    let chunk = "";
    for (const m of members) {
      chunk += csvLine([m.customerId, m.email, m.firstName, m.lastName, numberFromBigInt(m.availablePoints), numberFromBigInt(m.pendingPoints), readInstant(m.createdAt).toISOString()]);
    }
    if (chunk) yield chunk;
    if (members.length < PAGE) return;
    after = Number(members.at(-1)!.id);
  }
}

/** Lines of the ledger export: header first, then every entry in the order it was written. */
export async function* ledgerCsvLines(db: Db, shop: string): AsyncGenerator<string> {
  yield csvLine(LEDGER_COLUMNS);
  let after = 0;
  const customerOf = new Map<number, string>();
  for (;;) {
    const entries = await db.ledgerEntry.findMany({
      where: { shop, id: { gt: after } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, memberId: true, createdAt: true, kind: true, availableDelta: true, pendingDelta: true, reason: true, sourceType: true, sourceId: true, orderId: true },
    });
    const unknown = [...new Set(entries.map((e) => e.memberId).filter((id) => !customerOf.has(id)))];
    if (unknown.length) {
      const members = await db.member.findMany({ where: { shop, id: { in: unknown } }, select: { id: true, customerId: true } });
      for (const member of members) customerOf.set(member.id, member.customerId);
    }
    let chunk = "";
    for (const e of entries) {
      chunk += csvLine([
        e.id,
        e.createdAt.toISOString(),
        customerOf.get(e.memberId) ?? "",
        e.kind,
        numberFromBigInt(e.availableDelta),
        numberFromBigInt(e.pendingDelta),
        e.reason,
        `${e.sourceType}:${e.sourceId}`,
        e.orderId,
      ]);
    }
    if (chunk) yield chunk;
    if (entries.length < PAGE) return;
    after = entries.at(-1)!.id;
    // A shop's members are far fewer than its entries, but keep the map from growing without bound.
    if (customerOf.size > 50_000) customerOf.clear();
  }
}
