// Money as integer minor units of a currency (cents, yen, fils). Shopify writes amounts as decimal strings;
// they are parsed digit by digit so no amount ever passes through a binary float.

/** A decimal amount that cannot be read exactly in its currency. */
export class MoneyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MoneyFormatError";
  }
}

const CURRENCY_CODE = /^[A-Z]{3}$/;
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
const exponents = new Map<string, number>();

/**
 * Digits after the decimal point in the currency's minor unit: JPY 0, USD 2, KWD 3. Taken from the runtime's
 * ISO 4217 data (ICU) rather than a hand-kept table; a well-formed code ICU does not know gets 2, ISO's default.
 */
export function currencyExponent(currency: string): number {
  const cached = exponents.get(currency);
  if (cached !== undefined) return cached;
  if (!CURRENCY_CODE.test(currency)) throw new MoneyFormatError(`"${currency}" is not an ISO 4217 currency code`);
  const { maximumFractionDigits: exponent } = new Intl.NumberFormat("en", { style: "currency", currency })
    .resolvedOptions();
  if (exponent === undefined) throw new MoneyFormatError(`no minor unit known for ${currency}`);
  exponents.set(currency, exponent);
  return exponent;
}

/**
 * "199.00" USD → 19900, "1500" JPY → 1500, "-5.5" USD → -550. Extra fraction digits are accepted only when
 * they are zeros ("10.000" USD), because anything else would need rounding this function must not invent.
 */
export function toMinorUnits(amount: string, currency: string): number {
  const exponent = currencyExponent(currency);
  const match = DECIMAL.exec(amount);
  if (!match) throw new MoneyFormatError(`"${amount}" is not a decimal amount`);
  const [, sign, whole = "", fraction = ""] = match;
  if (/[^0]/.test(fraction.slice(exponent))) {
    throw new MoneyFormatError(`"${amount}" has more decimal places than ${currency} allows (${exponent})`);
  }
  const digits = BigInt(whole + fraction.slice(0, exponent).padEnd(exponent, "0"));
  if (digits > BigInt(Number.MAX_SAFE_INTEGER)) throw new MoneyFormatError(`"${amount}" is too large`);
  const minor = Number(digits);
  // No negative zero: "-0.00" is plain 0.
  return sign && minor !== 0 ? -minor : minor;
}

/** 19900 USD → "199.00", 1500 JPY → "1500": the plain decimal form toMinorUnits reads back. */
export function formatMinorUnits(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new MoneyFormatError(`${minor} is not a whole number of minor units`);
  const exponent = currencyExponent(currency);
  const digits = Math.abs(minor).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${minor < 0 ? "-" : ""}${whole}${exponent > 0 ? `.${fraction}` : ""}`;
}
