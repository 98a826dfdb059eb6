// The rewards panel: the same view in the launcher's dialog and in the "Rewards page" app block. State lives in
// this closure; every change re-renders the body and puts focus back on the control that had it (by its id), so
// keyboard and screen-reader users never lose their place. Buttons say what they do with data-a (one delegated
// listener). Class names need no prefix: the panel lives in a shadow root.
import { CHANGED_EVENT } from "../shared";
import { call, type ApiError, type EarnAction, type HistoryEntry, type IssuedReward, type Me, type Program, type Redeemed, type Reward, type ShopperCampaign, type Tier, type TierView } from "./api";
import type { Config } from "./config";
import { attr, html, type Html } from "./dom";
import { createFormat } from "./i18n";
import { referralSection, type ReferralLink } from "./referral";

export type Panel = { element: HTMLElement; load(): Promise<void>; refresh(): Promise<void> };

export function createPanel(config: Config, mode: "dialog" | "inline", onClose?: () => void): Panel {
  const f = createFormat(config.locale, config.texts, config.moneyFormat);
  const { t, points, money } = f;
  const api = <T>(path: string, init?: RequestInit) => call<T>(config.proxy, path, init);

  let program: Program | null = null;
  let me: Me | null = null;
  let history: HistoryEntry[] = [];
  let nextBefore: number | null = null;
  let loading = false;
  let loadError: ApiError | null = null;
  // Liquid said a customer is signed in, but the signed proxy request says guest (e.g. the session ended).
  let signedOut = false;
  let busy: number | null = null;
  let actionError: { rewardId: number; error: ApiError } | null = null;
  let result: IssuedReward | null = null;
  let copied = false;
  let loadingMore = false;
  let historyError: ApiError | null = null;
  let focusNext: string | null = null;
  /** A way to earn being saved, its refusal, and the network whose page the shopper left to follow (credited on return). */
  let earnBusy: string | null = null;
  let earnError: { key: string; error: ApiError } | null = null;
  let awayAt: string | null = null;
  /** The member's referral link once asked for, and why asking failed. */
  let referral: ReferralLink | null = null;
  let referralError: ApiError | null = null;
  /** Points chosen on each variable reward's slider. */
  const spend = new Map<number, number>();

  const element = document.createElement("div");
  element.className = `panel ${mode}`;
  element.lang = f.locale;
  if (mode === "inline") {
    element.setAttribute("role", "region");
    element.setAttribute("aria-labelledby", "title");
  }
  element.innerHTML = html`<div class="head"><h2 id="title" tabindex="-1">${t("title")}</h2>${
    mode === "dialog" &&
    html`<button type="button" class="close" id="close" aria-label="${t("close")}"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg></button>`
  }</div><p class="vh" role="status" aria-live="polite" aria-atomic="true"></p><div class="body"></div>`.value;
  const live = element.querySelector("[role=status]")!;
  const content = element.querySelector<HTMLElement>(".body")!;
  element.querySelector("#close")?.addEventListener("click", () => onClose?.());

  const currency = () => me?.currency ?? program?.currency ?? config.currency;
  const button = (id: string, action: string, label: string, disabled: boolean, cls = "btn") =>
    html`<button type="button" class="${cls}" id="${id}" data-a="${action}"${attr("aria-disabled", disabled && "true")}>${label}</button>`;
  const section = (id: string, title: string, ...children: unknown[]) =>
    html`<section class="${id}" aria-labelledby="h-${id}"><h3 id="h-${id}">${title}</h3>${children}</section>`;
  const errorBox = (error: ApiError, action?: Html) => html`<div class="error" role="alert"><p>${errorText(error)}</p>${action}</div>`;

  /** The API's stable error code, in the shopper's words; an unknown code still says what happened (the status). */
  function errorText(error: ApiError): string {
    if (error.code === "rate_limited" && error.retryAfter) return t("error_rate_limited_seconds", { seconds: f.number(error.retryAfter) });
    const key = `error_${error.code}`;
    return error.code !== "generic" && key in config.texts ? t(key) : t("error_generic", { status: error.status || "?" });
  }

  function applyMe(next: Me) {
    if (me && me.availablePoints !== next.availablePoints) live.textContent = t("balance_now", { points: points(next.availablePoints) });
    me = next;
    history = next.history.entries;
    nextBefore = next.history.nextBefore;
  }

  function render() {
    const active = (element.getRootNode() as Document | ShadowRoot).activeElement;
    const key = focusNext ?? (active && content.contains(active) ? active.id : null);
    focusNext = null;
    content.setAttribute("aria-busy", String(loading));
    content.innerHTML = view().value;
    // The control that had focus, rebuilt; if it is gone, the panel's title rather than the page's body.
    if (key) (content.querySelector<HTMLElement>(`#${key}`) ?? element.querySelector<HTMLElement>("#title"))!.focus();
  }

  function view(): Html {
    if (loading && !program) return html`<p class="muted">${t("loading")}</p>`;
    if (loadError || !program) return errorBox(loadError ?? { code: "generic", status: 0 }, button("retry", "retry", t("retry"), false));
    return me ? memberView(me, program) : guestView(program);
  }

  function guestView(program: Program): Html {
    const signup = program.waysToEarn.find((way) => way.kind === "signup");
    return html`<section>${signedOut && errorBox({ code: "sign_in_required", status: 401 })}<p>${t("guest_intro")}</p>${
      signup && html`<p data-claim-signup><strong>${t("claim_signup", { points: points(signup.points ?? 0) })}</strong></p>`
    }<div class="actions"><a class="btn" href="${config.register}">${t("join")}</a><a class="btn secondary" href="${config.login}">${t("sign_in")}</a></div></section>${waysToEarn(program)}${section(
      "rewards",
      t("rewards_heading"),
      rewardList(program.rewards, null),
      html`<p class="muted">${t("sign_in_to_redeem")}</p>`,
    )}`;
  }

  function memberView(me: Me, program: Program): Html {
    const balance = (label: string, name: string, value: number) => html`<div><dt>${t(label)}</dt><dd data-balance="${name}">${points(value)}</dd></div>`;
    return html`<section aria-labelledby="h-balance"><h3 id="h-balance" class="vh">${t("balance_heading")}</h3><p class="muted">${t("member_intro")}</p><dl class="balance">${balance(
      "available_label",
      "available",
      me.availablePoints,
    )}${balance("pending_label", "pending", me.pendingPoints)}</dl>${me.pendingPoints > 0 && html`<p class="muted small">${t("pending_note")}</p>`}</section>${
      me.tier && tierSection(me.tier)
    }${
      result && resultBox(result)
    }${section("rewards", t("rewards_heading"), rewardList(me.rewards, me.availablePoints))}${
      me.issuedRewards.length > 0 && section("codes", t("codes_heading"), html`<ul>${me.issuedRewards.map(issuedItem)}</ul>`)
    }${waysToEarn(program)}${
      program.referral &&
      section("refer", t("referral.heading"), referralSection(t, program.referral, referral, referralError && errorBox(referralError), (id, a, label) => button(id, a, label, false), points))
    }${historySection()}`;
  }

  async function getReferral() {
    const answer = await api<ReferralLink>("/referral");
    if (answer.ok) {
      referral = answer.data;
      referralError = null;
      focusNext = "ref-link";
    } else referralError = answer.error;
    render();
  }

  async function shareReferral(action: string) {
    if (!referral) return;
    if (action === "ref-share") {
      // The device's share sheet; a shopper who closes it has not failed at anything.
      await navigator.share({ title: t("referral.share_subject"), text: t("referral.share_text", { link: referral.link }), url: referral.link }).catch(() => undefined);
      return;
    }
    try {
      await navigator.clipboard.writeText(referral.link);
      live.textContent = t("copied");
    } catch {
      content.querySelector<HTMLInputElement>("#ref-link")!.select();
      live.textContent = t("copy_failed");
    }
  }

  /** A tier's name in the storefront's language, English when it has none there. */
  function tierLabel(view: Pick<TierView, "names">): string {
    return view.names[f.locale.split("-")[0] ?? ""] ?? view.names.en;
  }

  /** The member's tier as a badge, and a native progress bar (labelled by its text) towards the next one. */
  function tierSection(tier: Tier): Html {
    const name = tierLabel;
    const amount = (value: number) =>
      tier.measure === "money_spent" ? money(value, currency()) : tier.measure === "points_earned" ? points(value) : t("tier_orders", { count: f.number(value) });
    const next = tier.next;
    const text =
      next &&
      t(tier.periodEndsAt ? "tier_needed_by" : "tier_needed", { amount: amount(tier.needed), tier: name(next), date: tier.periodEndsAt ? f.date(tier.periodEndsAt) : "" });
    return section(
      "tier",
      t("tier_heading"),
      html`<p class="tier-badge" data-tier>${tier.current ? name(tier.current) : t("tier_none")}</p>${
        next
          ? html`<label for="tier-bar" class="small">${text}</label><progress id="tier-bar" max="${next.threshold}" value="${Math.min(tier.progress, next.threshold)}">${text}</progress>`
          : html`<p class="small">${t("tier_top")}</p>`
      }<p class="muted small">${t("tier_rule")}</p>`,
    );
  }

  function waysToEarn(program: Program): Html {
    const unit = 10 ** f.fractionDigits(program.currency);
    const items = program.waysToEarn.map(
      (way) => way.kind in { purchase: 1, signup: 1 } && html`<li>${t(`earn_${way.kind}`, { points: points(way.pointsPerUnit ?? way.points ?? 0), amount: money(unit, program.currency) })}</li>`,
    );
    return html`${campaignsSection(program)}${section("earn", t("ways_heading"), html`<ul>${items}${(program.actions ?? []).map(actionItem)}</ul>`)}`;
  }

  /** Running campaigns: "Double weekend: 2× points until Sunday". The end is a weekday within a week, a date after. */
  function campaignsSection(program: Program): Html {
    const running = (program.campaigns ?? []).filter((c) => new Date(c.endsAt).getTime() > Date.now());
    if (running.length === 0) return html``;
    const until = (iso: string) => {
      const end = new Date(new Date(iso).getTime() - 1);
      return end.getTime() - Date.now() < 6 * 86_400_000 ? new Intl.DateTimeFormat(f.locale, { weekday: "long" }).format(end) : f.date(end.toISOString());
    };
    const item = (c: ShopperCampaign) => {
      const name = c.names[f.locale.split("-")[0]!] ?? c.names.en ?? Object.values(c.names)[0] ?? "";
      const gives = [
        c.multiplierPercent !== 100 && t("campaign_multiplier", { multiplier: f.number(c.multiplierPercent / 100) }),
        c.bonusPoints > 0 && t("campaign_bonus", { points: points(c.bonusPoints) }),
      ].filter(Boolean).join(", ");
      const note = [c.scoped && t("campaign_scoped"), c.tiersOnly && t("campaign_tiers")].filter(Boolean).join(" · ");
      return html`<li><strong>${name}</strong>: ${t("campaign_until", { gives, date: until(c.endsAt) })}${note && html` <span class="muted small">(${note})</span>`}</li>`;
    };
    return section("campaigns", t("campaigns_heading"), html`<ul>${running.map(item)}</ul>`);
  }

  function actionName(action: EarnAction): string {
    const own = action.names[f.locale.split("-")[0]!] ?? action.names.en;
    return own || t(action.network ? `action_social_${action.network}` : `action_${action.kind}`);
  }

  function limitText(action: EarnAction): string {
    const { type, count = 1, period } = action.limit;
    return t(type === "per_period" ? `limit_${period}` : `limit_${type}`, { count: f.number(count) });
  }

  /** One way to earn: its name, points and limit; for a signed-in shopper its state and what to do. */
  function actionItem(action: EarnAction): Html {
    const done = me?.actions?.find((a) => a.key === action.key)?.done ?? false;
    const id = action.key;
    let control: Html | false = false;
    if (me && done) control = html`<p class="done small">${t("earned")}</p>`;
    else if (me && action.network && action.url) {
      control = html`<a class="btn secondary" id="e-${id}" href="${action.url}" target="_blank" rel="noopener noreferrer" data-a="follow" data-network="${action.network}" aria-describedby="w-${id}">${t(
        awayAt === action.network ? "follow_return" : "follow",
      )}</a>`;
    } else if (me && action.kind === "birthday") control = birthdayControl();
    const photo = action.kind === "product_review" && action.photoBonus > 0 && ` · ${t("photo_bonus", { points: points(action.points + action.photoBonus) })}`;
    return html`<li class="way"><p id="w-${id}"><span class="strong">${actionName(action)}</span>: ${points(action.points)}${photo} · ${limitText(action)}</p>${control}${
      earnError?.key === id && errorBox(earnError.error)
    }</li>`;
  }

  function birthdayControl(): Html {
    const saved = me?.birthday;
    const monthName = (m: number) => new Intl.DateTimeFormat(f.locale, { month: "long", timeZone: "UTC" }).format(Date.UTC(2000, m - 1, 1));
    const options = (count: number, chosen: number | undefined, label: (n: number) => string) =>
      Array.from({ length: count }, (_, i) => html`<option value="${i + 1}"${attr("selected", chosen === i + 1 && "")}>${label(i + 1)}</option>`);
    return html`${saved && html`<p class="small">${t("birthday_saved", { date: `${saved.day} ${monthName(saved.month)}`, year: saved.earnsFrom })}</p>`}<div class="bday"><label for="bm">${t(
      "birthday_month",
    )}</label><select id="bm">${options(12, saved?.month, monthName)}</select><label for="bd">${t("birthday_day")}</label><select id="bd">${options(31, saved?.day, (n) =>
      f.number(n),
    )}</select>${button("bsave", "birthday", t(earnBusy === "birthday" ? "saving" : "birthday_save"), earnBusy !== null, "btn secondary")}</div>`;
  }

  async function saveBirthday() {
    const month = Number(content.querySelector<HTMLSelectElement>("#bm")!.value);
    const day = Number(content.querySelector<HTMLSelectElement>("#bd")!.value);
    earnBusy = "birthday";
    earnError = null;
    render();
    const answer = await api<unknown>("/birthday", { method: "POST", body: JSON.stringify({ month, day }) });
    earnBusy = null;
    if (!answer.ok) earnError = { key: "birthday", error: answer.error };
    else live.textContent = t("birthday_done");
    await refresh();
  }

  /** Back from a social page the panel opened: the follow is credited (honour-based, once per network). */
  async function creditFollow() {
    const network = awayAt;
    if (!network || document.visibilityState !== "visible") return;
    awayAt = null;
    const answer = await api<{ availablePoints: number }>("/follow", { method: "POST", body: JSON.stringify({ network }) });
    if (!answer.ok) earnError = { key: `social_${network}`, error: answer.error };
    focusNext = `e-social_${network}`;
    await refresh();
    if (answer.ok) live.textContent = t("balance_now", { points: points(answer.data.availablePoints) });
  }

  function rewardList(rewards: Reward[], available: number | null): Html {
    return rewards.length ? html`<ul>${rewards.map((reward) => rewardItem(reward, available))}</ul>` : html`<p class="muted">${t("no_rewards")}</p>`;
  }

  function describe(reward: Reward): string {
    const amount = money(reward.amountMinor ?? 0, currency());
    const text = t(`reward_${reward.type}`, { amount, percent: f.percent(reward.percentage ?? 0), points: points(reward.pointsCost) });
    return reward.minimumSubtotalMinor ? `${text} · ${t("reward_minimum", { amount: money(reward.minimumSubtotalMinor, currency()) })}` : text;
  }

  function sliderText(reward: Reward, value: number): string {
    return t("slider_value", { points: points(value), amount: money((value / reward.pointsCost) * (reward.amountMinor ?? 0), currency()) });
  }

  function rewardItem(reward: Reward, available: number | null): Html {
    const id = reward.id;
    const variable = reward.type === "variable_amount";
    const missing = available === null ? 0 : reward.cheapestPoints - available;
    // For a higher tier: shown, but locked with the tier it needs instead of the points still missing.
    const lockedTier = reward.tierLocked ? me?.tier?.tiers?.find((tier) => tier.id === reward.minTierId) : undefined;
    // A guest has no tier yet: the tier a reward needs is said as it is to members, from /proxy/program's tier names.
    const guestTier = available === null && reward.minTierId ? program?.tiers?.find((tier) => tier.id === reward.minTierId) : undefined;
    const locked = reward.tierLocked === true;
    let slider: Html | false = false;
    if (available !== null && variable && missing <= 0 && !locked) {
      // Points for money: any multiple of the step between the reward's minimum and what the shopper can afford.
      const step = reward.pointsCost;
      const min = reward.minPoints ?? step;
      const max = Math.max(min, Math.min(reward.maxPoints ?? min, Math.floor(available / step) * step));
      const value = Math.min(max, Math.max(min, spend.get(id) ?? min));
      spend.set(id, value);
      const text = sliderText(reward, value);
      slider = html`<div class="slider"><label for="s${id}">${t("slider_label")}</label><input type="range" id="s${id}" data-id="${id}" min="${min}" max="${max}" step="${step}" value="${value}" aria-valuetext="${text}" aria-describedby="so${id}"><output id="so${id}" for="s${id}">${text}</output></div>`;
    }
    return html`<li class="reward"><div><h4 id="r${id}">${reward.title}</h4>${describe(reward).toLowerCase() !== reward.title.toLowerCase() && html`<p class="muted small">${describe(reward)}</p>`}</div><p class="cost">${
      variable ? t("cost_from", { points: points(reward.cheapestPoints) }) : points(reward.pointsCost)
    }</p>${guestTier && html`<p class="reason small" data-tier-required>${t("tier_required", { tier: tierLabel(guestTier) })}</p>`}${
      available !== null &&
      html`${slider}<button type="button" class="btn" id="b${id}" data-a="redeem" data-id="${id}" aria-describedby="r${id}${missing > 0 || locked ? ` rr${id}` : ""}"${attr(
        "aria-disabled",
        (missing > 0 || locked || busy !== null) && "true",
      )}>${t(busy === id ? "redeeming" : "redeem")}</button>${
        locked
          ? html`<p class="reason small" id="rr${id}">${t("tier_required", { tier: lockedTier ? tierLabel(lockedTier) : "" })}</p>`
          : missing > 0 && html`<p class="reason small" id="rr${id}">${t("need_more", { points: points(missing) })}</p>`
      }${
        actionError?.rewardId === id && errorBox(actionError.error)
      }`
    }</li>`;
  }

  async function redeem(id: number) {
    const reward = me?.rewards.find((r) => r.id === id);
    if (!reward || busy !== null) return;
    busy = id;
    actionError = null;
    render();
    const body = JSON.stringify(reward.type === "variable_amount" ? { rewardId: id, points: spend.get(id) } : { rewardId: id });
    const answer = await api<Redeemed>("/redeem", { method: "POST", body });
    busy = null;
    if (answer.ok) {
      result = answer.data.redemption;
      copied = false;
      if (me) me = { ...me, availablePoints: answer.data.availablePoints };
      live.textContent = t("balance_now", { points: points(answer.data.availablePoints) });
      focusNext = "result";
      render();
      document.dispatchEvent(new CustomEvent(CHANGED_EVENT, { detail: element }));
      // Issued codes, history and which rewards are affordable now; the answer above already shows the balance.
      return refresh();
    }
    actionError = { rewardId: id, error: answer.error };
    render();
    // The balance may have moved (another tab, points returned, a held redemption): show the current one.
    await refresh();
  }

  function applyUrl(code: string): string {
    return `${config.root.replace(/\/?$/, "/")}discount/${encodeURIComponent(code)}?redirect=${config.cart}`;
  }

  function resultBox(result: IssuedReward): Html {
    const code = result.code;
    return html`<section class="result" aria-labelledby="result"><h3 id="result" tabindex="-1">${t("result_heading")}</h3><p>${result.title}${
      result.type === "variable_amount" && ` · ${t("reward_fixed_amount", { amount: money(result.valueMinor ?? 0, result.currency) })}`
    }</p>${
      code
        ? html`<label for="code" class="small">${t("result_code_label")}</label><div class="code-row"><input id="code" readonly value="${code}" spellcheck="false">${button(
            "copy",
            "copy",
            t(copied ? "copied" : "copy"),
            false,
            "btn secondary",
          )}</div><a class="btn" id="apply" href="${applyUrl(code)}">${t("apply")}</a>${
            result.expiresAt && html`<p class="muted small">${t("expires", { date: f.date(result.expiresAt) })}</p>`
          }`
        : result.type === "store_credit" && html`<p>${t("store_credit_done", { amount: money(result.valueMinor ?? 0, result.currency) })}</p>`
    }</section>`;
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(result!.code!);
      copied = true;
      live.textContent = t("copied");
      render();
    } catch {
      // No clipboard (permissions, an old browser): the code is selected for the shopper to copy.
      content.querySelector<HTMLInputElement>("#code")!.select();
      live.textContent = t("copy_failed");
    }
  }

  function issuedItem(reward: IssuedReward): Html {
    const usable = reward.status === "issued" && reward.code;
    return html`<li class="issued ${reward.status}"><p class="strong">${reward.title}</p>${reward.code && html`<p><code>${reward.code}</code></p>`}<p class="muted small">${t(
      `status_${reward.status}`,
    )}${usable && reward.expiresAt && ` · ${t("expires", { date: f.date(reward.expiresAt) })}`}</p>${
      usable && html`<a href="${applyUrl(reward.code!)}" aria-label="${t("apply")}: ${reward.code}">${t("apply")}</a>`
    }</li>`;
  }

  function historySection(): Html {
    const entries = history.map(
      (entry) =>
        html`<li class="entry" id="h${entry.id}" tabindex="-1"><span>${config.texts[`kind_${entry.kind}`] ?? entry.reason}</span><time class="muted small" datetime="${
          entry.createdAt
        }">${f.date(entry.createdAt)}</time><span class="delta${entry.availableDelta < 0 ? " negative" : ""}">${
          entry.availableDelta ? f.signed(entry.availableDelta) : t("pending_delta", { points: f.signed(entry.pendingDelta) })
        }</span></li>`,
    );
    return section(
      "history",
      t("history_heading"),
      entries.length ? html`<ol>${entries}</ol>` : html`<p class="muted">${t("history_empty")}</p>`,
      historyError && errorBox(historyError),
      nextBefore !== null && button("more", "more", t(loadingMore ? "loading_more" : "load_more"), loadingMore, "btn secondary"),
    );
  }

  async function loadMore() {
    if (loadingMore || nextBefore === null) return;
    loadingMore = true;
    historyError = null;
    render();
    const page = await api<Me>(`/me?before=${nextBefore}`);
    loadingMore = false;
    if (page.ok) {
      const first = page.data.history.entries[0];
      history = [...history, ...page.data.history.entries];
      nextBefore = page.data.history.nextBefore;
      // With nothing more to load the button is gone: land on the first new entry instead.
      if (nextBefore === null && first) focusNext = `h${first.id}`;
    } else {
      historyError = page.error;
    }
    render();
  }

  /** First load: the program for everyone, the shopper's points when Liquid says someone is signed in. */
  async function load(): Promise<void> {
    loading = true;
    loadError = null;
    render();
    const [programAnswer, meAnswer] = await Promise.all([api<Program>("/program"), config.customer ? api<Me>("/me") : null]);
    loading = false;
    if (programAnswer.ok) program = programAnswer.data;
    else loadError = programAnswer.error;
    if (meAnswer?.ok) applyMe(meAnswer.data);
    else if (meAnswer?.error.code === "sign_in_required") signedOut = true;
    else if (meAnswer) loadError = meAnswer.error;
    render();
  }

  /** Reloads the shopper's points (after a redemption, on reopening); keeps what is shown if it fails. */
  async function refresh(): Promise<void> {
    if (!program || loadError) return load();
    if (!config.customer || signedOut) return;
    const answer = await api<Me>("/me");
    if (answer.ok) applyMe(answer.data);
    render();
  }

  content.addEventListener("click", (event) => {
    const target = (event.target as Element).closest<HTMLElement>("[data-a]");
    if (!target || target.getAttribute("aria-disabled")) return;
    const action = target.dataset.a;
    if (action === "redeem") void redeem(Number(target.dataset.id));
    else if (action === "more") void loadMore();
    else if (action === "copy") void copy();
    else if (action === "ref-get") void getReferral();
    else if (action === "ref-copy" || action === "ref-share") void shareReferral(action);
    else if (action === "birthday") void saveBirthday();
    // The link opens the page in a new tab; the points come when this tab is shown again.
    else if (action === "follow") awayAt = target.dataset.network ?? null;
    else void load();
  });
  content.addEventListener("input", (event) => {
    const input = event.target as HTMLInputElement;
    const reward = me?.rewards.find((r) => r.id === Number(input.dataset.id));
    if (!reward) return;
    spend.set(reward.id, Number(input.value));
    const text = sliderText(reward, Number(input.value));
    input.setAttribute("aria-valuetext", text);
    content.querySelector(`#so${reward.id}`)!.textContent = text;
  });
  document.addEventListener("visibilitychange", () => void creditFollow());
  window.addEventListener("focus", () => void creditFollow());
  document.addEventListener(CHANGED_EVENT, (event) => {
    if ((event as CustomEvent).detail !== element && me) void refresh();
  });

  return { element, load, refresh };
}
