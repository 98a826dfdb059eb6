import fs from "node:fs";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireDemoMode } from "../demo-mode.server";
import { EXTENSION_DIR } from "../storefront/liquid.server";

const TYPES: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

// /demo/storefront/assets/<file>: the extension's built assets as they are, standing in for Shopify's CDN.
// URLs carry a content hash (?v=), so they may be cached like the CDN's.
export async function loader({ params }: LoaderFunctionArgs) {
  requireDemoMode();
  const name = params.file ?? "";
  const type = TYPES[path.extname(name)];
  const file = path.join(EXTENSION_DIR, "assets", name);
  if (!/^[\w.-]+$/.test(name) || !type || !fs.existsSync(file)) throw new Response("Not Found", { status: 404 });
  return new Response(fs.readFileSync(file), { headers: { "Content-Type": type, "Cache-Control": "public, max-age=31536000, immutable" } });
}
