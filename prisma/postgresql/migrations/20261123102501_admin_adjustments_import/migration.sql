-- CreateTable
CREATE TABLE "PointsAdjustment" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PointsAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" SERIAL NOT NULL,
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
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRowError" (
    "id" SERIAL NOT NULL,
    "jobId" INTEGER NOT NULL,
    "shop" TEXT NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "issues" TEXT NOT NULL,
    "raw" TEXT NOT NULL,

    CONSTRAINT "ImportRowError_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "PointsAdjustment" ADD CONSTRAINT "PointsAdjustment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRowError" ADD CONSTRAINT "ImportRowError_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Written by hand (Prisma has no schema syntax for triggers): the staff audit log is append-only. No row can
-- be changed, and none deleted while its member exists (deleting the member, when a shop is erased, cascades).
-- Prisma's PostgreSQL adapter applies a migration by splitting it at every semicolon, so the function body is
-- an E'' string that writes each semicolon as the escape \x3B.
CREATE FUNCTION "PointsAdjustment_append_only"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = ''DELETE'' AND NOT EXISTS (SELECT 1 FROM "Member" WHERE "id" = OLD."memberId") THEN
        RETURN OLD\x3B
    END IF\x3B
    RAISE EXCEPTION ''PointsAdjustment is append-only: rows cannot be changed, and are deleted only with their member''\x3B
END\x3B
';

CREATE TRIGGER "PointsAdjustment_append_only" BEFORE UPDATE OR DELETE ON "PointsAdjustment"
FOR EACH ROW EXECUTE FUNCTION "PointsAdjustment_append_only"();
