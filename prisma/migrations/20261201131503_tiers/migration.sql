-- AlterTable
ALTER TABLE "Reward" ADD COLUMN "minTierId" INTEGER;

-- CreateTable
CREATE TABLE "TierProgram" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "measure" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "graceDays" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Tier" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "names" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "multiplierPercent" INTEGER NOT NULL DEFAULT 100,
    "entryRewardPoints" INTEGER NOT NULL DEFAULT 0,
    "freeShipping" BOOLEAN NOT NULL DEFAULT false,
    "birthdayMultiplierPercent" INTEGER NOT NULL DEFAULT 100,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MemberTier" (
    "memberId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "tierId" INTEGER,
    "state" TEXT NOT NULL,
    "nextCheckAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MemberTier_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TierActivity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "countsAt" DATETIME NOT NULL,
    "points" INTEGER NOT NULL,
    "moneyMinor" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL,
    "sourceKey" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "TierChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "fromTierId" INTEGER,
    "toTierId" INTEGER,
    "fromName" TEXT,
    "toName" TEXT,
    "cause" TEXT NOT NULL,
    "staffUserId" TEXT,
    "reason" TEXT,
    "holdUntil" DATETIME,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TierJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "totalMembers" INTEGER NOT NULL,
    "processedMembers" INTEGER NOT NULL DEFAULT 0,
    "movedUp" INTEGER NOT NULL DEFAULT 0,
    "movingDown" INTEGER NOT NULL DEFAULT 0,
    "lastMemberId" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);


-- CreateIndex
CREATE INDEX "Tier_shop_position_idx" ON "Tier"("shop", "position");

-- CreateIndex
CREATE INDEX "MemberTier_shop_tierId_idx" ON "MemberTier"("shop", "tierId");

-- CreateIndex
CREATE INDEX "MemberTier_nextCheckAt_idx" ON "MemberTier"("nextCheckAt");

-- CreateIndex
CREATE INDEX "TierActivity_shop_memberId_idx" ON "TierActivity"("shop", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "TierActivity_shop_sourceKey_key" ON "TierActivity"("shop", "sourceKey");

-- CreateIndex
CREATE INDEX "TierChange_memberId_id_idx" ON "TierChange"("memberId", "id");

-- CreateIndex
CREATE INDEX "TierChange_shop_id_idx" ON "TierChange"("shop", "id");

-- CreateIndex
CREATE INDEX "TierJob_shop_id_idx" ON "TierJob"("shop", "id");

-- CreateIndex
CREATE INDEX "TierJob_status_leaseUntil_idx" ON "TierJob"("status", "leaseUntil");

-- CreateIndex
CREATE INDEX "OrderRecord_shop_memberId_idx" ON "OrderRecord"("shop", "memberId");

