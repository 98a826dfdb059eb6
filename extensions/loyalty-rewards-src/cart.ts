// The "Use your points" cart block's script (assets/loyalty-cart.js, the block's schema `javascript`: only pages with
// the block load it). It shows the balance and the rewards the shopper can afford, redeems one into the cart and
// removes it again, without leaving the page:
//   redeem  POST /apps/loyalty/redeem {rewardId, applyTo:"cart"} (a code valid 24 h), then the Cart AJAX API's
//           /cart/update.js {discount: "<codes in the cart>,<new code>"} applies it.
//   remove  /cart/update.js without the code, then POST /apps/loyalty/cancel {redemptionId}: the code is deactivated
//           in Shopify and the points come back.
// How the app learns a code left the cart some other way (the theme's own "remove" link, another tab): the block
// remembers the codes it applied (localStorage) and, each time it renders, cancels those no longer in /cart.js's
// discount_codes. A code in a cart nobody comes back to expires after 24 h and the expiry sweep returns its points.
import { affordableRewards, fill, pluralCategory, type ListedReward } from "../shared/rewards-view";

type Me = { availablePoints: number; rewards: ListedReward[] };
type Applied = { id: number; code: string };

const STORE_KEY = "loyalty-rewards:cart-codes";

function remembered(): Applied[] {
  try {
    const value = JSON.parse(localStorage.getItem(STORE_KEY) ?? "[]") as unknown;
    return Array.isArray(value) ? (value as Applied[]).filter((a) => typeof a?.id === "number" && typeof a?.code === "string") : [];
  } catch {
    return [];
  }
}

function remember(list: Applied[]) {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(list));
  } catch {
    // Private mode: the 24 h expiry still returns the points of a code removed elsewhere.
  }
}

async function api<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

function mount(root: HTMLElement) {
  const data = root.dataset;
  const proxy = data.proxy!;
  const cartUrl = (data.cart ?? "/cart").replace(/\/$/, "");
  const locale = data.locale || document.documentElement.lang || "en";
  const foundStatus = root.querySelector<HTMLElement>("[data-status]");
  const foundList = root.querySelector<HTMLElement>("[data-rewards]");
  if (!foundStatus || !foundList) return; // a guest: Liquid rendered the sign-in link only
  const status: HTMLElement = foundStatus;
  const list: HTMLElement = foundList;
  const text = (key: string) => data[`t${key[0]!.toUpperCase()}${key.slice(1)}`] ?? "";
  const plural = (key: string, count: number) =>
    fill(text(`${key}${pluralCategory(locale, count)[0]!.toUpperCase()}${pluralCategory(locale, count).slice(1)}`), { count: count.toLocaleString(locale) });

  const cartCodes = async () => (await api<{ discount_codes?: Array<{ code: string }> }>(`${cartUrl}.js`)).discount_codes?.map((d) => d.code.toUpperCase()) ?? [];
  const setCartCodes = (codes: string[]) => api(`${cartUrl}/update.js`, { discount: codes.join(",") });
  const cancel = (id: number) => api<{ availablePoints: number }>(`${proxy}/cancel`, { redemptionId: id });

  const button = (label: string, onClick: () => Promise<void>, description?: string) => {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = label;
    if (description) element.setAttribute("aria-label", `${label}: ${description}`);
    element.addEventListener("click", () => {
      for (const b of root.querySelectorAll("button")) b.disabled = true;
      onClick().catch(() => {
        status.textContent = text("error");
        void render();
      });
    });
    return element;
  };

  async function render(message?: string): Promise<void> {
    const [me, codes] = await Promise.all([api<Me>(`${proxy}/me`), cartCodes()]);
    // Codes this block applied that are gone from the cart: the shopper removed them elsewhere. Give the points back.
    const mine = remembered();
    const gone = mine.filter((a) => !codes.includes(a.code));
    if (gone.length) {
      const cancelled = await Promise.allSettled(gone.map((a) => cancel(a.id)));
      remember(mine.filter((a) => !gone.includes(a) || cancelled[gone.indexOf(a)]!.status === "rejected"));
      if (cancelled.some((c) => c.status === "fulfilled")) return render(text("removed"));
    }
    const inCart = remembered().filter((a) => codes.includes(a.code));
    status.textContent = [message, plural("balance", me.availablePoints)].filter(Boolean).join(" ");
    list.replaceChildren();
    for (const applied of inCart) {
      const item = document.createElement("li");
      const label = document.createElement("span");
      label.textContent = fill(text("applied"), { code: applied.code });
      item.append(
        label,
        button(text("remove"), async () => {
          await setCartCodes(codes.filter((c) => c !== applied.code));
          await cancel(applied.id);
          remember(remembered().filter((a) => a.id !== applied.id));
          document.dispatchEvent(new CustomEvent("loyalty-rewards:cart-changed"));
          await render(text("removed"));
        }, applied.code),
      );
      list.append(item);
    }
    const options = affordableRewards(me.rewards, { signedIn: true, availablePoints: me.availablePoints });
    if (!options.length && !inCart.length) {
      const item = document.createElement("li");
      item.textContent = text("none");
      list.append(item);
    }
    for (const reward of options) {
      const item = document.createElement("li");
      const label = document.createElement("span");
      label.textContent = fill(plural("cost", reward.cheapestPoints), { reward: reward.title });
      item.append(
        label,
        button(text("apply"), async () => {
          const body = reward.type === "variable_amount" ? { rewardId: reward.id, points: reward.cheapestPoints, applyTo: "cart" } : { rewardId: reward.id, applyTo: "cart" };
          const { redemption } = await api<{ redemption: { id: number; code: string | null } }>(`${proxy}/redeem`, body);
          if (redemption.code) {
            remember([...remembered(), { id: redemption.id, code: redemption.code.toUpperCase() }]);
            await setCartCodes([...codes, redemption.code.toUpperCase()]);
          }
          document.dispatchEvent(new CustomEvent("loyalty-rewards:cart-changed"));
          await render(redemption.code ? fill(text("applied"), { code: redemption.code }) : undefined);
        }, label.textContent),
      );
      list.append(item);
    }
  }

  render().catch(() => {
    status.textContent = text("error");
  });
}

for (const root of document.querySelectorAll<HTMLElement>("[data-loyalty-cart]")) mount(root);
