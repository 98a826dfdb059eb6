// Browsers ask every origin for /favicon.ico. The app's pages live inside Shopify admin, which shows its own icon,
// so there is none to serve: an empty answer the browser may keep for a day, rather than a 404 (which Remix would
// also log with a stack trace).
export function loader() {
  return new Response(null, { status: 204, headers: { "Cache-Control": "public, max-age=86400" } });
}
