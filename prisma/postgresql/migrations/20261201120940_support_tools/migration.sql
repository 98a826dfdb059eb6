-- AlterTable
ALTER TABLE "ProgramSettings" ADD COLUMN     "returnRewardPointsOnRefund" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Reward" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN     "grantedBy" TEXT;

-- CreateTable
CREATE TABLE "SupportAction" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "redemptionId" INTEGER NOT NULL,
    "points" BIGINT NOT NULL,
    "detail" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupportAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SupportAction_memberId_id_idx" ON "SupportAction"("memberId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SupportAction_shop_idempotencyKey_key" ON "SupportAction"("shop", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Redemption_shop_orderId_idx" ON "Redemption"("shop", "orderId");

-- AddForeignKey
ALTER TABLE "SupportAction" ADD CONSTRAINT "SupportAction_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Written by hand (Prisma has no schema syntax for triggers): the support audit log is append-only, as
-- PointsAdjustment is. The function body is an E'' string with each semicolon written \x3B (the adapter splits a
-- migration at every semicolon).
CREATE FUNCTION "SupportAction_append_only"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = ''DELETE'' AND NOT EXISTS (SELECT 1 FROM "Member" WHERE "id" = OLD."memberId") THEN
        RETURN OLD\x3B
    END IF\x3B
    RAISE EXCEPTION ''SupportAction is append-only: rows cannot be changed, and are deleted only with their member''\x3B
END\x3B
';

CREATE TRIGGER "SupportAction_append_only" BEFORE UPDATE OR DELETE ON "SupportAction"
FOR EACH ROW EXECUTE FUNCTION "SupportAction_append_only"();
