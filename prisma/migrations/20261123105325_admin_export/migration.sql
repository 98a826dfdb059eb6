-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ImportJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "totalRows" INTEGER NOT NULL,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "importedRows" INTEGER NOT NULL DEFAULT 0,
    "duplicateRows" INTEGER NOT NULL DEFAULT 0,
    "zeroRows" INTEGER NOT NULL DEFAULT 0,
    "errorRows" INTEGER NOT NULL DEFAULT 0,
    "importedPoints" INTEGER NOT NULL DEFAULT 0,
    "csv" TEXT,
    "leaseUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);
INSERT INTO "new_ImportJob" ("attempts", "createdAt", "csv", "duplicateRows", "errorRows", "fileHash", "fileName", "finishedAt", "id", "importedPoints", "importedRows", "lastError", "leaseUntil", "processedRows", "shop", "staffUserId", "status", "totalRows") SELECT "attempts", "createdAt", "csv", "duplicateRows", "errorRows", "fileHash", "fileName", "finishedAt", "id", "importedPoints", "importedRows", "lastError", "leaseUntil", "processedRows", "shop", "staffUserId", "status", "totalRows" FROM "ImportJob";
DROP TABLE "ImportJob";
ALTER TABLE "new_ImportJob" RENAME TO "ImportJob";
CREATE INDEX "ImportJob_shop_id_idx" ON "ImportJob"("shop", "id");
CREATE INDEX "ImportJob_status_leaseUntil_idx" ON "ImportJob"("status", "leaseUntil");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "LedgerEntry_shop_id_idx" ON "LedgerEntry"("shop", "id");

