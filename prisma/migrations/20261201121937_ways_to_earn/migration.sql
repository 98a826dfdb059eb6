-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "ianaTimezone" TEXT DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "Member" ADD COLUMN "birthdayDay" INTEGER;
ALTER TABLE "Member" ADD COLUMN "birthdayFirstYear" INTEGER;
ALTER TABLE "Member" ADD COLUMN "birthdayMonth" INTEGER;

-- CreateTable
CREATE TABLE "EarningAction" (
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "points" INTEGER NOT NULL DEFAULT 0,
    "limitType" TEXT NOT NULL DEFAULT 'once',
    "limitCount" INTEGER NOT NULL DEFAULT 1,
    "limitPeriod" TEXT,
    "names" TEXT NOT NULL DEFAULT '{}',
    "url" TEXT,
    "photoBonus" INTEGER NOT NULL DEFAULT 0,
    "leadDays" INTEGER NOT NULL DEFAULT 30,
    "sweptOn" TEXT,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "key")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ActionRequest" (
    "shop" TEXT NOT NULL,
    "requestKey" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "actionKey" TEXT NOT NULL,
    "ledgerKey" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "requestKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_shop_id_idx" ON "ApiKey"("shop", "id");

-- CreateIndex
CREATE INDEX "Member_shop_birthdayMonth_birthdayDay_idx" ON "Member"("shop", "birthdayMonth", "birthdayDay");

