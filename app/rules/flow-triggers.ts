// The app's Shopify Flow triggers as plain values: each outbox event that starts a Flow workflow, the trigger
// extension's handle (extensions/flow-*/shopify.extension.toml) and the fields its toml declares, so the payload the
// sender posts with flowTriggerReceive carries exactly those keys. A customer_reference field is sent as
// `customer_id` (the customer's numeric id), every other field under its `key`.
//
// The tomls are the source Shopify reads; this list is what the app sends. They are kept in step by the Admin API
// stand-in (app/demo/admin-api), which reads the tomls' fields when it starts and refuses a payload that misses one,
// and by tests/unit/flow-triggers.test.ts, which compares the two.

export type FlowFieldType = "customer_reference" | "number_integer" | "single_line_text_field";
export type FlowField = { key: string; type: FlowFieldType };

export const FLOW_TRIGGER_KINDS = ["points_earned", "reward_redeemed", "tier_changed", "points_expiring", "referral_completed"] as const;
export type FlowTriggerKind = (typeof FLOW_TRIGGER_KINDS)[number];

const CUSTOMER: FlowField = { key: "customer_id", type: "customer_reference" };
const int = (key: string): FlowField => ({ key, type: "number_integer" });
const text = (key: string): FlowField => ({ key, type: "single_line_text_field" });

export const FLOW_TRIGGERS: Record<FlowTriggerKind, { handle: string; directory: string; fields: FlowField[] }> = {
  points_earned: { handle: "loyalty-points-earned", directory: "flow-points-earned", fields: [CUSTOMER, int("points"), int("balance")] },
  reward_redeemed: { handle: "loyalty-reward-redeemed", directory: "flow-reward-redeemed", fields: [CUSTOMER, text("reward"), int("points"), int("balance")] },
  tier_changed: { handle: "loyalty-tier-changed", directory: "flow-tier-changed", fields: [CUSTOMER, text("previous tier"), text("new tier"), text("direction")] },
  points_expiring: { handle: "loyalty-points-expiring", directory: "flow-points-expiring", fields: [CUSTOMER, int("points"), text("expiry date"), int("days left")] },
  referral_completed: { handle: "loyalty-referral-completed", directory: "flow-referral-completed", fields: [CUSTOMER, int("points"), int("balance")] },
};

export function isFlowTriggerKind(value: unknown): value is FlowTriggerKind {
  return typeof value === "string" && (FLOW_TRIGGER_KINDS as readonly string[]).includes(value);
}

/** What the causing transaction stores for a trigger (no personal data; the customer and balance are read when sent). */
export type FlowEventValues = Record<string, string | number>;

/**
 * The flowTriggerReceive payload: the customer, the stored values, and the balance at send time where the trigger
 * has one. Null when a declared field has no value (a row written by an older version), so nothing invalid is sent.
 */
export function flowPayload(kind: FlowTriggerKind, customerId: string, values: FlowEventValues, balance: number): Record<string, string | number> | null {
  const payload: Record<string, string | number> = {};
  for (const field of FLOW_TRIGGERS[kind].fields) {
    if (field.type === "customer_reference") {
      const id = Number(customerId.replace(/^gid:\/\/shopify\/Customer\//, ""));
      if (!Number.isSafeInteger(id) || id <= 0) return null;
      payload.customer_id = id;
    } else if (field.key === "balance") {
      payload.balance = balance;
    } else {
      const value = values[field.key];
      if (value === undefined) return null;
      payload[field.key] = value;
    }
  }
  return payload;
}

/** The fields of `fields` that `payload` lacks or holds with the wrong type (what Flow refuses), as messages. */
export function flowPayloadProblems(fields: readonly FlowField[], payload: unknown): string[] {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) return ["payload must be an object"];
  const record = payload as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of fields) {
    const key = field.type === "customer_reference" ? "customer_id" : field.key;
    const value = record[key];
    if (value === undefined || value === null) problems.push(`${key} is missing`);
    else if ((field.type === "number_integer" || field.type === "customer_reference") && !Number.isInteger(value)) problems.push(`${key} must be an integer`);
    else if (field.type === "single_line_text_field" && typeof value !== "string") problems.push(`${key} must be a string`);
  }
  return problems;
}

/**
 * A trigger extension's handle and fields from its shopify.extension.toml text. Reads only the subset of TOML these
 * files use (one `[[extensions]]`, `[[settings.fields]]` tables of `name = "string"` lines); anything else in a
 * fields table is an error, so a toml this reader cannot follow fails loudly rather than being half read.
 */
export function readTriggerToml(text: string): { handle: string; type: string; fields: FlowField[] } {
  let section = "";
  const extension: Record<string, string> = {};
  const fields: Array<Record<string, string>> = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const header = /^\[\[?([^\]]+)\]\]?$/.exec(line);
    if (header) {
      section = header[1]!;
      if (section === "settings.fields") fields.push({});
      continue;
    }
    const pair = /^([A-Za-z_]+)\s*=\s*(.+)$/.exec(line);
    if (!pair) throw new Error(`unreadable line in trigger toml: ${line}`);
    const value = /^"((?:[^"\\]|\\.)*)"$/.exec(pair[2]!)?.[1] ?? pair[2]!;
    if (section === "extensions") extension[pair[1]!] = value;
    else if (section === "settings.fields") fields[fields.length - 1]![pair[1]!] = value;
  }
  return {
    handle: extension.handle ?? "",
    type: extension.type ?? "",
    fields: fields.map((field) => {
      if (field.type === "customer_reference") return CUSTOMER;
      if (field.type !== "number_integer" && field.type !== "single_line_text_field") throw new Error(`unsupported field type ${field.type}`);
      if (!field.key) throw new Error("a trigger field without a key");
      return { key: field.key, type: field.type };
    }),
  };
}
