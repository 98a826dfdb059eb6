-- CreateTable
CREATE TABLE "Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "names" TEXT NOT NULL DEFAULT '{}',
    "multiplierPercent" INTEGER NOT NULL DEFAULT 100,
    "bonusPoints" INTEGER NOT NULL DEFAULT 0,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "productIds" TEXT NOT NULL DEFAULT '[]',
    "collectionIds" TEXT NOT NULL DEFAULT '[]',
    "productTags" TEXT NOT NULL DEFAULT '[]',
    "tierIds" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- AlterTable (columns added in place: SQLite keeps the table, its rows and any triggers)
ALTER TABLE "ProgramSettings" ADD COLUMN "firstOrderBonus" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ProgramSettings" ADD COLUMN "orderThresholdMinor" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "ProgramSettings" ADD COLUMN "orderThresholdBonus" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ProgramSettings" ADD COLUMN "campaigns" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "ProgramSettings" ADD COLUMN "excludedCollectionIds" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "ProgramSettings" ADD COLUMN "excludedProductTags" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "ProgramSettings" ADD COLUMN "productFacts" TEXT NOT NULL DEFAULT '{}';

-- CreateIndex
CREATE INDEX "Campaign_shop_endsAt_idx" ON "Campaign"("shop", "endsAt");

