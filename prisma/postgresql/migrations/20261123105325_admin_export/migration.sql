-- AlterTable
ALTER TABLE "ImportJob" ADD COLUMN     "zeroRows" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "LedgerEntry_shop_id_idx" ON "LedgerEntry"("shop", "id");

