// A shop's campaigns as stored (Campaign rows), and the copy of them the orders/paid context reads
// (ProgramSettings.campaigns, see campaignCache in app/rules/campaigns.ts). Every write rewrites that copy in the same
// transaction, so the webhook never reads a campaign the admin has changed or deleted, and never needs a query of its own.
import type { SqlDb } from "../db.server";
import { instant, readInstant, type StoredInstant } from "../db/dialect";
import { campaignCache, readCampaignCache, validateCampaign, type Campaign, type CampaignIssue } from "../rules/campaigns";

type StoredCampaign = {
  id: number;
  names: string;
  multiplierPercent: number;
  bonusPoints: number;
  startsAt: StoredInstant;
  endsAt: StoredInstant;
  productIds: string;
  collectionIds: string;
  productTags: string;
  tierIds: string;
  channel: string;
};

const COLUMNS = ["id", "names", "multiplierPercent", "bonusPoints", "startsAt", "endsAt", "productIds", "collectionIds", "productTags", "tierIds", "channel"] as const;

function fromRow(row: StoredCampaign): Campaign {
  const list = (text: string) => JSON.parse(text) as string[];
  return {
    id: row.id,
    names: JSON.parse(row.names) as Campaign["names"],
    multiplierPercent: row.multiplierPercent,
    bonusPoints: row.bonusPoints,
    startsAt: readInstant(row.startsAt),
    endsAt: readInstant(row.endsAt),
    scope: {
      productIds: list(row.productIds),
      collectionIds: list(row.collectionIds),
      productTags: list(row.productTags),
      tierIds: list(row.tierIds),
      // "all" (the column's default) is no channel at all.
      ...(row.channel === "pos" || row.channel === "online" ? { channel: row.channel } : {}),
    },
  };
}

/** Every campaign of the shop, the latest start first. */
export async function listCampaigns(db: SqlDb, shop: string): Promise<Campaign[]> {
  const rows = await db.selectFrom("Campaign").select(COLUMNS).where("shop", "=", shop).orderBy("startsAt", "desc").orderBy("id", "desc").execute();
  return rows.map(fromRow);
}

export async function getCampaign(db: SqlDb, shop: string, id: number): Promise<Campaign | null> {
  const row = await db.selectFrom("Campaign").select(COLUMNS).where("shop", "=", shop).where("id", "=", id).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** The campaigns orders/paid sees (the cached copy): what the admin's Home and the storefront show as running. */
export async function cachedCampaigns(db: SqlDb, shop: string): Promise<Campaign[]> {
  const row = await db.selectFrom("ProgramSettings").select("campaigns").where("shop", "=", shop).executeTakeFirst();
  return readCampaignCache(row?.campaigns);
}

export class CampaignValidationError extends Error {
  constructor(readonly issues: CampaignIssue[]) {
    super(`invalid campaign: ${issues.map((issue) => `${issue.field} ${issue.code}`).join(", ")}`);
  }
}

async function refreshCache(trx: SqlDb, shop: string, now: Date) {
  const rows = await trx
    .selectFrom("Campaign")
    .select(COLUMNS)
    .where("shop", "=", shop)
    .where("endsAt", ">", instant(new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000)))
    .execute();
  const campaigns = campaignCache(rows.map(fromRow), now);
  const at = instant(now);
  await trx
    .insertInto("ProgramSettings")
    .values({ shop, campaigns, updatedAt: at })
    .onConflict((conflict) => conflict.column("shop").doUpdateSet({ campaigns, updatedAt: at }))
    .execute();
}

function columns(campaign: Omit<Campaign, "id">, now: Date) {
  return {
    names: JSON.stringify(campaign.names),
    multiplierPercent: campaign.multiplierPercent,
    bonusPoints: campaign.bonusPoints,
    startsAt: instant(campaign.startsAt),
    endsAt: instant(campaign.endsAt),
    productIds: JSON.stringify(campaign.scope.productIds),
    collectionIds: JSON.stringify(campaign.scope.collectionIds),
    productTags: JSON.stringify(campaign.scope.productTags),
    tierIds: JSON.stringify(campaign.scope.tierIds),
    channel: campaign.scope.channel ?? "all",
    updatedAt: instant(now),
  };
}

/** Creates a campaign (id null) or replaces one; refuses an invalid one with every problem and writes nothing. */
export async function saveCampaign(db: SqlDb, shop: string, id: number | null, campaign: Omit<Campaign, "id">, now = new Date()): Promise<number | null> {
  const issues = validateCampaign(campaign);
  if (issues.length > 0) throw new CampaignValidationError(issues);
  return db.transaction().execute(async (trx) => {
    let savedId: number | null;
    if (id === null) {
      const row = await trx
        .insertInto("Campaign")
        .values({ shop, ...columns(campaign, now), createdAt: instant(now) })
        .returning("id")
        .executeTakeFirstOrThrow();
      savedId = row.id;
    } else {
      const result = await trx.updateTable("Campaign").set(columns(campaign, now)).where("shop", "=", shop).where("id", "=", id).executeTakeFirst();
      savedId = Number(result.numUpdatedRows) > 0 ? id : null;
    }
    if (savedId !== null) await refreshCache(trx, shop, now);
    return savedId;
  });
}

export async function deleteCampaign(db: SqlDb, shop: string, id: number, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("Campaign").where("shop", "=", shop).where("id", "=", id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await refreshCache(trx, shop, now);
    return true;
  });
}
