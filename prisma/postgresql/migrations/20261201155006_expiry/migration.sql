-- CreateTable
CREATE TABLE "ExpirySettings" (
    "shop" TEXT NOT NULL,
    "policy" TEXT NOT NULL DEFAULT 'none',
    "months" INTEGER NOT NULL DEFAULT 12,
    "changedAt" TIMESTAMP(3) NOT NULL,
    "sweptAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExpirySettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "ExpiredLot" (
    "shop" TEXT NOT NULL,
    "expireKey" TEXT NOT NULL,
    "lotEntryId" INTEGER NOT NULL,
    "points" BIGINT NOT NULL,

    CONSTRAINT "ExpiredLot_pkey" PRIMARY KEY ("shop","expireKey","lotEntryId")
);

