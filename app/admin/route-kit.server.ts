// What every admin route does before its own work: check the request comes from Shopify admin (a session token
// App Bridge signed), know the shop and the staff member, read the form, and answer "not found" or "bad input" in
// one way. A route's loader or action starts with `requireAdmin` or `requireStaff`.
import { data } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import type { FieldIssue, Refused } from "./issues";

export type { FieldIssue, Refused } from "./issues";

/** The shop this admin request is for and its Admin API client. Throws the library's answer (redirect, 401). */
export async function requireAdmin(request: Request) {
  const { admin, session, sessionToken } = await authenticate.admin(request);
  return { admin, shop: session.shop, staffUserId: sessionToken?.sub || null };
}

/**
 * Like `requireAdmin`, for work that records who did it (adjustments, imports): the staff member is the session
 * token's `sub`. A token without one (not a staff member's) is refused with 403 before anything is read.
 */
export async function requireStaff(request: Request) {
  const context = await requireAdmin(request);
  if (!context.staffUserId) throw forbidden("staff_unknown");
  return { ...context, staffUserId: context.staffUserId };
}

/**
 * The named text fields of a form post, each "" when absent. A file where text was expected also reads as "",
 * so a rule never sees "[object File]".
 */
export async function readForm<F extends string>(request: Request, fields: readonly F[]): Promise<Record<F, string>> {
  const form = await request.formData();
  return formValues(form, fields);
}

export function formValues<F extends string>(form: FormData, fields: readonly F[]): Record<F, string> {
  const values = {} as Record<F, string>;
  for (const field of fields) {
    const value = form.get(field);
    values[field] = typeof value === "string" ? value : "";
  }
  return values;
}

/** Thrown: the record does not exist in this shop (or the id is not one). The admin frame shows its 404 page. */
export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** 403 with `{error:{code}}`: the request is Shopify admin's, but not from someone who may do this. */
export function forbidden(code: string): Response {
  return Response.json({ error: { code } }, { status: 403 });
}

/** An action's answer when the input was refused: 400 (or `status`) with the issues, nothing written. */
export function badRequest<F extends string>(issues: FieldIssue<F>[], status = 400) {
  return data<Refused<F>>({ ok: false, issues }, { status });
}

/** A refusal with one issue (e.g. the file of an upload, the order of a list). */
export function refused<F extends string>(field: F, code: string, status = 400, values?: FieldIssue["values"]) {
  return badRequest<F>([{ field, code, ...(values ? { values } : {}) }], status);
}
