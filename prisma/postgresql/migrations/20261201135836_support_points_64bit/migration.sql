-- AlterTable
ALTER TABLE "SupportAction" ALTER COLUMN "points" SET DATA TYPE BIGINT;

