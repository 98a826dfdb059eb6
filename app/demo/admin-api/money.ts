// Exact decimal money for the stand-in. Amounts are held as integer micro-units (1e-6) so sums never drift, and are
// written the way Shopify's Admin API writes a Decimal: the shortest form with at least one fractional digit
// ("50.0", "12.5", "0.0").

const SCALE = 1_000_000n;
const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

export type Micros = bigint;

export function parseAmount(value: string | number): Micros {
  const text = typeof value === "number" ? String(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) throw new Error(`"${text}" is not a decimal amount`);
  const fraction = match[3] ?? "";
  if (fraction.length > 6) throw new Error(`"${text}" has more than 6 decimal places`);
  const micros = BigInt(match[2] || "0") * SCALE + BigInt((fraction + "000000").slice(0, 6));
  return match[1] === "-" ? -micros : micros;
}

export function isAmount(value: unknown): boolean {
  if (typeof value !== "string" && typeof value !== "number") return false;
  try {
    parseAmount(value);
    return true;
  } catch {
    return false;
  }
}

export function formatAmount(micros: Micros): string {
  const negative = micros < 0n;
  const absolute = negative ? -micros : micros;
  const whole = absolute / SCALE;
  let fraction = (absolute % SCALE).toString().padStart(6, "0").replace(/0+$/, "");
  if (fraction === "") fraction = "0";
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/** MoneyV2 as the API returns it. */
export function moneyV2(micros: Micros, currencyCode: string) {
  return { __typename: "MoneyV2", amount: formatAmount(micros), currencyCode };
}

/** MoneyBag: the stand-in has no multi-currency presentment, so shop and presentment money are the same. */
export function moneyBag(micros: Micros, currencyCode: string) {
  const money = moneyV2(micros, currencyCode);
  return { __typename: "MoneyBag", shopMoney: money, presentmentMoney: money };
}
