// Every query of app/persistence that selects rows by a member's id also names the shop: member ids are the
// database's own, the same in every shop's rows, so a query keyed by one alone could read or move another shop's
// points if an id ever came from the wrong place. Read from the source, statement by statement.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = path.resolve(import.meta.dirname, "..", "..", "..", "app", "persistence");

const BY_MEMBER = /\.where\("memberId", "="|\.where\("id", "=", (?:memberId|member\.id|input\.memberId)\)|where: \{[^}]*\bmemberId\b[^}]*\}/;
const BY_SHOP = /\.where\("shop", "="|\.onRef\("Member\.shop"|where: \{[^}]*\bshop\b/;

/** The file's statements: text between semicolons, comments removed. */
function statements(source: string): string[] {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .split(";");
}

function unscoped(source: string): string[] {
  return statements(source).filter((statement) => BY_MEMBER.test(statement) && !BY_SHOP.test(statement));
}

describe("persistence queries keyed by a member id", () => {
  it("the check finds a query by member id without the shop, and accepts one with it", () => {
    expect(unscoped(`const rows = await db.selectFrom("LedgerEntry").selectAll().where("memberId", "=", memberId).execute();`)).toHaveLength(1);
    expect(unscoped(`await db.ledgerEntry.findMany({ where: { memberId, kind: "adjust" } });`)).toHaveLength(1);
    expect(unscoped(`const rows = await db.selectFrom("LedgerEntry").selectAll().where("memberId", "=", memberId).where("shop", "=", shop).execute();`)).toEqual([]);
    expect(unscoped(`await db.ledgerEntry.findMany({ where: { shop, memberId } });`)).toEqual([]);
  });

  it.each(fs.readdirSync(dir).filter((name) => name.endsWith(".ts")))("%s: every one also filters by shop", (name) => {
    expect(unscoped(fs.readFileSync(path.join(dir, name), "utf8"))).toEqual([]);
  });
});
