-- CreateTable
CREATE TABLE "Reward" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "pointsCost" INTEGER NOT NULL,
    "amountMinor" INTEGER,
    "percentage" INTEGER,
    "variantId" TEXT,
    "minPoints" INTEGER,
    "maxPoints" INTEGER,
    "minimumSubtotalMinor" INTEGER,
    "validityDays" INTEGER NOT NULL DEFAULT 30,
    "combinesWithProductDiscounts" BOOLEAN NOT NULL DEFAULT false,
    "combinesWithOrderDiscounts" BOOLEAN NOT NULL DEFAULT false,
    "combinesWithShippingDiscounts" BOOLEAN NOT NULL DEFAULT true,
    "codePrefix" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "rewardId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "reward" TEXT NOT NULL,
    "valueMinor" INTEGER,
    "currency" TEXT NOT NULL,
    "code" TEXT,
    "shopifyDiscountId" TEXT,
    "shopifyCreditId" TEXT,
    "expiresAt" TIMESTAMP(3),
    "orderId" TEXT,
    "failureReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Redemption_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Reward_shop_sortOrder_idx" ON "Reward"("shop", "sortOrder");

-- CreateIndex
CREATE INDEX "Redemption_memberId_id_idx" ON "Redemption"("memberId", "id");

-- CreateIndex
CREATE INDEX "Redemption_status_createdAt_idx" ON "Redemption"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Redemption_status_expiresAt_idx" ON "Redemption"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shop_code_key" ON "Redemption"("shop", "code");

