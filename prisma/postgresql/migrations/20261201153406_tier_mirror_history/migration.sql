-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "mirrorDueAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CustomerMirror" (
    "shop" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "tierTags" BOOLEAN NOT NULL DEFAULT false,
    "lastRunAt" TIMESTAMP(3),
    "syncedCount" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerMirror_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "OrderHistoryImport" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "awardPoints" BOOLEAN NOT NULL DEFAULT false,
    "before" TIMESTAMP(3) NOT NULL,
    "ordersSeen" INTEGER NOT NULL DEFAULT 0,
    "ordersImported" INTEGER NOT NULL DEFAULT 0,
    "pointsAwarded" BIGINT NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "OrderHistoryImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrderHistoryImport_shop_id_idx" ON "OrderHistoryImport"("shop", "id");

-- CreateIndex
CREATE INDEX "OrderHistoryImport_status_leaseUntil_idx" ON "OrderHistoryImport"("status", "leaseUntil");

-- CreateIndex
CREATE INDEX "Member_shop_mirrorDueAt_idx" ON "Member"("shop", "mirrorDueAt");

