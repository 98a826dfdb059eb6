-- CreateTable
CREATE TABLE "PointsAdjustment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "availableBefore" INTEGER NOT NULL,
    "availableAfter" INTEGER NOT NULL,
    "overdrawConfirmed" BOOLEAN NOT NULL DEFAULT false,
    "importJobId" INTEGER,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PointsAdjustment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportJob" (
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
    "errorRows" INTEGER NOT NULL DEFAULT 0,
    "importedPoints" INTEGER NOT NULL DEFAULT 0,
    "csv" TEXT,
    "leaseUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ImportRowError" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" INTEGER NOT NULL,
    "shop" TEXT NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "issues" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    CONSTRAINT "ImportRowError_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PointsAdjustment_memberId_id_idx" ON "PointsAdjustment"("memberId", "id");

-- CreateIndex
CREATE INDEX "PointsAdjustment_shop_id_idx" ON "PointsAdjustment"("shop", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PointsAdjustment_shop_idempotencyKey_key" ON "PointsAdjustment"("shop", "idempotencyKey");

-- CreateIndex
CREATE INDEX "ImportJob_shop_id_idx" ON "ImportJob"("shop", "id");

-- CreateIndex
CREATE INDEX "ImportJob_status_leaseUntil_idx" ON "ImportJob"("status", "leaseUntil");

-- CreateIndex
CREATE UNIQUE INDEX "ImportRowError_jobId_rowNumber_key" ON "ImportRowError"("jobId", "rowNumber");

-- CreateIndex
CREATE INDEX "Member_shop_id_idx" ON "Member"("shop", "id");

-- CreateIndex
CREATE INDEX "Member_shop_email_idx" ON "Member"("shop", "email");

-- CreateIndex
CREATE INDEX "LedgerEntry_shop_createdAt_kind_availableDelta_pendingDelta_idx" ON "LedgerEntry"("shop", "createdAt", "kind", "availableDelta", "pendingDelta");


-- Written by hand (Prisma has no schema syntax for triggers): the staff audit log is append-only. No row can
-- be changed, and none deleted while its member exists (deleting the member, when a shop is erased, cascades).
CREATE TRIGGER "PointsAdjustment_append_only_update" BEFORE UPDATE ON "PointsAdjustment"
BEGIN
    SELECT RAISE(ABORT, 'PointsAdjustment is append-only: rows cannot be changed');
END;

CREATE TRIGGER "PointsAdjustment_append_only_delete" BEFORE DELETE ON "PointsAdjustment"
WHEN EXISTS (SELECT 1 FROM "Member" WHERE "id" = OLD."memberId")
BEGIN
    SELECT RAISE(ABORT, 'PointsAdjustment is append-only: rows are deleted only with their member');
END;
