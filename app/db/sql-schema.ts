// The tables as Kysely sees them, derived from Prisma's generated model types, so prisma/schema.prisma stays the one
// source of truth: a column added, renamed or retyped there changes these types at the next `npm run db:generate`,
// and the hot paths' SQL stops compiling where it no longer fits.
//
// Two things Prisma's types do not say are spelled out here:
// - how values are stored: DateTime columns are written as instants (app/db/dialect.ts) and read back as a Date
//   (PostgreSQL) or the same text (SQLite); Booleans read back as 0/1 on SQLite; BigInt columns (points and money
//   amounts, app/rules/points-limits.ts) are JS numbers both ways, since both drivers read them as numbers here
//   (app/db/postgres-pool.ts parses int8, refusing anything beyond 2^53; better-sqlite3 without safe integers);
// - which columns the database fills in on insert: autoincrement ids and literal @default()s. `@default(now())`
//   and `@updatedAt` are filled in by Prisma's client, not the database, so inserts here must give them.
import type { ColumnType } from "kysely";
import type * as Models from "../generated/prisma/sqlite/client";
import type { Instant, StoredInstant } from "./dialect";

type Stored<T> = [T] extends [bigint]
  ? number
  : [T] extends [bigint | null]
    ? ColumnType<number | null, number | null | undefined, number | null>
    : [T] extends [Date]
  ? ColumnType<StoredInstant, Instant, Instant>
  : [T] extends [Date | null]
    ? ColumnType<StoredInstant | null, Instant | null | undefined, Instant | null>
    : [T] extends [boolean]
      ? ColumnType<boolean | number, boolean, boolean>
      : [T] extends [boolean | null]
        ? ColumnType<boolean | number | null, boolean | null | undefined, boolean | null>
        : null extends T
          ? ColumnType<T, T | undefined, T>
          : T;

/** A column the database fills in when an insert leaves it out. */
type Defaulted<C> = C extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<C, C | undefined, C>;

type Table<Model, DefaultedColumn extends keyof Model = never> = {
  [K in keyof Model]: K extends DefaultedColumn ? Defaulted<Stored<Model[K]>> : Stored<Model[K]>;
};

export interface SqlSchema {
  Session: Table<Models.Session, "isOnline" | "accountOwner" | "collaborator" | "emailVerified">;
  Shop: Table<Models.Shop, "currency">;
  WebhookDelivery: Table<Models.WebhookDelivery, "attempts">;
  ProgramSettings: Table<
    Models.ProgramSettings,
    "pointsPerUnit" | "includeShipping" | "includeTaxes" | "excludedProductIds" | "pendingDays" | "signupBonus" | "returnRewardPointsOnRefund"
    | "firstOrderBonus" | "orderThresholdMinor" | "orderThresholdBonus" | "campaigns" | "excludedCollectionIds" | "excludedProductTags" | "productFacts"
  >;
  Member: Table<Models.Member, "id" | "availablePoints" | "pendingPoints" | "holdOut">;
  LedgerEntry: Table<Models.LedgerEntry, "id">;
  OrderRecord: Table<Models.OrderRecord, "reversed">;
  OrderDay: Table<Models.OrderDay>;
  HeldOrderEvent: Table<Models.HeldOrderEvent>;
  Reward: Table<
    Models.Reward,
    | "id"
    | "validityDays"
    | "combinesWithProductDiscounts"
    | "combinesWithOrderDiscounts"
    | "combinesWithShippingDiscounts"
    | "enabled"
    | "sortOrder"
  >;
  Redemption: Table<Models.Redemption, "id">;
  PointsAdjustment: Table<Models.PointsAdjustment, "id" | "overdrawConfirmed">;
  SupportAction: Table<Models.SupportAction, "id">;
  ImportJob: Table<
    Models.ImportJob,
    "id" | "processedRows" | "importedRows" | "duplicateRows" | "zeroRows" | "errorRows" | "importedPoints" | "attempts"
  >;
  ImportRowError: Table<Models.ImportRowError, "id">;
  TierProgram: Table<Models.TierProgram, "graceDays" | "version">;
  Tier: Table<Models.Tier, "id" | "multiplierPercent" | "entryRewardPoints" | "freeShipping" | "birthdayMultiplierPercent">;
  MemberTier: Table<Models.MemberTier, "version">;
  TierActivity: Table<Models.TierActivity, "id">;
  TierChange: Table<Models.TierChange, "id">;
  TierJob: Table<Models.TierJob, "id" | "processedMembers" | "movedUp" | "movingDown" | "lastMemberId" | "attempts">;
  WebhookRetry: Table<Models.WebhookRetry, "id">;
  RedactedCustomer: Table<Models.RedactedCustomer>;
  EarningAction: Table<
    Models.EarningAction,
    "enabled" | "points" | "limitType" | "limitCount" | "names" | "photoBonus" | "leadDays"
  >;
  ApiKey: Table<Models.ApiKey, "id">;
  ApiAllowedOrigin: Table<Models.ApiAllowedOrigin, "id">;
  ActionRequest: Table<Models.ActionRequest>;
  // ---- referrals ----
  ReferralSettings: Table<
    Models.ReferralSettings,
    "enabled" | "advocatePoints" | "friendRewardType" | "friendRewardValue" | "minSubtotalMinor" | "monthlyCapPerAdvocate" | "linkLifetimeDays" | "pendingDays"
  >;
  ReferralCode: Table<Models.ReferralCode>;
  ReferralClaim: Table<Models.ReferralClaim, "id" | "status">;
  Referral: Table<Models.Referral, "id" | "subtotalMinor" | "reasons">;
  ReferralFingerprint: Table<Models.ReferralFingerprint>;
  Campaign: Table<Models.Campaign, "id" | "names" | "multiplierPercent" | "bonusPoints" | "productIds" | "collectionIds" | "productTags" | "tierIds">;
  CustomerMirror: Table<Models.CustomerMirror, "enabled" | "tierTags" | "syncedCount">;
  OrderHistoryImport: Table<Models.OrderHistoryImport, "id" | "awardPoints" | "ordersSeen" | "ordersImported" | "pointsAwarded" | "attempts">;
  // ---- analytics ----
  CustomerStats: Table<Models.CustomerStats, "holdOut" | "orders" | "revenueMinor">;
  AnalyticsSettings: Table<Models.AnalyticsSettings, "holdOutPercent" | "segments">;
  AnalyticsDay: Table<Models.AnalyticsDay>;
  SegmentSnapshot: Table<Models.SegmentSnapshot>;
  // ---- notifications ----
  NotificationSettings: Table<Models.NotificationSettings, "brandColor" | "locale" | "dailyLimit" | "events">;
  FlowSettings: Table<Models.FlowSettings>;
  NotificationOutbox: Table<Models.NotificationOutbox, "id" | "status" | "attempts" | "channel">;
  NotificationUnsubscribe: Table<Models.NotificationUnsubscribe>;
  // ---- expiry ----
  ExpirySettings: Table<Models.ExpirySettings, "policy" | "months">;
  ExpiredLot: Table<Models.ExpiredLot>;
  // ---- point of sale ----
  PosSettings: Table<Models.PosSettings, "staffUserIds" | "locationIds" | "allowEnrol">;
  PosActivity: Table<Models.PosActivity, "id">;
}
