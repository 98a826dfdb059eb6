// The sender job: sends what the outbox holds (app/persistence/notification-outbox.ts says how exactly once is kept).
// Runs on every instance on a timer; any number of workers may run at once, each message is leased to one of them.
//
// Per message, at send time: the member's email and first name (so a redacted member gets nothing), whether they
// unsubscribed, whether the shop still has the event on, the shop's branding and language. Emails carry a signed
// one-click unsubscribe link, also as List-Unsubscribe / List-Unsubscribe-Post headers (RFC 8058).
//
// Rows of the "flow" channel are Shopify Flow triggers, not emails: at send time the shop must still have Flow on
// and the member must still exist (a redacted one gets nothing); the payload is the stored values plus the customer
// and their balance now, posted with flowTriggerReceive. No mail transport, unsubscribe or email setting applies.
import type { SqlDb } from "../db.server";
import { messagesFor, resolveLocale, type Locale } from "../i18n";
import { log } from "../log.server";
import {
  claimNotification,
  dueNotifications,
  flowEnabled,
  isUnsubscribed,
  markFailedAttempt,
  markHeld,
  markSent,
  markSkipped,
  type ClaimedNotification,
} from "../persistence/notification-outbox";
import { isNotificationKind, readEventSettings, renderEmail, type NotificationKind, type NotificationPayload, type RenderedEmail } from "../rules/notifications";
import { unsubscribeUrl } from "../rules/unsubscribe-token";
import { FLOW_TRIGGERS, flowPayload, isFlowTriggerKind, type FlowEventValues } from "../rules/flow-triggers";
import type { FlowTriggerSender } from "../shopify/flow-trigger.server";
import { defaultFromAddress, type MailTransport, type OutgoingMail } from "./mail-transport.server";

export type SenderOptions = {
  transport: MailTransport | null;
  appUrl: string;
  secret: string;
  now?: () => Date;
  batchSize?: number;
  leaseMs?: number;
  /** flowTriggerReceive for a shop (its offline session); null: none. Without it, Flow rows wait for a sender. */
  flow?: (shop: string) => Promise<FlowTriggerSender | null>;
};

/** Longer than a send can take (the SMTP transport's timeouts add up to 40 s). */
const LEASE_MS = 2 * 60_000;

type ShopContext = {
  settings: { fromAddress: string | null; brandName: string | null; brandColor: string; locale: string; events: string } | undefined;
  currency: string;
};

async function shopContext(db: SqlDb, shop: string): Promise<ShopContext> {
  const row = await db
    .selectFrom("Shop")
    .rightJoin("NotificationSettings", "NotificationSettings.shop", "Shop.domain")
    .select(["Shop.currency", "NotificationSettings.fromAddress", "NotificationSettings.brandName", "NotificationSettings.brandColor", "NotificationSettings.locale", "NotificationSettings.events"])
    .where("NotificationSettings.shop", "=", shop)
    .executeTakeFirst();
  if (!row) return { settings: undefined, currency: "USD" };
  return { settings: row, currency: row.currency ?? "USD" };
}

/** Renders one message of `kind` for a member as the shop has it set up (used by the sender, preview and test). */
export function renderForShop(
  context: ShopContext,
  shop: string,
  kind: NotificationKind,
  payload: NotificationPayload,
  member: { firstName: string | null; balance: number; locale?: string | null },
  unsubscribe: string,
  eventsOverride?: string,
): { email: RenderedEmail; locale: Locale } {
  const events = readEventSettings(eventsOverride ?? context.settings?.events);
  // The event's language, else the member's own (their last order's), else the shop's.
  const locale = resolveLocale(payload.locale ?? member.locale ?? context.settings?.locale);
  const email = renderEmail({
    kind,
    payload,
    locale,
    messages: messagesFor(locale, "notify."),
    settings: events[kind],
    shopName: context.settings?.brandName || shop.replace(/\.myshopify\.com$/, ""),
    brandColor: context.settings?.brandColor ?? "#2c6ecb",
    currency: context.currency,
    firstName: member.firstName,
    balance: member.balance,
    unsubscribeUrl: unsubscribe,
  });
  return { email, locale };
}

export function mailHeaders(unsubscribe: string): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

