-- AlterTable
ALTER TABLE "ProgramSettings" ADD COLUMN     "campaigns" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "excludedCollectionIds" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "excludedProductTags" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "productFacts" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "firstOrderBonus" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "orderThresholdBonus" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "orderThresholdMinor" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "names" TEXT NOT NULL DEFAULT '{}',
    "multiplierPercent" INTEGER NOT NULL DEFAULT 100,
    "bonusPoints" INTEGER NOT NULL DEFAULT 0,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "productIds" TEXT NOT NULL DEFAULT '[]',
    "collectionIds" TEXT NOT NULL DEFAULT '[]',
    "productTags" TEXT NOT NULL DEFAULT '[]',
    "tierIds" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Campaign_shop_endsAt_idx" ON "Campaign"("shop", "endsAt");

