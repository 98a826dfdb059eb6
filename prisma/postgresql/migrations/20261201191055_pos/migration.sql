-- CreateTable
CREATE TABLE "PosSettings" (
    "shop" TEXT NOT NULL,
    "staffUserIds" TEXT NOT NULL DEFAULT '[]',
    "locationIds" TEXT NOT NULL DEFAULT '[]',
    "allowEnrol" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PosSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "PosActivity" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "staffMemberId" TEXT,
    "locationId" TEXT,
    "redemptionId" INTEGER,
    "points" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PosActivity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PosActivity_shop_customerId_id_idx" ON "PosActivity"("shop", "customerId", "id");

