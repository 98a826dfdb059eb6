-- CreateTable
CREATE TABLE "ApiAllowedOrigin" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "origin" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "ApiAllowedOrigin_origin_idx" ON "ApiAllowedOrigin"("origin");

-- CreateIndex
CREATE UNIQUE INDEX "ApiAllowedOrigin_shop_origin_key" ON "ApiAllowedOrigin"("shop", "origin");

