-- CreateTable
CREATE TABLE "NotificationSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "fromAddress" TEXT,
    "testAddress" TEXT,
    "brandName" TEXT,
    "brandColor" TEXT NOT NULL DEFAULT '#2c6ecb',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "dailyLimit" INTEGER NOT NULL DEFAULT 3,
    "events" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NotificationOutbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "businessKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NotificationUnsubscribe" (
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "memberId")
);

-- CreateIndex
CREATE INDEX "NotificationOutbox_status_nextAttemptAt_idx" ON "NotificationOutbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NotificationOutbox_shop_memberId_sentAt_idx" ON "NotificationOutbox"("shop", "memberId", "sentAt");

-- CreateIndex
CREATE INDEX "NotificationOutbox_shop_id_idx" ON "NotificationOutbox"("shop", "id");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationOutbox_shop_businessKey_key" ON "NotificationOutbox"("shop", "businessKey");

