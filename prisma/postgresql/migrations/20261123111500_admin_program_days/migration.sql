-- CreateTable
CREATE TABLE "ProgramDay" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "issued" INTEGER NOT NULL,
    "imported" INTEGER NOT NULL,
    "redeemed" INTEGER NOT NULL,
    "reversed" INTEGER NOT NULL,
    "expired" INTEGER NOT NULL,
    "removedByStaff" INTEGER NOT NULL,
    "joined" INTEGER NOT NULL,
    "memberOrders" INTEGER NOT NULL,
    "guestOrders" INTEGER NOT NULL,
    "returningOrders" INTEGER NOT NULL,
    "memberSalesMinor" BIGINT NOT NULL,
    "memberSalesCount" INTEGER NOT NULL,
    "guestSalesMinor" BIGINT NOT NULL,
    "guestSalesCount" INTEGER NOT NULL,
    "rewardOrders" INTEGER NOT NULL,
    "rewardSalesMinor" BIGINT NOT NULL,
    "rewardSalesCount" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgramDay_pkey" PRIMARY KEY ("shop","day")
);

-- CreateIndex
CREATE INDEX "OrderRecord_shop_updatedAt_idx" ON "OrderRecord"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "OrderRecord_shop_customerId_paidAt_idx" ON "OrderRecord"("shop", "customerId", "paidAt");

