-- CreateTable
CREATE TABLE "redeem_rate_limit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "redeem_rate_limit_pkey" PRIMARY KEY ("key")
);

