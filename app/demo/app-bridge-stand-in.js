// A stand-in for Shopify's App Bridge script (cdn.shopify.com/shopifycloud/app-bridge.js) for the offline
// demo. It provides the parts of App Bridge this app relies on, with the same names:
//   - window.shopify.idToken(): a fresh session token (the demo server mints it, as Shopify admin would);
//   - fetch() to the app's own origin carries `Authorization: Bearer <session token>`, as App Bridge does,
//     so Remix data requests are authenticated by the real authenticate.admin;
//   - <ui-nav-menu> and <ui-title-bar> are shown in a small admin-like bar (admin draws them outside the
//     iframe); clicking a nav link fires `shopify:navigate`, which the app's AppProvider turns into navigation;
//   - shopify.toast.show() and shopify.loading() show something visible;
//   - <ui-save-bar> (the contextual save bar, and shopify.saveBar.show/hide/toggle): while shown, a bar with Save
//     and Discard buttons that click the element's own <button variant="primary"> and plain <button>, as admin does;
//   - shopify.resourcePicker({ type, multiple, selectionIds }): a dialog over the demo catalog (window.__demoResources,
//     served with this script) answering as App Bridge does: the picked resources with GIDs, or undefined if cancelled.
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

  // The contextual save bar. Admin draws it outside the iframe; here it is a bar fixed at the top of the page.
  var saveBarArea = document.createElement("div");
  saveBarArea.setAttribute("data-demo-save-bar", "");
  saveBarArea.setAttribute("role", "region");
  saveBarArea.setAttribute("aria-label", "Unsaved changes");
  saveBarArea.style.cssText =
    "position:fixed;top:0;left:0;right:0;z-index:1001;display:none;gap:12px;align-items:center;justify-content:flex-end;" +
    "padding:8px 16px;background:#303030;color:#fff;font:14px system-ui,sans-serif";
  var hiddenSaveBarStyle = document.createElement("style");
  // Admin draws these outside the iframe; their own markup is never visible in the app.
  hiddenSaveBarStyle.textContent = "ui-save-bar,ui-nav-menu{display:none}";

  function shownSaveBar() {
    var shown = null;
    document.querySelectorAll("ui-save-bar").forEach(function (element) {
      if (element.showing) shown = element;
    });
    return shown;
  }

  function saveBarButton(label, source, primary) {
    var button = document.createElement("button");
    button.type = "button";
    var loading = source.hasAttribute("loading");
    button.textContent = loading ? label + "…" : label;
    button.disabled = source.disabled || loading;
    button.style.cssText =
      "padding:4px 12px;border-radius:8px;border:1px solid #fff;cursor:pointer;" +
      (primary ? "background:#fff;color:#000" : "background:transparent;color:#fff");
    button.addEventListener("click", function () {
      source.click();
    });
    return button;
  }

  function saveBarState(element) {
    if (!element) return "";
    return Array.prototype.map
      .call(element.querySelectorAll("button"), function (button) {
        return [button.getAttribute("variant"), button.textContent, button.disabled, button.hasAttribute("loading")].join("|");
      })
      .join(";");
  }

  var drawnSaveBar = "";

  function renderSaveBar() {
    var element = shownSaveBar();
    var state = element ? "shown:" + saveBarState(element) : "";
    if (state === drawnSaveBar) return;
    drawnSaveBar = state;
    saveBarArea.textContent = "";
    saveBarArea.style.display = element ? "flex" : "none";
    if (!element) return;
    var message = document.createElement("span");
    message.textContent = "Unsaved changes";
    message.style.marginRight = "auto";
    saveBarArea.appendChild(message);
    var save = element.querySelector('button[variant="primary"]');
    var discard = element.querySelector("button:not([variant])");
    if (discard) saveBarArea.appendChild(saveBarButton(discard.textContent || "Discard", discard, false));
    if (save) saveBarArea.appendChild(saveBarButton(save.textContent || "Save", save, true));
  }

  if (window.customElements && !window.customElements.get("ui-save-bar")) {
    window.customElements.define(
      "ui-save-bar",
      class extends HTMLElement {
        constructor() {
          super();
          this._showing = false;
        }
        get showing() {
          return this._showing;
        }
        show() {
          if (!this._showing) {
            this._showing = true;
            renderSaveBar();
            this.dispatchEvent(new Event("show"));
          }
          return Promise.resolve();
        }
        hide() {
          if (this._showing) {
            this._showing = false;
            renderSaveBar();
            this.dispatchEvent(new Event("hide"));
          }
          return Promise.resolve();
        }
        toggle() {
          return this._showing ? this.hide() : this.show();
        }
        disconnectedCallback() {
          this.hide();
        }
      },
    );
  }

  // Called for every DOM change in the page (the observer watches <body>, which holds the bar too): redraw only
  // when what the app declared changed, otherwise drawing would itself trigger the observer again, forever.
  function render() {
    renderSaveBar();
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
    if (!saveBarArea.isConnected) document.body.appendChild(saveBarArea);
    if (!hiddenSaveBarStyle.isConnected) document.body.appendChild(hiddenSaveBarStyle);
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

  // The resource picker: admin draws a modal outside the iframe; here it is a native <dialog> (focus trapped, Escape
  // cancels) with a checkbox (or radio) per resource.
  function resourcePicker(options) {
    var resources = window.__demoResources || { products: [], collections: [] };
    var type = options && options.type;
    var kind = type === "collection" ? "Collection" : type === "variant" ? "ProductVariant" : "Product";
    var items = [];
    if (type === "collection") {
      resources.collections.forEach(function (c) { items.push({ id: "gid://shopify/Collection/" + c.id, title: c.title }); });
    } else if (type === "variant") {
      resources.products.forEach(function (p) {
        p.variants.forEach(function (v) { items.push({ id: "gid://shopify/ProductVariant/" + v.id, title: v.title, product: { id: "gid://shopify/Product/" + p.id } }); });
      });
    } else {
      resources.products.forEach(function (p) {
        items.push({ id: "gid://shopify/Product/" + p.id, title: p.title, variants: p.variants.map(function (v) { return { id: "gid://shopify/ProductVariant/" + v.id, title: v.title }; }) });
      });
    }
    var multiple = options && options.multiple !== undefined ? Boolean(options.multiple) : false;
    var selected = {};
    ((options && options.selectionIds) || []).forEach(function (s) { selected[s.id] = true; });
    return new Promise(function (resolve) {
      var dialog = document.createElement("dialog");
      dialog.setAttribute("data-demo-resource-picker", kind);
      dialog.setAttribute("aria-labelledby", "demo-picker-title");
      dialog.style.cssText = "font:14px system-ui,sans-serif;border:1px solid #888;border-radius:8px;padding:16px;min-width:280px";
      var heading = document.createElement("h2");
      heading.id = "demo-picker-title";
      heading.textContent = "Select " + (kind === "Collection" ? "collections" : kind === "ProductVariant" ? "a variant" : "products");
      heading.style.cssText = "font-size:16px;margin:0 0 12px";
      var form = document.createElement("form");
      form.method = "dialog";
      var fieldset = document.createElement("fieldset");
      fieldset.style.cssText = "border:0;padding:0;margin:0 0 12px;display:grid;gap:8px";
      var legend = document.createElement("legend");
      legend.textContent = heading.textContent;
      legend.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)";
      fieldset.appendChild(legend);
      items.forEach(function (item) {
        var label = document.createElement("label");
        var input = document.createElement("input");
        input.type = multiple ? "checkbox" : "radio";
        input.name = "resource";
        input.value = item.id;
        input.checked = Boolean(selected[item.id]);
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + item.title));
        fieldset.appendChild(label);
      });
      var choose = document.createElement("button");
      choose.type = "submit";
      choose.value = "select";
      choose.textContent = "Select";
      var cancel = document.createElement("button");
      cancel.type = "submit";
      cancel.value = "cancel";
      cancel.textContent = "Cancel";
      cancel.style.marginLeft = "8px";
      form.appendChild(fieldset);
      form.appendChild(choose);
      form.appendChild(cancel);
      dialog.appendChild(heading);
      dialog.appendChild(form);
      dialog.addEventListener("close", function () {
        var picked = dialog.returnValue === "select"
          ? items.filter(function (item) { return form.querySelector('input[value="' + item.id + '"]').checked; })
          : undefined;
        dialog.remove();
        resolve(picked);
      });
      document.body.appendChild(dialog);
      dialog.showModal();
    });
  }

  window.shopify = {
    resourcePicker: resourcePicker,
    config: { apiKey: apiKey, shop: params.get("shop"), host: params.get("host"), locale: params.get("locale") || "en" },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: idToken,
    loading: function (on) {
      document.documentElement.toggleAttribute("data-demo-loading", Boolean(on));
    },
    saveBar: {
      show: function (id) {
        var element = document.getElementById(id);
        return element && element.show ? element.show() : Promise.resolve();
      },
      hide: function (id) {
        var element = document.getElementById(id);
        return element && element.hide ? element.hide() : Promise.resolve();
      },
      toggle: function (id) {
        var element = document.getElementById(id);
        return element && element.toggle ? element.toggle() : Promise.resolve();
      },
      leaveConfirmation: function () {
        return Promise.resolve();
      },
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
