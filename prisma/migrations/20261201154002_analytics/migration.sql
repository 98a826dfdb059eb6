-- CreateTable
CREATE TABLE "CustomerStats" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "holdOut" BOOLEAN NOT NULL DEFAULT false,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "revenueMinor" BIGINT NOT NULL DEFAULT 0,
    "firstOrderAt" DATETIME,
    "lastOrderAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "customerId")
);

-- CreateTable
CREATE TABLE "AnalyticsSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "holdOutPercent" INTEGER NOT NULL DEFAULT 0,
    "holdOutSince" DATETIME,
    "launchedAt" DATETIME,
    "segments" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AnalyticsDay" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "figures" TEXT NOT NULL,

    PRIMARY KEY ("shop", "day")
);

-- AlterTable (in place: SQLite adds a column with a constant default without rebuilding the table)
ALTER TABLE "Member" ADD COLUMN "holdOut" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "CustomerStats_shop_holdOut_orders_revenueMinor_lastOrderAt_firstOrderAt_idx" ON "CustomerStats"("shop", "holdOut", "orders", "revenueMinor", "lastOrderAt", "firstOrderAt");

