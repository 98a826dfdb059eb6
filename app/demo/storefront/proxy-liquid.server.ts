// What Shopify does with an app proxy answer of Content-Type application/liquid (the referral landing page,
// app/routes/proxy.r.$code.tsx): renders it as Liquid inside the shop's theme. The demo renders it with liquidjs and
// the two objects the page reads (`customer`, `request.locale`) in a plain page of its own.
import { Liquid } from "liquidjs";

const engine = new Liquid({ jsTruthy: false });

export function isLiquidAnswer(answer: Response): boolean {
  return (answer.headers.get("Content-Type") ?? "").startsWith("application/liquid");
}

export async function renderProxyLiquid(template: string, options: { customerId: string | null; locale: string }): Promise<Response> {
  const body = await engine.parseAndRender(template, {
    customer: options.customerId ? { id: Number(options.customerId) } : null,
    request: { locale: { iso_code: options.locale } },
  });
  const page = `<!doctype html><html lang="${options.locale.replace(/[^\w-]/g, "")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Welcome – Demo storefront</title></head><body><main>${body}</main></body></html>`;
  return new Response(page, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });
}
