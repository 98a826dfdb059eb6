-- CreateTable
CREATE TABLE "ApiAllowedOrigin" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "origin" TEXT NOT NULL,

    CONSTRAINT "ApiAllowedOrigin_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiAllowedOrigin_origin_idx" ON "ApiAllowedOrigin"("origin");

-- CreateIndex
CREATE UNIQUE INDEX "ApiAllowedOrigin_shop_origin_key" ON "ApiAllowedOrigin"("shop", "origin");

