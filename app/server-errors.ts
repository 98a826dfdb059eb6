// What the server logs about errors (entry.server.tsx's handleError). Logs are for whoever runs the app; no error
// detail ever goes into a response body (the servers run Remix in production mode, which sends none).
import { isRouteErrorResponse } from "@remix-run/react";
import { log } from "./log.server";

/**
 * Remix answers some requests itself with a 4xx — 404 for a URL no route matches (favicon.ico, scanners probing for
 * /wp-login.php), 405 for a method a route does not take — and by default logs each with a stack trace. Those are
 * the client's mistakes, already answered; logging them only buries the errors that matter.
 */
export function handleServerError(error: unknown, { request }: { request: Request }): void {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  log.error("request failed", { path: new URL(request.url).pathname, error });
}
