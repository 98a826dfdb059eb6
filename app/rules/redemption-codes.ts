// Discount codes for redeemed rewards: unguessable and easy to read out or type.
//
// 10 characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L): about 8 × 10^14 codes, from the
// operating system's cryptographic generator, so a shopper cannot find another shopper's code by guessing
// (and Shopify only lets the named customer use it anyway).
import { randomInt } from "node:crypto";

export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 10;

export function generateRewardCode(prefix: string | null = null): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${prefix ?? ""}${code}`;
}
