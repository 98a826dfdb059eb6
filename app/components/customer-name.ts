// How a member is named in admin: full name, else email, else their Shopify customer id.
type Translate = (key: string, values?: Record<string, string | number>) => string;

export function customerName(
  member: { firstName: string | null; lastName: string | null; email: string | null; customerId: string; redacted?: boolean },
  t: Translate,
): string {
  if (member.redacted) return t("admin.customers.redactedName", { id: member.customerId });
  const name = [member.firstName, member.lastName].filter(Boolean).join(" ").trim();
  return name || member.email || t("admin.customers.unnamed", { id: member.customerId });
}
