// Who may act for the program at the point of sale: a pure rule over the shop's POS settings (PosSettings) and who
// is asking. Shopify decides who can open the app in POS at all (the app's permission in the staff member's role:
// without it POS gives the extension no session token); the merchant may narrow that to some Shopify users and some
// locations, and turn enrolment off. Empty lists mean "every staff member" / "every location".
//
// The user is the session token's `sub` (signed by Shopify); the location is what POS reports
// (session.currentSession.locationId) and is not in the token, so the location list keeps honest devices to the
// stores the merchant chose — it is not a boundary against someone holding a valid token of an allowed user.

export type PosAccess = { staffUserIds: string[]; locationIds: string[]; allowEnrol: boolean };
export const POS_ACCESS_DEFAULTS: PosAccess = { staffUserIds: [], locationIds: [], allowEnrol: true };

/** What is being done: reading a customer's points, redeeming/cancelling for them, or enrolling a new customer. */
export type PosAct = "read" | "redeem" | "enrol";
export type PosRefusal = "staff_not_allowed" | "location_not_allowed" | "location_required" | "enrol_disabled";

export function posRefusal(access: PosAccess, who: { staffUserId: string; locationId: string | null }, act: PosAct): PosRefusal | null {
  if (access.staffUserIds.length > 0 && !access.staffUserIds.includes(who.staffUserId)) return "staff_not_allowed";
  if (access.locationIds.length > 0) {
    if (who.locationId === null) return "location_required";
    if (!access.locationIds.includes(who.locationId)) return "location_not_allowed";
  }
  if (act === "enrol" && !access.allowEnrol) return "enrol_disabled";
  return null;
}

const ID = /^\d{1,20}$/;
const LOCATION_GID = /^gid:\/\/shopify\/Location\/(\d{1,20})$/;
const USER_GID = /^gid:\/\/shopify\/(?:User|StaffMember)\/(\d{1,20})$/;
export const MAX_POS_IDS = 200;

/** A numeric id as POS or the admin form gives it (a number, its text, or a gid of `kind`); null if it is not one. */
export function parsePosId(value: unknown, kind: "location" | "user"): string | null {
  const text = typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? String(value) : typeof value === "string" ? value.trim() : null;
  if (text === null) return null;
  if (ID.test(text)) return text.replace(/^0+(?=\d)/, "");
  return (kind === "location" ? LOCATION_GID : USER_GID).exec(text)?.[1] ?? null;
}

export type PosAccessFormErrors = Partial<Record<"staffUserIds" | "locationIds", string>>;

/** The admin form: ids separated by commas, spaces or new lines. Errors name the first entry that is not an id. */
export function parsePosAccessForm(form: { staffUserIds: string; locationIds: string; allowEnrol: boolean }): { ok: true; value: PosAccess } | { ok: false; errors: PosAccessFormErrors } {
  const errors: PosAccessFormErrors = {};
  const list = (field: "staffUserIds" | "locationIds", kind: "location" | "user") => {
    const entries = form[field].split(/[\s,]+/).filter(Boolean);
    const ids: string[] = [];
    for (const entry of entries) {
      const id = parsePosId(entry, kind);
      if (id === null) {
        errors[field] = entry;
        return [];
      }
      if (!ids.includes(id)) ids.push(id);
    }
    if (ids.length > MAX_POS_IDS) errors[field] = `>${MAX_POS_IDS}`;
    return ids;
  };
  const staffUserIds = list("staffUserIds", "user");
  const locationIds = list("locationIds", "location");
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { staffUserIds, locationIds, allowEnrol: form.allowEnrol } };
}
