-- DropIndex
DROP INDEX "Redemption_shop_status_finishedAt_orderId_idx";

-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN     "orderNetSalesMinor" BIGINT;

-- CreateTable
CREATE TABLE "OrderDay" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "memberOrders" INTEGER NOT NULL,
    "memberWithAmount" INTEGER NOT NULL,
    "memberNetSalesMinor" BIGINT NOT NULL,
    "guestOrders" INTEGER NOT NULL,
    "guestWithAmount" INTEGER NOT NULL,
    "guestNetSalesMinor" BIGINT NOT NULL,

    CONSTRAINT "OrderDay_pkey" PRIMARY KEY ("shop","day")
);

-- CreateIndex
CREATE INDEX "Redemption_shop_status_finishedAt_orderId_orderNetSalesMino_idx" ON "Redemption"("shop", "status", "finishedAt", "orderId", "orderNetSalesMinor");


-- Redemptions already used take their order's net sales now, as markCodesUsed copies them from here on.
UPDATE "Redemption" SET "orderNetSalesMinor" = (
    SELECT o."netSalesMinor" FROM "OrderRecord" AS o WHERE o."shop" = "Redemption"."shop" AND o."orderId" = "Redemption"."orderId"
) WHERE "status" = 'used' AND "orderId" IS NOT NULL;
