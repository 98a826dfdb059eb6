-- AlterTable
ALTER TABLE "OrderRecord" ADD COLUMN "netSalesMinor" INTEGER;

-- CreateIndex
CREATE INDEX "Member_shop_createdAt_idx" ON "Member"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "OrderRecord_shop_paidAt_idx" ON "OrderRecord"("shop", "paidAt");

