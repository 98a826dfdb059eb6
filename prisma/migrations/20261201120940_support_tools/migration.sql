-- AlterTable
ALTER TABLE "Reward" ADD COLUMN "archivedAt" DATETIME;

-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN "grantedBy" TEXT;

-- CreateTable
CREATE TABLE "SupportAction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "redemptionId" INTEGER NOT NULL,
    "points" BIGINT NOT NULL,
    "detail" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SupportAction_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProgramSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "pointsPerUnit" INTEGER NOT NULL DEFAULT 1,
    "includeShipping" BOOLEAN NOT NULL DEFAULT false,
    "includeTaxes" BOOLEAN NOT NULL DEFAULT false,
    "excludedProductIds" TEXT NOT NULL DEFAULT '[]',
    "pendingDays" INTEGER NOT NULL DEFAULT 14,
    "signupBonus" INTEGER NOT NULL DEFAULT 0,
    "returnRewardPointsOnRefund" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ProgramSettings" ("excludedProductIds", "includeShipping", "includeTaxes", "pendingDays", "pointsPerUnit", "shop", "signupBonus", "updatedAt") SELECT "excludedProductIds", "includeShipping", "includeTaxes", "pendingDays", "pointsPerUnit", "shop", "signupBonus", "updatedAt" FROM "ProgramSettings";
DROP TABLE "ProgramSettings";
ALTER TABLE "new_ProgramSettings" RENAME TO "ProgramSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SupportAction_memberId_id_idx" ON "SupportAction"("memberId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SupportAction_shop_idempotencyKey_key" ON "SupportAction"("shop", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Redemption_shop_orderId_idx" ON "Redemption"("shop", "orderId");


-- Written by hand (Prisma has no schema syntax for triggers): the support audit log is append-only, as
-- PointsAdjustment is. No row can be changed, and none deleted while its member exists.
CREATE TRIGGER "SupportAction_append_only_update" BEFORE UPDATE ON "SupportAction"
BEGIN
    SELECT RAISE(ABORT, 'SupportAction is append-only: rows cannot be changed');
END;

CREATE TRIGGER "SupportAction_append_only_delete" BEFORE DELETE ON "SupportAction"
WHEN EXISTS (SELECT 1 FROM "Member" WHERE "id" = OLD."memberId")
BEGIN
    SELECT RAISE(ABORT, 'SupportAction is append-only: rows are deleted only with their member');
END;
