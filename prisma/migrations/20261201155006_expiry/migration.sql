-- CreateTable
CREATE TABLE "ExpirySettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "policy" TEXT NOT NULL DEFAULT 'none',
    "months" INTEGER NOT NULL DEFAULT 12,
    "changedAt" DATETIME NOT NULL,
    "sweptAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ExpiredLot" (
    "shop" TEXT NOT NULL,
    "expireKey" TEXT NOT NULL,
    "lotEntryId" INTEGER NOT NULL,
    "points" BIGINT NOT NULL,

    PRIMARY KEY ("shop", "expireKey", "lotEntryId")
);

