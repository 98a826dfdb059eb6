-- AlterTable
ALTER TABLE "Member" ADD COLUMN "mirrorDueAt" DATETIME;

-- CreateTable
CREATE TABLE "CustomerMirror" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "tierTags" BOOLEAN NOT NULL DEFAULT false,
    "lastRunAt" DATETIME,
    "syncedCount" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OrderHistoryImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "awardPoints" BOOLEAN NOT NULL DEFAULT false,
    "before" DATETIME NOT NULL,
    "ordersSeen" INTEGER NOT NULL DEFAULT 0,
    "ordersImported" INTEGER NOT NULL DEFAULT 0,
    "pointsAwarded" BIGINT NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "leaseUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "OrderHistoryImport_shop_id_idx" ON "OrderHistoryImport"("shop", "id");

-- CreateIndex
CREATE INDEX "OrderHistoryImport_status_leaseUntil_idx" ON "OrderHistoryImport"("status", "leaseUntil");

-- CreateIndex
CREATE INDEX "Member_shop_mirrorDueAt_idx" ON "Member"("shop", "mirrorDueAt");

