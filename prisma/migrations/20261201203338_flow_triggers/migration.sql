-- Shopify Flow triggers. Hand-written (Prisma's SQLite diff would rebuild the outbox): a new table, and an ADD
-- COLUMN whose constant default makes every existing row an email message.
CREATE TABLE "FlowSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "updatedAt" DATETIME NOT NULL
);

ALTER TABLE "NotificationOutbox" ADD COLUMN "channel" TEXT NOT NULL DEFAULT 'email';
