-- Points and money amounts that the rules allow beyond 2^31 (app/rules/points-limits.ts) as 64-bit integers.
-- ALTER TABLE fires no row triggers, so PointsAdjustment's append-only triggers stay as they are.
-- AlterTable
ALTER TABLE "Member" ALTER COLUMN "availablePoints" SET DATA TYPE BIGINT,
ALTER COLUMN "pendingPoints" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "LedgerEntry" ALTER COLUMN "availableDelta" SET DATA TYPE BIGINT,
ALTER COLUMN "pendingDelta" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "OrderRecord" ALTER COLUMN "totalPoints" SET DATA TYPE BIGINT,
ALTER COLUMN "netSalesMinor" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "Redemption" ALTER COLUMN "points" SET DATA TYPE BIGINT,
ALTER COLUMN "valueMinor" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "PointsAdjustment" ALTER COLUMN "points" SET DATA TYPE BIGINT,
ALTER COLUMN "availableBefore" SET DATA TYPE BIGINT,
ALTER COLUMN "availableAfter" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "ImportJob" ALTER COLUMN "importedPoints" SET DATA TYPE BIGINT;

