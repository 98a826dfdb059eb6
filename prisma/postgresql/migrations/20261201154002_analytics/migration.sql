-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "holdOut" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CustomerStats" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "holdOut" BOOLEAN NOT NULL DEFAULT false,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "revenueMinor" BIGINT NOT NULL DEFAULT 0,
    "firstOrderAt" TIMESTAMP(3),
    "lastOrderAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerStats_pkey" PRIMARY KEY ("shop","customerId")
);

-- CreateTable
CREATE TABLE "AnalyticsSettings" (
    "shop" TEXT NOT NULL,
    "holdOutPercent" INTEGER NOT NULL DEFAULT 0,
    "holdOutSince" TIMESTAMP(3),
    "launchedAt" TIMESTAMP(3),
    "segments" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnalyticsSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "AnalyticsDay" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "figures" TEXT NOT NULL,

    CONSTRAINT "AnalyticsDay_pkey" PRIMARY KEY ("shop","day")
);

-- CreateIndex
CREATE INDEX "CustomerStats_shop_holdOut_orders_revenueMinor_lastOrderAt__idx" ON "CustomerStats"("shop", "holdOut", "orders", "revenueMinor", "lastOrderAt", "firstOrderAt");

