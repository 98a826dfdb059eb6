import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireDemoMode } from "../demo-mode.server";
import { bundleModule, HARNESS_TARGETS, harnessPage, parseHarnessOptions } from "../extension-harness.server";

// /demo/extensions/:name?target=<target>&customer=<id|guest>&locale=<en|pl|ru|ro>&plus=0&subtotal=49.99&order=<id>:
// one UI extension in the harness (app/demo/extension-harness.server.ts: a stand-in of Shopify's extension API);
// /demo/extensions/:name/:file (Module.js) is the extension module's bundle.
export async function loader({ request, params }: LoaderFunctionArgs) {
  requireDemoMode();
  const targets = HARNESS_TARGETS[params.name ?? ""];
  if (!targets) return new Response(`Unknown extension: use one of ${Object.keys(HARNESS_TARGETS).join(", ")}`, { status: 404 });
  if (params.file) {
    const target = targets.find((t) => `${t.module}.js` === params.file);
    if (!target) return new Response("No such module", { status: 404 });
    return new Response(await bundleModule(target), { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const url = new URL(request.url);
  const wanted = url.searchParams.get("target");
  const target = wanted ? targets.find((t) => t.target === wanted) : targets[0];
  if (!target) return new Response(`Unknown target: use one of ${targets.map((t) => t.target).join(", ")}`, { status: 400 });
  const options = parseHarnessOptions(url);
  if (typeof options === "string") return new Response(options, { status: 400 });
  return new Response(harnessPage(target, options), { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
