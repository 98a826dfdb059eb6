-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "payload" TEXT,
ADD COLUMN     "processedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "WebhookDelivery_processedAt_nextAttemptAt_idx" ON "WebhookDelivery"("processedAt", "nextAttemptAt");


-- Rows from before the inbox were written only after their work was applied.
UPDATE "WebhookDelivery" SET "processedAt" = "receivedAt" WHERE "processedAt" IS NULL;
