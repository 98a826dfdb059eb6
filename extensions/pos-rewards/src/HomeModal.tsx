// POS home modal (pos.home.modal.render): look up a customer by name, email, phone or id and put them in the cart;
// or enrol a new one (name, email, email marketing consent) without leaving POS. The app creates the Shopify
// customer (customerCreate) and the member, and audits who enrolled them where.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useState } from "preact/hooks";
import { enrolProblem } from "../../shared/pos-view";
import { posClient, type FoundCustomer } from "./client";

export default async () => {
  render(<Modal />, document.body);
};

type Message = { tone: "success" | "critical"; text: string };
const valueOf = (event: { currentTarget: { value?: string } }) => event.currentTarget.value ?? "";

function Modal() {
  const t = shopify.i18n.translate;
  const client = posClient(shopify.session, shopify.storage);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<FoundCustomer[] | null>(null);
  const [form, setForm] = useState({ firstName: "", lastName: "", email: "", marketingConsent: false });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  const failed = (error: { status?: number; code?: string }) =>
    setMessage({ tone: "critical", text: error.status === 403 ? t("not_allowed") : error.code === "customer_not_created" ? t("not_created") : t("error") });

  const search = async () => {
    if (query.trim().length < 2) return;
    setBusy(true);
    setMessage(null);
    try {
      setFound((await client.find(query.trim())).customers);
    } catch (error) {
      failed(error as { status?: number });
    } finally {
      setBusy(false);
    }
  };

  const choose = async (customer: FoundCustomer) => {
    await shopify.cart.setCustomer({ id: Number(customer.id) });
    setMessage({ tone: "success", text: t("customer_added", { name: customer.name }) });
  };

  const enrol = async () => {
    const problem = enrolProblem(form);
    if (problem) return setMessage({ tone: "critical", text: t(problem) });
    setBusy(true);
    setMessage(null);
    try {
      const { customer } = await client.enrol(form);
      await shopify.cart.setCustomer({ id: Number(customer.id) });
      setMessage({ tone: "success", text: t("enrolled", { name: customer.name }) });
      setForm({ firstName: "", lastName: "", email: "", marketingConsent: false });
    } catch (error) {
      failed(error as { status?: number; code?: string });
    } finally {
      setBusy(false);
    }
  };

  return (
    <s-page heading={t("tile_heading")}>
      <s-scroll-box>
        <s-stack direction="block" gap="base">
          {message ? <s-banner tone={message.tone} heading={message.text} /> : null}
          <s-section heading={t("search_heading")}>
            <s-stack direction="block" gap="small">
              <s-search-field placeholder={t("search_label")} value={query} onInput={(event) => setQuery(valueOf(event))} onChange={() => void search()} />
              <s-button disabled={busy} onClick={() => void search()}>
                {t("search_button")}
              </s-button>
              {found && found.length === 0 ? <s-text>{t("no_results")}</s-text> : null}
              {found?.map((customer) => (
                <s-stack key={customer.id} direction="inline" gap="small">
                  <s-text>{customer.email ? `${customer.name} · ${customer.email}` : customer.name}</s-text>
                  <s-button variant="secondary" onClick={() => void choose(customer)}>
                    {t("select_customer")}
                  </s-button>
                </s-stack>
              ))}
            </s-stack>
          </s-section>
          <s-section heading={t("enrol_heading")}>
            <s-stack direction="block" gap="small">
              <s-text-field label={t("first_name")} value={form.firstName} onInput={(event) => setForm({ ...form, firstName: valueOf(event) })} />
              <s-text-field label={t("last_name")} value={form.lastName} onInput={(event) => setForm({ ...form, lastName: valueOf(event) })} />
              <s-email-field label={t("email")} value={form.email} onInput={(event) => setForm({ ...form, email: valueOf(event) })} />
              <s-switch label={t("consent")} checked={form.marketingConsent} onChange={(event) => setForm({ ...form, marketingConsent: Boolean((event.currentTarget as { checked?: boolean }).checked) })} />
              <s-button disabled={busy} onClick={() => void enrol()}>
                {t("enrol_button")}
              </s-button>
            </s-stack>
          </s-section>
        </s-stack>
      </s-scroll-box>
    </s-page>
  );
}
