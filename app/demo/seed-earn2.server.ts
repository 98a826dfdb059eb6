// Demo: the order bonuses and one running campaign (issue #14), so the Campaigns page, Home, the panel and orders/paid
// show them at once. Only on a demo database without campaigns / with the bonuses unset: a merchant's edits stay.
import { sqlDb } from "../db.server";
import { DEMO_SHOP } from "./demo-mode.server";
import { listCampaigns, saveCampaign } from "../persistence/campaigns";
import { getOrderBonuses, saveOrderBonuses } from "../persistence/program-settings";

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemoEarning(now = new Date()) {
  const bonuses = await getOrderBonuses(sqlDb, DEMO_SHOP);
  if (bonuses.firstOrderBonus === 0 && bonuses.orderThresholdBonus === 0) {
    // First order +50; spend $100.00, get 25 extra.
    await saveOrderBonuses(sqlDb, DEMO_SHOP, { firstOrderBonus: 50, orderThresholdMinor: 10_000, orderThresholdBonus: 25 }, now);
  }
  if ((await listCampaigns(sqlDb, DEMO_SHOP)).length > 0) return;
  // Running from yesterday for a week from the seed: "2× points until <day>" in the panel and on Home.
  await saveCampaign(sqlDb, DEMO_SHOP, null, {
    names: { en: "Double points week", pl: "Tydzień podwójnych punktów", ru: "Неделя двойных баллов", ro: "Săptămâna punctelor duble" },
    multiplierPercent: 200,
    bonusPoints: 0,
    startsAt: new Date(now.getTime() - DAY),
    endsAt: new Date(now.getTime() + 6 * DAY),
    scope: { productIds: [], collectionIds: [], productTags: [], tierIds: [] },
  }, now);
}
