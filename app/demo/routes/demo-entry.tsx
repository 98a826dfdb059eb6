import { useLoaderData } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DEMO_SHOP, requireDemoMode } from "../demo-mode.server";
import { DEMO_HEADLESS_API_KEY, DEMO_HEADLESS_CUSTOMER } from "../seed-headless.server";

// The demo's front door. Developer tooling, never shipped to merchants, so its texts are not translated.
export async function loader({ request }: LoaderFunctionArgs) {
  requireDemoMode();
  const origin = new URL(request.url).origin;
  return { shop: DEMO_SHOP, apiKey: process.env.SHOPIFY_API_KEY ?? "", headless: headlessExample(origin) };
}

/**
 * The headless API example, for the server this page is served from: the shop key reads the member, mints a token
 * for them, and the token reads the same member (tests/browser/demo-headless.test.ts runs it as shown).
 */
function headlessExample(origin: string) {
  const json = "node -pe 'JSON.parse(require(\"fs\").readFileSync(0, \"utf8\")).token'";
  return {
    key: DEMO_HEADLESS_API_KEY,
    script: [
      `KEY=${DEMO_HEADLESS_API_KEY}`,
      `# server to server: the shop key, for customer ${DEMO_HEADLESS_CUSTOMER}`,
      `curl -s ${origin}/api/v1/members/${DEMO_HEADLESS_CUSTOMER} -H "Authorization: Bearer $KEY"; echo`,
      `# the merchant's backend mints a 15-minute read-only token for that customer …`,
      `TOKEN=$(curl -s -X POST ${origin}/api/v1/customer-tokens -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -d '{"customerId":"${DEMO_HEADLESS_CUSTOMER}","scopes":["read"]}' | ${json})`,
      `# … and the app reads the member with the token alone`,
      `curl -s ${origin}/api/v1/customer/me -H "Authorization: Bearer $TOKEN"; echo`,
    ].join("\n"),
  };
}

const adminLanguages = [
  { locale: "en", label: "English" },
  { locale: "pl", label: "Polski" },
  { locale: "ru", label: "Русский" },
  { locale: "ro", label: "Română" },
];

export default function DemoEntry() {
  const { shop, apiKey, headless } = useLoaderData<typeof loader>();
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 720, margin: "2rem auto", lineHeight: 1.5 }}>
      <h1>Loyalty app — offline demo</h1>
      <p>
        This is the real app server running against a local stand-in for Shopify&apos;s Admin API, with the demo shop{" "}
        <code>{shop}</code> (API key <code>{apiKey}</code>).
      </p>
      <h2>Embedded admin</h2>
      <p>Opens the admin pages with a session token minted for the demo shop, as Shopify admin would.</p>
      <ul>
        {adminLanguages.map(({ locale, label }) => (
          <li key={locale}>
            <a href={`/demo/open?path=/app&locale=${locale}`} data-testid={`open-admin-${locale}`}>
              Admin home ({label})
            </a>
          </li>
        ))}
      </ul>
      <h2>Storefront</h2>
      <p>
        The rewards panel (theme app extension) on a demo storefront page: <a href="/demo/storefront">as a guest</a>,{" "}
        <a href="/demo/storefront?customer=7001">as a signed-in shopper</a>, or{" "}
        <a href={"/demo/storefront?page=rewards&customer=7001"}>inline on a rewards page</a>.
      </p>
      <h2>Headless API</h2>
      <p>
        The demo shop has an API key for the headless / mobile API (public on purpose, like every demo credential):{" "}
        <code data-testid="demo-headless-key">{headless.key}</code>. Paste this into a shell while the demo runs
        (docs/headless-api.md; every endpoint in docs/openapi.yaml):
      </p>
      <pre data-testid="demo-headless-example" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {headless.script}
      </pre>
      <h2>Point of sale</h2>
      <p>
        The POS extension in a harness with a stand-in of Shopify POS&apos;s extension API (not Shopify&apos;s; docs/ui-extensions.md):{" "}
        <a href="/demo/extensions/pos-rewards?target=pos.home.tile.render">the home tile</a> to look up or enrol a customer, and{" "}
        <a href="/demo/extensions/pos-rewards?customer=7009">Noah Marin&apos;s customer details block</a> to redeem points into the stand-in cart.
      </p>
      <h2>Webhooks</h2>
      <p>Send a webhook signed with the demo API secret (see README):</p>
      <pre>npm run demo:webhook -- orders/paid tests/fixtures/shopify/order-2026-07.json</pre>
      <h2>Emails</h2>
      <p>
        The demo captures the emails it would send: <a href="/demo/outbox">see the outbox</a> (an orders/paid webhook for Ada brings
        &quot;points earned&quot;).
      </p>
    </main>
  );
}
