-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "errorCode" TEXT;

-- CreateTable
CREATE TABLE "WebhookRetry" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "errorCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookRetry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookRetry_shop_webhookId_idx" ON "WebhookRetry"("shop", "webhookId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shop_attempts_processedAt_idx" ON "WebhookDelivery"("shop", "attempts", "processedAt");

