-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SupportAction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "redemptionId" INTEGER NOT NULL,
    "points" BIGINT NOT NULL,
    "detail" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SupportAction_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SupportAction" ("action", "createdAt", "detail", "id", "idempotencyKey", "memberId", "points", "redemptionId", "shop", "staffUserId") SELECT "action", "createdAt", "detail", "id", "idempotencyKey", "memberId", "points", "redemptionId", "shop", "staffUserId" FROM "SupportAction";
DROP TABLE "SupportAction";
ALTER TABLE "new_SupportAction" RENAME TO "SupportAction";
CREATE INDEX "SupportAction_memberId_id_idx" ON "SupportAction"("memberId", "id");
CREATE UNIQUE INDEX "SupportAction_shop_idempotencyKey_key" ON "SupportAction"("shop", "idempotencyKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

