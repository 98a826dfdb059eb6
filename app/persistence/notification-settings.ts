// A shop's notification settings (admin CRUD, Prisma). Turning emails off deletes the row, so the hot paths' context
// read finds none and enqueues nothing; the stored texts are kept in the form until then.
import type { Db as PrismaClient } from "../db.server";
import type { ParsedNotificationSettings, StoredNotificationSettings } from "../rules/notification-settings-form";

export async function getNotificationSettings(db: PrismaClient, shop: string): Promise<StoredNotificationSettings | null> {
  const row = await db.notificationSettings.findUnique({ where: { shop } });
  if (!row) return null;
  const { shop: _shop, updatedAt: _updatedAt, ...settings } = row;
  return settings;
}

export async function saveNotificationSettings(db: PrismaClient, shop: string, parsed: ParsedNotificationSettings) {
  if (!parsed.enabled) {
    await db.notificationSettings.deleteMany({ where: { shop } });
    return;
  }
  await db.notificationSettings.upsert({ where: { shop }, create: { shop, ...parsed.settings }, update: parsed.settings });
}

/** Shopify Flow on or off for the shop: a FlowSettings row while on (read by flowEnabled in notification-outbox.ts). */
export async function saveFlowEnabled(db: PrismaClient, shop: string, enabled: boolean, now = new Date()) {
  if (!enabled) {
    await db.flowSettings.deleteMany({ where: { shop } });
    return;
  }
  await db.flowSettings.upsert({ where: { shop }, create: { shop, updatedAt: now }, update: {} });
}
