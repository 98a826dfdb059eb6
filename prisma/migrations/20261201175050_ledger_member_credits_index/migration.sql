-- CreateIndex
CREATE INDEX "LedgerEntry_memberId_sourceType_kind_idx" ON "LedgerEntry"("memberId", "sourceType", "kind");

