-- CreateTable
CREATE TABLE "RedactedCustomer" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "redactedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RedactedCustomer_pkey" PRIMARY KEY ("shop","customerId")
);

