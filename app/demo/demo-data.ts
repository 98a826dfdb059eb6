// The demo shop's contents: what the Admin API stand-in knows about the shop, its customers and orders, and the
// program the demo database starts with.
import { REWARD_DEFAULTS, type RewardDefinition } from "../rules/rewards";
import type { TierForm } from "../rules/tiers";
import type { ActionDefinition } from "../rules/earning-actions";
import { DEMO_SHOP } from "./demo-mode.server";

export const DEMO_SHOP_INFO = {
  name: "Demo Loyalty Store",
  myshopifyDomain: DEMO_SHOP,
  currencyCode: "USD",
  email: "owner@demo-loyalty.example",
  ianaTimezone: "America/Los_Angeles",
};

/**
 * The demo's tiers, by money spent in a calendar year. With the demo orders as history (app/demo/seed.server.ts):
 * Ada (97.00) Silver, Ion (36.50) Member, Maria (349.00) Gold. No entry rewards, so the demo balances stay as seeded
 * (the storefront and admin browser tests read them), and Silver earns at 1× (a storefront test sends 7004 orders
 * worth 250.00 and counts their points).
 */
export const DEMO_TIERS: TierForm = {
  measure: "money_spent",
  period: "calendar_year",
  graceDays: "30",
  tiers: [
    { id: "", position: "1", names: { en: "Member", pl: "Klient", ru: "Участник", ro: "Membru" }, threshold: "0", multiplier: "1", entryReward: "0", freeShipping: false, birthdayMultiplier: "1" },
    { id: "", position: "2", names: { en: "Silver", pl: "Srebrny", ru: "Серебро", ro: "Argint" }, threshold: "40", multiplier: "1", entryReward: "0", freeShipping: false, birthdayMultiplier: "1.5" },
    { id: "", position: "3", names: { en: "Gold", pl: "Złoty", ru: "Золото", ro: "Aur" }, threshold: "300", multiplier: "1.5", entryReward: "0", freeShipping: true, birthdayMultiplier: "2" },
  ],
};

export type DemoCustomer = { id: number; firstName: string; lastName: string; email: string };

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  { id: 7001, firstName: "Ada", lastName: "Nowak", email: "ada.nowak@example.com" },
  { id: 7002, firstName: "Ion", lastName: "Popescu", email: "ion.popescu@example.com" },
  { id: 7003, firstName: "Maria", lastName: "Ivanova", email: "maria.ivanova@example.com" },
  { id: 7004, firstName: "Sam", lastName: "Taylor", email: "sam.taylor@example.com" },
  { id: 7005, firstName: "Lena", lastName: "Kowalska", email: "lena.kowalska@example.com" },
  // No points yet: for trying the ways to earn (birthday, social follows) from a clean start.
  { id: 7007, firstName: "Elena", lastName: "Rusu", email: "elena.rusu@example.com" },
  // 600 points for spending in the cart, checkout and customer account (app/demo/seed-checkout.server.ts).
  { id: 7009, firstName: "Noah", lastName: "Marin", email: "noah.marin@example.com" },
];

/** The customer the demo's support tools have something to act on for (app/demo/seed-support.server.ts). */
// Referrals (app/demo/seed-referrals.server.ts): the advocate and the two referred friends.
export const DEMO_ADVOCATE: DemoCustomer = { id: 7011, firstName: "Ana", lastName: "Popescu", email: "ana.popescu@gmail.com" };
export const DEMO_REFERRED_FRIENDS: DemoCustomer[] = [
  { id: 7013, firstName: "Mihai", lastName: "Ionescu", email: "mihai.ionescu@example.com" },
  { id: 7014, firstName: "Irina", lastName: "Popa", email: "irina.popa@example.com" },
];
/** The Impact page's seeded customers (app/demo/seed-analytics.server.ts): members 7020–7040, hold-out 7041–7060. */
export const DEMO_ANALYTICS_CUSTOMERS: DemoCustomer[] = Array.from({ length: 41 }, (_, index) => {
  const id = 7020 + index;
  return { id, firstName: id > 7040 ? "Hold-out" : "Member", lastName: `Shopper ${id}`, email: `shopper-${id}@example.com` };
});
/** Everyone who can sign in on the demo storefront (?customer=<id>). */
export const DEMO_STOREFRONT_SHOPPERS: DemoCustomer[] = [...DEMO_CUSTOMERS, DEMO_ADVOCATE, ...DEMO_REFERRED_FRIENDS];

