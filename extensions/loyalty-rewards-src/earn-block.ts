// The "Earn points" app block's script (assets/loyalty-earn.js), loaded only by the block (a deferred script tag in
// blocks/earn-points.liquid), never by other pages. It asks the shop's program (/apps/loyalty/program, cached 60 s),
// then says what the product — or the whole cart — earns, with the SAME earnForOrder the ledger uses (app/rules/
// earning.ts, bundled here by scripts/build-extension.ts: no second implementation). Running campaigns count, with the
// product's collections and tags given by Liquid (orders/paid lines carry only the product id). The member's tier and
// the first-order bonus are not known here, so they are left out: the text is "at least" what the order earns.
import { earnForOrder } from "../../app/rules/earning";
import { campaignsFromStorefront, type StorefrontCampaign } from "../../app/rules/campaigns";
import type { PaidOrder, PaidOrderLine } from "../../app/rules/order-events";
import { pluralKey } from "../../app/i18n/plural";

type BlockLine = { id: string; productId: string; quantity: number; price: number; collections: string[]; tags: string[] };
type Program = {
  currency: string;
  earning: { pointsPerUnit: number; includeShipping: boolean; includeTaxes: boolean; excludedProductIds?: string[]; orderThresholdMinor?: number; orderThresholdBonus?: number };
  campaigns?: StorefrontCampaign[];
};

const roots = document.querySelectorAll<HTMLElement>("[data-loyalty-earn]");
if (roots.length > 0) {
  fetch(`${roots[0]!.dataset.proxy}/program`, { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? (response.json() as Promise<Program>) : Promise.reject(new Error(String(response.status)))))
    .then((program) => roots.forEach((root) => show(root, program)))
    // The block stays empty (its Liquid text says nothing wrong): earning is unchanged whether or not it shows.
    .catch(() => undefined);
}

function show(root: HTMLElement, program: Program) {
  const lines = JSON.parse(root.querySelector("script[type='application/json']")?.textContent ?? "[]") as BlockLine[];
  if (lines.length === 0) return;
  const facts = new Map(lines.map((line) => [line.productId, { collectionIds: line.collections, tags: line.tags }]));
  const order: PaidOrder = {
    orderId: "estimate",
    customer: null,
    currency: program.currency,
    // Liquid's prices are what the shopper pays for the items; taxes are left out of the estimate.
    taxesIncluded: false,
    lines: lines.map((line): PaidOrderLine => ({ lineItemId: line.id, productId: line.productId, quantity: line.quantity, giftCard: false, grossAmount: line.price * line.quantity, discountAmount: 0, taxAmount: 0 })),
    shipping: { netAmount: 0, taxAmount: 0 },
    paidAt: new Date(),
    discountCodes: [],
  };
  const { earning } = program;
  const earned = earnForOrder(
    order,
    {
      pointsPerUnit: earning.pointsPerUnit,
      includeShipping: false,
      includeTaxes: earning.includeTaxes,
      excludedProductIds: earning.excludedProductIds ?? [],
      // The cart block shows the threshold bonus when the cart reaches it; a product on its own does not count it.
      ...(root.dataset.scope === "cart" ? { orderThresholdMinor: earning.orderThresholdMinor ?? 0, orderThresholdBonus: earning.orderThresholdBonus ?? 0 } : {}),
    },
    { campaigns: campaignsFromStorefront(program.campaigns ?? []), productFacts: (id) => facts.get(id), member: true },
  );
  if (earned.totalPoints <= 0) return;
  const locale = document.documentElement.lang || navigator.language;
  const count = earned.totalPoints;
  const key = pluralKey((k) => `${k}` in root.dataset, "points", count, new Intl.PluralRules(locale));
  const pointsText = (root.dataset[key] ?? root.dataset.points_other ?? "{count}").replace("{count}", new Intl.NumberFormat(locale).format(count));
  const text = root.querySelector<HTMLElement>("[data-earn-text]")!;
  text.textContent = (root.dataset.template ?? "{points}").replace("{points}", pointsText);
  text.hidden = false;
}
