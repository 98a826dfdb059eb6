-- DropIndex
DROP INDEX "Member_shop_availablePoints_idx";

-- DropIndex
DROP INDEX "OrderRecord_shop_paidAt_idx";

-- CreateTable
CREATE TABLE "LedgerDay" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "sums" TEXT NOT NULL,

    CONSTRAINT "LedgerDay_pkey" PRIMARY KEY ("shop","day")
);

-- CreateIndex
CREATE INDEX "Member_shop_availablePoints_pendingPoints_idx" ON "Member"("shop", "availablePoints", "pendingPoints");

-- CreateIndex
CREATE INDEX "OrderRecord_shop_paidAt_cancelledAt_memberId_customerId_net_idx" ON "OrderRecord"("shop", "paidAt", "cancelledAt", "memberId", "customerId", "netSalesMinor");

-- CreateIndex
CREATE INDEX "Redemption_shop_status_finishedAt_orderId_idx" ON "Redemption"("shop", "status", "finishedAt", "orderId");

