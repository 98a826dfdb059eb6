-- CreateTable
CREATE TABLE "NotificationSettings" (
    "shop" TEXT NOT NULL,
    "fromAddress" TEXT,
    "testAddress" TEXT,
    "brandName" TEXT,
    "brandColor" TEXT NOT NULL DEFAULT '#2c6ecb',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "dailyLimit" INTEGER NOT NULL DEFAULT 3,
    "events" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "NotificationOutbox" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "businessKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationUnsubscribe" (
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationUnsubscribe_pkey" PRIMARY KEY ("shop","memberId")
);

-- CreateIndex
CREATE INDEX "NotificationOutbox_status_nextAttemptAt_idx" ON "NotificationOutbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NotificationOutbox_shop_memberId_sentAt_idx" ON "NotificationOutbox"("shop", "memberId", "sentAt");

-- CreateIndex
CREATE INDEX "NotificationOutbox_shop_id_idx" ON "NotificationOutbox"("shop", "id");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationOutbox_shop_businessKey_key" ON "NotificationOutbox"("shop", "businessKey");

