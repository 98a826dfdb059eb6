-- Points and money amounts that the rules allow beyond 2^31 (app/rules/points-limits.ts) as 64-bit integers.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- PointsAdjustment's append-only triggers name "Member", which is rebuilt below: SQLite refuses to rename a table
-- while a trigger refers to one that is missing, so they are dropped first and created again at the end.
DROP TRIGGER "PointsAdjustment_append_only_update";
DROP TRIGGER "PointsAdjustment_append_only_delete";
CREATE TABLE "new_Member" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "email" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "availablePoints" BIGINT NOT NULL DEFAULT 0,
    "pendingPoints" BIGINT NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "redactedAt" DATETIME
);
INSERT INTO "new_Member" ("availablePoints", "createdAt", "customerId", "email", "firstName", "id", "lastName", "pendingPoints", "redactedAt", "shop", "updatedAt") SELECT "availablePoints", "createdAt", "customerId", "email", "firstName", "id", "lastName", "pendingPoints", "redactedAt", "shop", "updatedAt" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE INDEX "Member_shop_availablePoints_pendingPoints_idx" ON "Member"("shop", "availablePoints", "pendingPoints");
CREATE INDEX "Member_shop_id_idx" ON "Member"("shop", "id");
CREATE INDEX "Member_shop_email_idx" ON "Member"("shop", "email");
CREATE INDEX "Member_shop_createdAt_idx" ON "Member"("shop", "createdAt");
CREATE UNIQUE INDEX "Member_shop_customerId_key" ON "Member"("shop", "customerId");
CREATE TABLE "new_LedgerEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "availableDelta" BIGINT NOT NULL,
    "pendingDelta" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "orderId" TEXT,
    "lineItemId" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LedgerEntry_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LedgerEntry" ("availableDelta", "createdAt", "id", "idempotencyKey", "kind", "lineItemId", "memberId", "orderId", "pendingDelta", "reason", "shop", "sourceId", "sourceType") SELECT "availableDelta", "createdAt", "id", "idempotencyKey", "kind", "lineItemId", "memberId", "orderId", "pendingDelta", "reason", "shop", "sourceId", "sourceType" FROM "LedgerEntry";
DROP TABLE "LedgerEntry";
ALTER TABLE "new_LedgerEntry" RENAME TO "LedgerEntry";
CREATE INDEX "LedgerEntry_memberId_id_idx" ON "LedgerEntry"("memberId", "id");
CREATE INDEX "LedgerEntry_shop_orderId_idx" ON "LedgerEntry"("shop", "orderId");
CREATE INDEX "LedgerEntry_shop_createdAt_kind_availableDelta_pendingDelta_idx" ON "LedgerEntry"("shop", "createdAt", "kind", "availableDelta", "pendingDelta");
CREATE INDEX "LedgerEntry_shop_id_idx" ON "LedgerEntry"("shop", "id");
CREATE UNIQUE INDEX "LedgerEntry_shop_idempotencyKey_key" ON "LedgerEntry"("shop", "idempotencyKey");
CREATE TABLE "new_OrderRecord" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "customerId" TEXT,
    "memberId" INTEGER,
    "currency" TEXT NOT NULL,
    "earning" TEXT NOT NULL,
    "reversed" TEXT NOT NULL DEFAULT '{}',
    "totalPoints" BIGINT NOT NULL,
    "netSalesMinor" BIGINT,
    "paidAt" DATETIME NOT NULL,
    "releaseAt" DATETIME NOT NULL,
    "releasedAt" DATETIME,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "orderId")
);
INSERT INTO "new_OrderRecord" ("cancelledAt", "createdAt", "currency", "customerId", "earning", "memberId", "netSalesMinor", "orderId", "paidAt", "releaseAt", "releasedAt", "reversed", "shop", "totalPoints", "updatedAt") SELECT "cancelledAt", "createdAt", "currency", "customerId", "earning", "memberId", "netSalesMinor", "orderId", "paidAt", "releaseAt", "releasedAt", "reversed", "shop", "totalPoints", "updatedAt" FROM "OrderRecord";
DROP TABLE "OrderRecord";
ALTER TABLE "new_OrderRecord" RENAME TO "OrderRecord";
CREATE INDEX "OrderRecord_releasedAt_releaseAt_idx" ON "OrderRecord"("releasedAt", "releaseAt");
CREATE INDEX "OrderRecord_shop_paidAt_cancelledAt_memberId_customerId_netSalesMinor_idx" ON "OrderRecord"("shop", "paidAt", "cancelledAt", "memberId", "customerId", "netSalesMinor");
CREATE TABLE "new_Redemption" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "rewardId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "points" BIGINT NOT NULL,
    "reward" TEXT NOT NULL,
    "valueMinor" BIGINT,
    "currency" TEXT NOT NULL,
    "code" TEXT,
    "shopifyDiscountId" TEXT,
    "shopifyCreditId" TEXT,
    "expiresAt" DATETIME,
    "orderId" TEXT,
    "failureReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);
