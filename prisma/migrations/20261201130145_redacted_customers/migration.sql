-- CreateTable
CREATE TABLE "RedactedCustomer" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "redactedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "customerId")
);

