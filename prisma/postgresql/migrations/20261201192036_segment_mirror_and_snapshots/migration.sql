-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "mirroredSegment" TEXT;

-- CreateTable
CREATE TABLE "SegmentSnapshot" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "vip" INTEGER NOT NULL,
    "new" INTEGER NOT NULL,
    "active" INTEGER NOT NULL,
    "atRisk" INTEGER NOT NULL,
    "lapsed" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SegmentSnapshot_pkey" PRIMARY KEY ("shop","day")
);