export const DEMO_SUPPORT_CUSTOMER: DemoCustomer = { id: 7006, firstName: "Eva", lastName: "Horvat", email: "eva.horvat@example.com" };

export type DemoOrder = { id: number; customerId: number; name: string; lines: Array<{ id: number; title: string; productId: number; quantity: number; price: string }> };

export const DEMO_ORDERS: DemoOrder[] = [
  { id: 820001, customerId: 7001, name: "#1001", lines: [{ id: 1300001, title: "Coffee beans 1kg", productId: 632910392, quantity: 2, price: "24.50" }] },
  { id: 820002, customerId: 7002, name: "#1002", lines: [{ id: 1300002, title: "Ceramic mug", productId: 632910393, quantity: 1, price: "12.00" }, { id: 1300003, title: "Coffee beans 1kg", productId: 632910392, quantity: 1, price: "24.50" }] },
  { id: 820003, customerId: 7003, name: "#1003", lines: [{ id: 1300004, title: "Espresso machine", productId: 632910394, quantity: 1, price: "349.00" }] },
  { id: 820004, customerId: 7001, name: "#1004", lines: [{ id: 1300005, title: "Ceramic mug", productId: 632910393, quantity: 4, price: "12.00" }] },
];

const REWARD_BASE = {
  ...REWARD_DEFAULTS,
  amountMinor: null,
  percentage: null,
  variantId: null,
  minPoints: null,
  maxPoints: null,
} as const;

/** One reward of each type, as a merchant might set them up. */
export const DEMO_REWARDS: RewardDefinition[] = [
  { ...REWARD_BASE, type: "fixed_amount", title: "$5 off your order", pointsCost: 500, amountMinor: 500, sortOrder: 1 },
  { ...REWARD_BASE, type: "percentage", title: "10% off your order", pointsCost: 800, percentage: 10, minimumSubtotalMinor: 3000, sortOrder: 2 },
  { ...REWARD_BASE, type: "free_shipping", title: "Free shipping", pointsCost: 300, sortOrder: 3 },
  { ...REWARD_BASE, type: "free_product", title: "Free ceramic mug", pointsCost: 1000, variantId: "40100001", sortOrder: 4 },
  {
    ...REWARD_BASE,
    type: "variable_amount",
    title: "Points for money",
    pointsCost: 100,
    amountMinor: 100,
    minPoints: 200,
    maxPoints: 5000,
    sortOrder: 5,
  },
  { ...REWARD_BASE, type: "store_credit", title: "$10 store credit", pointsCost: 1000, amountMinor: 1000, sortOrder: 6 },
];

/** Every way to earn switched on in the demo shop, so the admin page and the storefront panel show each one. */
export const DEMO_ACTIONS: Array<Partial<ActionDefinition> & { key: string }> = [
  { key: "birthday", points: 200, leadDays: 30, names: { en: "Celebrate your birthday", pl: "Świętuj urodziny" } },
  { key: "anniversary", points: 100 },
  { key: "newsletter", points: 50 },
  { key: "social_instagram", points: 25, url: "https://www.instagram.com/" },
  { key: "social_facebook", points: 25, url: "https://www.facebook.com/" },
  { key: "social_tiktok", points: 25, url: "https://www.tiktok.com/" },
  { key: "social_x", points: 25, url: "https://x.com/" },
  { key: "social_youtube", points: 25, url: "https://www.youtube.com/" },
  { key: "social_custom", points: 10, url: "https://example.com/blog", names: { en: "Read our blog" } },
  { key: "product_review", points: 50, photoBonus: 25 },
  { key: "nps_survey", kind: "custom", points: 30, limit: { type: "per_period", count: 1, period: "month" }, names: { en: "Answer our survey" } },
];

/**
 * The demo catalog the App Bridge stand-in's resource picker offers (products of the demo orders; the mug's variant is
 * the free-product reward's). Collections for campaign scopes.
 */
export const DEMO_PRODUCTS = [
  { id: 632910392, title: "Coffee beans 1kg", variants: [{ id: 40100002, title: "Coffee beans 1kg" }] },
  { id: 632910393, title: "Ceramic mug", variants: [{ id: 40100001, title: "Ceramic mug" }] },
  { id: 632910394, title: "Espresso machine", variants: [{ id: 40100003, title: "Espresso machine" }] },
] as const;
export const DEMO_COLLECTIONS = [
  { id: 841564295, title: "Coffee" },
  { id: 841564296, title: "Kitchen" },
] as const;
