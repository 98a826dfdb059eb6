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

/** The route's answer with its JSON body read. */
export async function jsonRouteResponse(route: ResourceRoute, request: Request, params: Record<string, string> = {}) {
  const response = await routeResponse(route, request, params);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}
