// Why a webhook delivery could not be applied, as a stable code the admin explains in words (admin.attention.error.*
// in every language). The full error stays in WebhookDelivery.lastError for whoever looks deeper.
import { isDataException } from "../db/errors";
import { PointsLimitError } from "../rules/points-limits";
import { PayloadError } from "./payload-error";

export const DELIVERY_ERROR_CODES = [
  /** Applying it would take a balance beyond the most a balance may hold. */
  "points_limit",
  /** The stored body no longer passes the checks it passed when it arrived (the rules changed since). */
  "payload_invalid",
  /** The database refused one of its values. */
  "value_not_storable",
  /** A topic this version of the app has no handler for. */
  "unknown_topic",
  /** Anything else: a database or network failure, or a bug; lastError has the details. */
  "unexpected",
] as const;

export type DeliveryErrorCode = (typeof DELIVERY_ERROR_CODES)[number];

export class UnknownTopicError extends Error {
  constructor(topic: string) {
    super(`no handler for webhook topic ${topic}`);
    this.name = "UnknownTopicError";
  }
}

export function deliveryErrorCode(error: unknown): DeliveryErrorCode {
  if (error instanceof PointsLimitError) return "points_limit";
  if (error instanceof PayloadError) return "payload_invalid";
  if (error instanceof UnknownTopicError) return "unknown_topic";
  if (isDataException(error)) return "value_not_storable";
  return "unexpected";
}

export function isDeliveryErrorCode(value: unknown): value is DeliveryErrorCode {
  return typeof value === "string" && (DELIVERY_ERROR_CODES as readonly string[]).includes(value);
}
