-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN "errorCode" TEXT;

-- CreateTable
CREATE TABLE "WebhookRetry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "errorCode" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "WebhookRetry_shop_webhookId_idx" ON "WebhookRetry"("shop", "webhookId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shop_attempts_processedAt_idx" ON "WebhookDelivery"("shop", "attempts", "processedAt");

