-- CreateTable
CREATE TABLE "ReferralSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "advocatePoints" BIGINT NOT NULL DEFAULT 500,
    "friendRewardType" TEXT NOT NULL DEFAULT 'percentage',
    "friendRewardValue" INTEGER NOT NULL DEFAULT 10,
    "minSubtotalMinor" BIGINT NOT NULL DEFAULT 0,
    "monthlyCapPerAdvocate" INTEGER NOT NULL DEFAULT 10,
    "linkLifetimeDays" INTEGER NOT NULL DEFAULT 30,
    "pendingDays" INTEGER NOT NULL DEFAULT 14,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReferralCode" (
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "memberId")
);

-- CreateTable
CREATE TABLE "ReferralClaim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "advocateMemberId" INTEGER NOT NULL,
    "referralCode" TEXT NOT NULL,
    "welcomeCode" TEXT NOT NULL,
    "emailKey" TEXT,
    "customerId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'issuing',
    "shopifyDiscountId" TEXT,
    "failure" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "advocateMemberId" INTEGER NOT NULL,
    "referralCode" TEXT NOT NULL,
    "welcomeCode" TEXT,
    "friendCustomerId" TEXT,
    "friendEmailKey" TEXT,
    "friendKey" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "subtotalMinor" BIGINT NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reasons" TEXT NOT NULL DEFAULT '[]',
    "capMonth" TEXT NOT NULL,
    "rewardAt" DATETIME NOT NULL,
    "rewardPoints" BIGINT,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReferralFingerprint" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "emailKey" TEXT,
    "addressKey" TEXT,
    "browserIp" TEXT,
    "clientKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "orderId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReferralCode_shop_code_key" ON "ReferralCode"("shop", "code");

-- CreateIndex
CREATE INDEX "ReferralClaim_shop_emailKey_idx" ON "ReferralClaim"("shop", "emailKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReferralClaim_shop_welcomeCode_key" ON "ReferralClaim"("shop", "welcomeCode");

-- CreateIndex
CREATE INDEX "Referral_shop_advocateMemberId_capMonth_idx" ON "Referral"("shop", "advocateMemberId", "capMonth");

-- CreateIndex
CREATE INDEX "Referral_status_rewardAt_idx" ON "Referral"("status", "rewardAt");

-- CreateIndex
CREATE INDEX "Referral_shop_createdAt_idx" ON "Referral"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_shop_friendKey_key" ON "Referral"("shop", "friendKey");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_shop_orderId_key" ON "Referral"("shop", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_shop_friendCustomerId_key" ON "Referral"("shop", "friendCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_shop_friendEmailKey_key" ON "Referral"("shop", "friendEmailKey");

-- CreateIndex
CREATE INDEX "ReferralFingerprint_shop_memberId_idx" ON "ReferralFingerprint"("shop", "memberId");

