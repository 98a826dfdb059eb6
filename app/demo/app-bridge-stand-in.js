// A stand-in for Shopify's App Bridge script (cdn.shopify.com/shopifycloud/app-bridge.js) for the offline
// demo. It provides the parts of App Bridge this app relies on, with the same names:
//   - window.shopify.idToken(): a fresh session token (the demo server mints it, as Shopify admin would);
//   - fetch() to the app's own origin carries `Authorization: Bearer <session token>`, as App Bridge does,
//     so Remix data requests are authenticated by the real authenticate.admin;
//   - <ui-nav-menu> and <ui-title-bar> are shown in a small admin-like bar (admin draws them outside the
//     iframe); clicking a nav link fires `shopify:navigate`, which the app's AppProvider turns into navigation;
//   - shopify.toast.show() and shopify.loading() show something visible.
(function () {
  "use strict";
  if (window.shopify) return;
  var script = document.currentScript;
  var apiKey = script ? script.getAttribute("data-api-key") : "";
  var params = new URLSearchParams(window.location.search);
  var originalFetch = window.fetch.bind(window);

  var cachedToken = params.get("id_token");
  var cachedAt = cachedToken ? Date.now() : 0;

  function idToken() {
    // Tokens live one minute; refresh a little before that.
    if (cachedToken && Date.now() - cachedAt < 45000) return Promise.resolve(cachedToken);
    return originalFetch("/demo/session-token", { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("demo session token: HTTP " + response.status);
        return response.json();
      })
      .then(function (body) {
        cachedToken = body.token;
        cachedAt = Date.now();
        return cachedToken;
      });
  }

  window.fetch = function (input, init) {
    var request = new Request(input, init);
    if (new URL(request.url, window.location.href).origin !== window.location.origin) return originalFetch(request);
    return idToken().then(function (token) {
      var headers = new Headers(request.headers);
      if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + token);
      return originalFetch(new Request(request, { headers: headers }));
    });
  };

  var bar = document.createElement("div");
  bar.setAttribute("data-demo-admin-bar", "");
  bar.setAttribute("role", "navigation");
  bar.setAttribute("aria-label", "Demo admin");
  bar.style.cssText =
    "display:flex;gap:16px;align-items:center;padding:8px 16px;background:#1a1a1a;color:#fff;font:14px system-ui,sans-serif";
  var title = document.createElement("strong");
  var nav = document.createElement("span");
  nav.style.cssText = "display:flex;gap:12px";
  bar.appendChild(title);
  bar.appendChild(nav);

  var drawn = "";

  // Called for every DOM change in the page (the observer watches <body>, which holds the bar too): redraw only
  // when what the app declared changed, otherwise drawing would itself trigger the observer again, forever.
  function render() {
    var titleBar = document.querySelector("ui-title-bar");
    var links = [];
    document.querySelectorAll("ui-nav-menu a").forEach(function (anchor) {
      links.push({ anchor: anchor, href: anchor.getAttribute("href") || "#", text: anchor.textContent });
    });
    var state = JSON.stringify({
      title: titleBar ? titleBar.getAttribute("title") || "" : "",
      links: links.map(function (link) {
        return [link.href, link.text];
      }),
    });
    if (state === drawn) return;
    drawn = state;
    title.textContent = titleBar ? titleBar.getAttribute("title") || "" : "";
    nav.textContent = "";
    links.forEach(function (entry) {
      var link = document.createElement("a");
      link.href = entry.href;
      link.textContent = entry.text;
      link.style.color = "#fff";
      link.addEventListener("click", function (event) {
        event.preventDefault();
        // The app's own <a> may have been re-rendered since; dispatch on the current one with this href.
        var current = document.querySelector('ui-nav-menu a[href="' + entry.href + '"]') || entry.anchor;
        current.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
      });
      nav.appendChild(link);
    });
  }

  function mount() {
    if (!bar.isConnected) document.body.insertBefore(bar, document.body.firstChild);
    render();
    new MutationObserver(render).observe(document.body, { subtree: true, childList: true, attributes: true });
  }

  // Real App Bridge draws the admin chrome outside the app's iframe. Here the bar lives in the app's own page, so it
  // must not be there while React hydrates the server HTML (an extra node makes hydration fail and re-render).
  // React marks each DOM node it has hydrated with a "__reactFiber$…" property; the bar mounts once <body> has one.
  function isHydrated() {
    return Object.keys(document.body).some(function (key) {
      return key.indexOf("__reactFiber$") === 0;
    });
  }

  function mountAfterHydration() {
    var started = Date.now();
    (function poll() {
      if (isHydrated() || Date.now() - started > 10000) mount();
      else setTimeout(poll, 25);
    })();
  }

  var toastArea = document.createElement("div");
  toastArea.setAttribute("role", "status");
  toastArea.setAttribute("aria-live", "polite");
  toastArea.style.cssText = "position:fixed;bottom:16px;left:50%;transform:translateX(-50%);z-index:1000";

  window.shopify = {
    config: { apiKey: apiKey, shop: params.get("shop"), host: params.get("host"), locale: params.get("locale") || "en" },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: idToken,
    loading: function (on) {
      document.documentElement.toggleAttribute("data-demo-loading", Boolean(on));
    },
    toast: {
      show: function (message) {
        if (!toastArea.isConnected) document.body.appendChild(toastArea);
        toastArea.textContent = message;
        setTimeout(function () {
          if (toastArea.textContent === message) toastArea.textContent = "";
        }, 5000);
      },
      hide: function () {
        toastArea.textContent = "";
      },
    },
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAfterHydration);
  else mountAfterHydration();
})();
