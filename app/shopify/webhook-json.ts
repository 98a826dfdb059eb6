// Webhook bodies read losslessly. Shopify writes ids as JSON numbers, and some exceed 2^53 with no string form beside
// them (refunds/create `order_id` and line `product_id` in Shopify's own 2025 samples): JSON.parse would round them
// to another id. Here an integer literal beyond 2^53 becomes the string of its digits, exactly as written, which
// every id reader takes (order-payloads.ts numericId); a quantity or amount that large is then refused by its reader
// as not a number, instead of being read wrong. Everything else reads as JSON.parse reads it.
//
// Cost: a body with no run of 16 digits anywhere cannot hold an integer beyond 2^53 (2^53 has 16 digits), so it goes
// to JSON.parse, which is native and fast. So does a body whose 16-digit runs are strings or numbers below 2^53
// (Shopify's order samples carry a 16-digit card-like string): JSON.parse reads every literal at or beyond 2^53 as a
// number that is no longer a safe integer, so a walk over its result finds out whether anything was rounded. Only
// then is the body read again by lossless-json (a maintained parser, also used by Shopify's own API library, about
// ten times slower), which sees each number's text.
import { isInteger, parse } from "lossless-json";

const SIXTEEN_DIGITS = /\d{16}/;

function readNumber(text: string): unknown {
  const value = Number(text);
  return isInteger(text) && !Number.isSafeInteger(value) ? text : value;
}

/** The body as JSON; throws SyntaxError when it is not JSON. */
export function parseWebhookJson(text: string): unknown {
  if (!SIXTEEN_DIGITS.test(text)) return JSON.parse(text);
  const quick: unknown = JSON.parse(text);
  if (!holdsRoundedInteger(quick)) return quick;
  try {
    // A repeated key keeps its last value, as JSON.parse does (lossless-json would refuse it).
    return parse(text, null, { parseNumber: readNumber, onDuplicateKey: ({ newValue }) => newValue });
  } catch (error) {
    // lossless-json recurses per level of nesting and runs out of stack where JSON.parse does not. Such a body is
    // read by JSON.parse instead, so its fields are checked (and named) as any other's: an id in it beyond 2^53 is
    // then rounded, which its reader sees and refuses (order-payloads.ts numericId).
    if (error instanceof RangeError) return quick;
    throw error;
  }
}

/** Whether any number in a JSON.parse result is an integer beyond 2^53 (its literal may have been rounded). */
function holdsRoundedInteger(root: unknown): boolean {
  // A loop over a stack rather than recursion: a deeply nested body must not run out of stack here either.
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "number") {
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (value !== null && typeof value === "object") {
      for (const key in value) stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return false;
}
