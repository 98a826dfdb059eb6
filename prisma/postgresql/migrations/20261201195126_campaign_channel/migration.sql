-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'all';