INSERT INTO "new_Redemption" ("code", "createdAt", "currency", "expiresAt", "failureReason", "finishedAt", "id", "memberId", "orderId", "points", "reward", "rewardId", "shop", "shopifyCreditId", "shopifyDiscountId", "status", "updatedAt", "valueMinor") SELECT "code", "createdAt", "currency", "expiresAt", "failureReason", "finishedAt", "id", "memberId", "orderId", "points", "reward", "rewardId", "shop", "shopifyCreditId", "shopifyDiscountId", "status", "updatedAt", "valueMinor" FROM "Redemption";
DROP TABLE "Redemption";
ALTER TABLE "new_Redemption" RENAME TO "Redemption";
CREATE INDEX "Redemption_memberId_id_idx" ON "Redemption"("memberId", "id");
CREATE INDEX "Redemption_shop_status_finishedAt_orderId_idx" ON "Redemption"("shop", "status", "finishedAt", "orderId");
CREATE INDEX "Redemption_status_createdAt_idx" ON "Redemption"("status", "createdAt");
CREATE INDEX "Redemption_status_expiresAt_idx" ON "Redemption"("status", "expiresAt");
CREATE UNIQUE INDEX "Redemption_shop_code_key" ON "Redemption"("shop", "code");
CREATE TABLE "new_PointsAdjustment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "points" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "availableBefore" BIGINT NOT NULL,
    "availableAfter" BIGINT NOT NULL,
    "overdrawConfirmed" BOOLEAN NOT NULL DEFAULT false,
    "importJobId" INTEGER,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PointsAdjustment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PointsAdjustment" ("availableAfter", "availableBefore", "createdAt", "id", "idempotencyKey", "importJobId", "memberId", "overdrawConfirmed", "points", "reason", "shop", "staffUserId") SELECT "availableAfter", "availableBefore", "createdAt", "id", "idempotencyKey", "importJobId", "memberId", "overdrawConfirmed", "points", "reason", "shop", "staffUserId" FROM "PointsAdjustment";
DROP TABLE "PointsAdjustment";
ALTER TABLE "new_PointsAdjustment" RENAME TO "PointsAdjustment";
CREATE INDEX "PointsAdjustment_memberId_id_idx" ON "PointsAdjustment"("memberId", "id");
CREATE INDEX "PointsAdjustment_shop_id_idx" ON "PointsAdjustment"("shop", "id");
CREATE UNIQUE INDEX "PointsAdjustment_shop_idempotencyKey_key" ON "PointsAdjustment"("shop", "idempotencyKey");
-- The audit table's append-only triggers again, as 20261123102501_admin_adjustments_import wrote them.
CREATE TRIGGER "PointsAdjustment_append_only_update" BEFORE UPDATE ON "PointsAdjustment"
BEGIN
    SELECT RAISE(ABORT, 'PointsAdjustment is append-only: rows cannot be changed');
END;
CREATE TRIGGER "PointsAdjustment_append_only_delete" BEFORE DELETE ON "PointsAdjustment"
WHEN EXISTS (SELECT 1 FROM "Member" WHERE "id" = OLD."memberId")
BEGIN
    SELECT RAISE(ABORT, 'PointsAdjustment is append-only: rows are deleted only with their member');
END;
CREATE TABLE "new_ImportJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "totalRows" INTEGER NOT NULL,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "importedRows" INTEGER NOT NULL DEFAULT 0,
    "duplicateRows" INTEGER NOT NULL DEFAULT 0,
    "zeroRows" INTEGER NOT NULL DEFAULT 0,
    "errorRows" INTEGER NOT NULL DEFAULT 0,
    "importedPoints" BIGINT NOT NULL DEFAULT 0,
    "csv" TEXT,
    "leaseUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);
INSERT INTO "new_ImportJob" ("attempts", "createdAt", "csv", "duplicateRows", "errorRows", "fileHash", "fileName", "finishedAt", "id", "importedPoints", "importedRows", "lastError", "leaseUntil", "processedRows", "shop", "staffUserId", "status", "totalRows", "zeroRows") SELECT "attempts", "createdAt", "csv", "duplicateRows", "errorRows", "fileHash", "fileName", "finishedAt", "id", "importedPoints", "importedRows", "lastError", "leaseUntil", "processedRows", "shop", "staffUserId", "status", "totalRows", "zeroRows" FROM "ImportJob";
DROP TABLE "ImportJob";
ALTER TABLE "new_ImportJob" RENAME TO "ImportJob";
CREATE INDEX "ImportJob_shop_id_idx" ON "ImportJob"("shop", "id");
CREATE INDEX "ImportJob_status_leaseUntil_idx" ON "ImportJob"("status", "leaseUntil");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

