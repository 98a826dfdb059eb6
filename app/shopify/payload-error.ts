/** The longest PayloadError message; longer ones are cut (a message names a field and says what was wrong). */
export const MAX_PAYLOAD_MESSAGE_CHARS = 300;
/** How much of an offending value a message quotes. */
export const MAX_ECHOED_VALUE_CHARS = 100;

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** A webhook or API payload that does not have the shape Shopify documents; answered with 400. */
export class PayloadError extends Error {
  constructor(message: string) {
    // Messages go back to whoever sent the body: never as long as what they sent.
    super(cut(message, MAX_PAYLOAD_MESSAGE_CHARS));
    this.name = "PayloadError";
  }
}

/**
 * A value as JSON for an error message: at most `limit` characters (cut with "…"), "missing" for undefined.
 *
 * Written out only as far as the limit, so a 1 MB value costs what its first `limit` characters cost, and safe at any
 * depth: JSON.stringify recurses through the whole value and overflows the stack on 100,000 nested arrays, which
 * JSON.parse reads without trouble. Here every level of nesting writes at least one character, so the recursion
 * stops within `limit` levels.
 */
export function describeValue(value: unknown, limit = MAX_ECHOED_VALUE_CHARS): string {
  if (value === undefined) return "missing";
  let text = "";
  const full = () => text.length > limit;
  const write = (item: unknown): void => {
    if (full()) return;
    if (Array.isArray(item)) {
      text += "[";
      for (let i = 0; i < item.length && !full(); i += 1) {
        if (i > 0) text += ",";
        write(item[i]);
      }
      text += "]";
    } else if (typeof item === "object" && item !== null) {
      text += "{";
      let first = true;
      for (const key in item) {
        if (full()) break;
        if (!Object.prototype.hasOwnProperty.call(item, key)) continue;
        text += `${first ? "" : ","}${JSON.stringify(key.slice(0, limit + 1))}:`;
        first = false;
        write((item as Record<string, unknown>)[key]);
      }
      text += "}";
    } else if (typeof item === "string") {
      text += JSON.stringify(item.slice(0, limit + 1));
    } else {
      // Numbers, booleans and null as JSON writes them; anything else (never in parsed JSON) by name.
      text += JSON.stringify(item) ?? String(item);
    }
  };
  write(value);
  return cut(text, limit + 1);
}