async function sendFlow(db: SqlDb, claimed: ClaimedNotification, options: SenderOptions, now: Date): Promise<"sent" | "held" | "skipped" | "retry"> {
  const kind = claimed.kind;
  if (!isFlowTriggerKind(kind) || !(await flowEnabled(db, claimed.shop))) {
    await markSkipped(db, claimed, "flow_off", now);
    return "skipped";
  }
  const member = await db
    .selectFrom("Member")
    .select(["customerId", "availablePoints", "redactedAt"])
    .where("shop", "=", claimed.shop)
    .where("id", "=", claimed.memberId)
    .executeTakeFirst();
  const payload = member && member.redactedAt === null ? flowPayload(kind, member.customerId, JSON.parse(claimed.payload) as FlowEventValues, Number(member.availablePoints)) : null;
  if (!payload) {
    await markSkipped(db, claimed, member && member.redactedAt === null ? "invalid_payload" : "no_member", now);
    return "skipped";
  }
  const send = options.flow ? await options.flow(claimed.shop) : null;
  if (!send) {
    await markHeld(db, claimed, now, "no_flow_sender");
    return "held";
  }
  const outcome = await send(FLOW_TRIGGERS[kind].handle, payload);
  if (!outcome.ok) {
    await markFailedAttempt(db, claimed, outcome.reason, now);
    return "retry";
  }
  if (!(await markSent(db, claimed, options.now?.() ?? new Date()))) {
    log.warn("flow trigger sent after its lease was taken over", { shop: claimed.shop, job: "notification-sender" });
  }
  return "sent";
}

async function sendOne(db: SqlDb, claimed: ClaimedNotification, options: SenderOptions, now: Date): Promise<"sent" | "held" | "skipped" | "retry"> {
  if (claimed.channel === "flow") return sendFlow(db, claimed, options, now);
  if (!options.transport) {
    await markHeld(db, claimed, now);
    return "held";
  }
  const kind = claimed.kind;
  const context = await shopContext(db, claimed.shop);
  if (!isNotificationKind(kind) || !context.settings) {
    await markSkipped(db, claimed, "disabled", now);
    return "skipped";
  }
  if (!readEventSettings(context.settings.events)[kind].enabled) {
    await markSkipped(db, claimed, "disabled", now);
    return "skipped";
  }
  const member = await db
    .selectFrom("Member")
    .select(["email", "firstName", "availablePoints", "redactedAt", "locale"])
    .where("shop", "=", claimed.shop)
    .where("id", "=", claimed.memberId)
    .executeTakeFirst();
  if (!member || member.redactedAt !== null || !member.email) {
    await markSkipped(db, claimed, "no_email", now);
    return "skipped";
  }
  if (await isUnsubscribed(db, claimed.shop, claimed.memberId)) {
    await markSkipped(db, claimed, "unsubscribed", now);
    return "skipped";
  }
  const unsubscribe = unsubscribeUrl(options.appUrl, options.secret, claimed.shop, claimed.memberId);
  const payload = JSON.parse(claimed.payload) as NotificationPayload;
  const { email } = renderForShop(context, claimed.shop, kind, payload, { firstName: member.firstName, balance: Number(member.availablePoints), locale: member.locale }, unsubscribe);
  const mail: OutgoingMail = {
    from: context.settings.fromAddress || defaultFromAddress(),
    to: member.email,
    ...email,
    headers: mailHeaders(unsubscribe),
    // The business key, so the copies of a message sent twice (a crash between send and mark) are recognisable.
    messageId: `<${encodeURIComponent(claimed.businessKey)}.${claimed.id}@${claimed.shop}>`,
  };
  try {
    await options.transport.send(mail);
  } catch (error) {
    await markFailedAttempt(db, claimed, String(error instanceof Error ? error.message : error), now);
    return "retry";
  }
  if (!(await markSent(db, claimed, options.now?.() ?? new Date()))) {
    log.warn("notification sent after its lease was taken over", { shop: claimed.shop, job: "notification-sender" });
  }
  return "sent";
}

/** Sends everything due, batch after batch, until nothing due is left. Returns what happened to each message. */
export async function runNotificationSender(db: SqlDb, options: SenderOptions) {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 100;
  const totals = { sent: 0, held: 0, skipped: 0, retry: 0, notClaimed: 0 };
  const seen = new Set<number>();
  // One Flow sender per shop and run (opening one reads the shop's offline session).
  const senders = new Map<string, Promise<FlowTriggerSender | null>>();
  const flow = options.flow;
  const run: SenderOptions = flow
    ? {
        ...options,
        flow: (shop) => {
          if (!senders.has(shop)) senders.set(shop, flow(shop));
          return senders.get(shop)!;
        },
      }
    : options;
  for (;;) {
    const due = (await dueNotifications(db, now(), batchSize)).filter((row) => !seen.has(row.id));
    if (due.length === 0) return totals;
    for (const row of due) {
      seen.add(row.id);
      const claimed = await claimNotification(db, row, now(), options.leaseMs ?? LEASE_MS);
      // Null: another worker holds it, or the member's daily limit deferred it.
      if (!claimed) {
        totals.notClaimed += 1;
        continue;
      }
      totals[await sendOne(db, claimed, run, now())] += 1;
    }
  }
}
