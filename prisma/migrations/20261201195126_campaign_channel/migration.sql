-- AlterTable (hand-written: an added column, not Prisma's rebuild of the table)
ALTER TABLE "Campaign" ADD COLUMN "channel" TEXT NOT NULL DEFAULT 'all';
