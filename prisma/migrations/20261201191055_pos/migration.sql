-- CreateTable
CREATE TABLE "PosSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "staffUserIds" TEXT NOT NULL DEFAULT '[]',
    "locationIds" TEXT NOT NULL DEFAULT '[]',
    "allowEnrol" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PosActivity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "staffMemberId" TEXT,
    "locationId" TEXT,
    "redemptionId" INTEGER,
    "points" BIGINT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PosActivity_shop_customerId_id_idx" ON "PosActivity"("shop", "customerId", "id");

