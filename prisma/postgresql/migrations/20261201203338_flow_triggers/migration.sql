-- AlterTable
ALTER TABLE "NotificationOutbox" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'email';

-- CreateTable
CREATE TABLE "FlowSettings" (
    "shop" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowSettings_pkey" PRIMARY KEY ("shop")
);

