// Shopify global IDs ("gid://shopify/Customer/123"). Seeds may give a numeric id or a GID; the stand-in always stores
// and returns GIDs, as the Admin API does.

const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/;

export function toGid(type: string, id: number | string): string {
  if (typeof id === "string" && id.startsWith("gid://")) {
    const parsed = parseGid(id);
    if (!parsed || parsed.type !== type) throw new Error(`${id} is not a ${type} GID`);
    return id;
  }
  const text = String(id);
  if (!/^\d+$/.test(text)) throw new Error(`${text} is not a numeric ${type} id`);
  return `gid://shopify/${type}/${text}`;
}

export function parseGid(gid: string): { type: string; id: string } | null {
  const match = GID.exec(gid);
  return match ? { type: match[1]!, id: match[2]! } : null;
}

/** The numeric part Shopify exposes as `legacyResourceId` (an UnsignedInt64, serialized as a string). */
export function legacyId(gid: string): string {
  return parseGid(gid)?.id ?? "0";
}

/** Sequential numeric ids per shop, starting high so they never collide with small hand-picked seed ids. */
export class IdSequence {
  private next = 1_000_000;
  take(): number {
    this.next += 1;
    return this.next;
  }
  /** Keep generated ids above an id a seed chose explicitly. */
  observe(id: number | string): void {
    const numeric = Number(typeof id === "string" ? (parseGid(id)?.id ?? id) : id);
    if (Number.isSafeInteger(numeric) && numeric >= this.next) this.next = numeric;
  }
}
