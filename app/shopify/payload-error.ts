/** A webhook or API payload that does not have the shape Shopify documents; answered with 400. */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PayloadError";
  }
}
