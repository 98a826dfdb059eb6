// Runs a resource route (proxy, API, webhook) the way Remix answers it: a returned or thrown Response is the answer.
type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, unknown> };
export type ResourceRoute = (args: RouteArgs) => Promise<Response>;

export async function routeResponse(route: ResourceRoute, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    return await route({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The route's answer with its JSON body read; an empty body (a CORS preflight's 204) reads as null. Takes any route
 * function: Remix's loader and action argument types are wider than what routeResponse passes.
 */
export async function jsonRouteResponse(route: (args: never) => Promise<Response>, request: Request, params: Record<string, string> = {}) {
  const response = await routeResponse(route as ResourceRoute, request, params);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as Json };
}

/** RequestInit for a POST of `body` as JSON. */
export const jsonPost = (body: unknown): RequestInit => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
