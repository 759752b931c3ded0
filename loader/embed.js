/* encart loader — served from the CDN at a stable URL, next to the hashed
 * widget files whose names `cargo xtask dist` writes in below.
 *
 *   <script async src="https://CDN/embed.js" data-api="https://API" data-article="SLUG"></script>
 *     puts a widget where the tag is;
 *   <div data-encart-article="SLUG"></div>
 *     anywhere on the page gets one too (data-api falls back to the script's).
 *   data-lang="fr": the widget's language, one of i18n/ (README, "Languages");
 *   data-heading-level="1".."6": level of the title (default 2);
 *   data-theme="auto|light|dark|sepia": theme until the reader picks one;
 *   data-sort="newest|oldest|recommended": order of the comments until the
 *     reader picks one (default: the site's, else newest);
 *   data-render="client": no server-rendered first view (see below);
 *   data-load="eager": the module at once (see below; client rendering
 *     implies it);
 *   data-auth-token="JWT": the reader's sign-in token, signed by the site's
 *     backend (README, "Signing readers in"); sent only with the requests
 *     made as that reader, never with the shared ones.
 *
 *   encart.signIn(token) / encart.signOut(): the reader signed in or out
 *   after the page loaded (or a fresh token): every widget on the page
 *   follows, keeping what the reader typed. A widget fires
 *   "encart:auth-expired" on its host element when the token ran out (a post
 *   then waits for encart.signIn), and "encart:sign-out" when the reader
 *   signs out in it (the page may end its own session too).
 *
 * Each widget lives in its own open shadow root. Each widget's first view,
 * rendered by the API, is shown at once. The wasm module is loaded only when
 * a reader is about to need it: when the widget's discussion comes within
 * one and a half screens of view, or the reader touches, clicks, focuses or
 * types in the widget, or the page says data-load="eager". It is loaded once
 * per page and CDN, however many widgets and loader tags there are, and
 * hydrates each first view in place. What the reader did with a control
 * before it ran (sent the form, asked for an answer form, more comments,
 * another order, theme or size, a report) is held, shown busy after 100 ms,
 * and done once when it runs. When the first view cannot be had, the module
 * is loaded at once and renders the widget itself. The host element's
 * `data-encart` says where a widget stands: "loading", then "hydrated" or
 * "rendered" once the module runs it, "static" (first view only) or
 * "fallback" when the module cannot run on the page, "unmounted" once the
 * page has removed it. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = new URL(".", script.src).href;
  var data = script.dataset;
  var modules = window.__encart || (window.__encart = {});
  // The widgets running on the page, {host, widget}, shared by every loader tag.
  var mounted = modules.mounted || (modules.mounted = []);
  var glueUrl = base + "__GLUE_JS__";
  // The widget's stylesheet on the CDN (src/app.rs, `STYLE_NAME`).
  var CSS = "__CSS__";
  // What the widget and this loader agree on (encart_api_types::loader),
  // written in by `cargo xtask dist`.
  var PAGE_SIZE = __FIRST_PAGE_SIZE__;
  var TIMEOUT_MS = __REQUEST_TIMEOUT_MS__;
  var THEME_KEY = "__THEME_KEY__";
  var SIZE_KEY = "__TEXT_SIZE_KEY__";
  var SORT_KEY = "__SORT_KEY__";
  var SIGN_OUT_EVENT = "__SIGN_OUT_EVENT__";

  // The reader's sign-in, one for the page: each widget starts with its
  // data-auth-token (else the script's) until the page calls signIn or
  // signOut, which then speaks for every widget, mounted or to come.
  if (!modules.signIn) {
    var each = function (call) {
      for (var i = 0; i < mounted.length; i++) {
        try {
          call(mounted[i].widget);
        } catch (e) {
          console.error("encart: a widget could not follow the sign-in", e);
        }
      }
    };
    modules.signIn = function (token) {
      if (!token) return modules.signOut();
      modules.token = { value: String(token) };
      each(function (widget) {
        widget.signIn(modules.token.value);
      });
    };
    modules.signOut = function () {
      modules.token = { value: null };
      each(function (widget) {
        widget.signOut();
      });
    };
    var api = window.encart || (window.encart = {});
    api.signIn = modules.signIn;
    api.signOut = modules.signOut;
    document.addEventListener(SIGN_OUT_EVENT, function () {
      modules.signOut();
    });
  }
  // The first localStorage access of a page can take a while (the browser
  // opens the store): paid here, before any download starts, rather than
  // between the module's and the first view's.
  saved(THEME_KEY);

  // The module of this CDN, fetched on the first call (by any loader tag):
  // its glue, which ends with what starts a widget (loader/start.js, so
  // that this file carries only what the first view needs), and the wasm,
  // compiled while it downloads alongside the glue (not after it); a CDN
  // that mislabels it still works, with a second fetch. Resolves to
  // `start(how, target, config, then, view)`, `how` being "hydrate" or
  // "render", `then` what is done with the widget as soon as it is mounted.
  function load() {
    var ready = modules[base];
    if (ready) return ready;
    var url = base + "__WASM__";
    var compile = function (response) {
      return response.arrayBuffer().then(WebAssembly.compile);
    };
    var module = WebAssembly.compileStreaming
      ? WebAssembly.compileStreaming(fetch(url)).catch(function () {
          return fetch(url).then(compile);
        })
      : fetch(url).then(compile);
    // Handled here too: if the glue never loads, nobody else awaits it.
    module.catch(function () {});
    var env = { module: module, json: json, token: token, stylesheet: stylesheet };
    ready = modules[base] = import(glueUrl).then(function (glue) {
      return function (how, target, config, then, view) {
        return glue.encart[how](glue, env, target, config, then, view);
      };
    });
    // Awaited by each widget once its first view is in: handled meanwhile.
    ready.catch(function () {});
    return ready;
  }

  // The widget's stylesheet from the CDN, once per page: for each first
  // view, and for a widget the module renders itself ("" if it cannot be had).
  function stylesheet() {
    var url = base + CSS;
    return (
      modules[url] ||
      (modules[url] = fetch(url, { credentials: "omit" })
        .then(function (r) {
          return r.ok ? r.text() : "";
        })
        .catch(function () {
          return "";
        }))
    );
  }

  // Starts a GET the widget will read once it runs. Its failures are the
  // widget's to report: none reaches the page's unhandledrejection.
  function get(url, priority) {
    var init = { headers: { Accept: "application/json" }, credentials: "omit", priority: priority || "auto" };
    if (window.AbortSignal && AbortSignal.timeout) init.signal = AbortSignal.timeout(TIMEOUT_MS);
    var response = fetch(url, init);
    response.catch(function () {});
    return response;
  }

  function saved(key) {
    try {
      return localStorage.getItem(key) || undefined;
    } catch (e) {}
  }

  // A widget's options: its element's data-* attributes, else the script's.
  function options(d, article) {
    var api = d.api || data.api;
    return {
      api: api,
      article: article,
      url: api && api.replace(/\/+$/, "") + "/api/v1/articles/" + encodeURIComponent(article),
      lang: d.lang || data.lang || undefined,
      headingLevel: d.headingLevel || data.headingLevel || undefined,
      theme: d.theme || data.theme || undefined,
      // The reader's choice, else the page's; a word the API does not know is dropped.
      sort: [saved(SORT_KEY), d.sort, data.sort].filter(function (s) {
        return /^(newest|oldest|recommended)$/.test(s);
      })[0],
      render: d.render || data.render,
      eager: (d.load || data.load) === "eager" || (d.render || data.render) === "client",
      ownToken: d.authToken || data.authToken || undefined
    };
  }

  // The token a widget mounts with (see modules.signIn).
  function token(config) {
    return (modules.token ? modules.token.value : config.ownToken) || undefined;
  }

  function json(response) {
    return response.ok ? response.json() : Promise.reject(new Error(response.url + ": " + response.status));
  }

  // A query string of `query`'s values, with what the API chooses the
  // widget's language from (besides the site's and the article's).
  function withLanguages(config, query) {
    query.lang = config.lang;
    query.ui = document.documentElement.lang;
    query.browser = (navigator.languages || [navigator.language]).join(",");
    var pairs = [];
    for (var key in query) if (query[key]) pairs.push(key + "=" + encodeURIComponent(query[key]));
    return pairs.join("&");
  }

  // The first view, for this page and this reader's saved preferences
  // (src/entry.rs reads the same), as the API renders it, with its
  // stylesheet, without its data (`data=apart`: asked for with the module;
  // a server of an earlier release sends it inside); or null. The API leaves the stylesheet out when it is the
  // one this loader names, fetched alongside from the CDN (cached for good:
  // every later page view goes without it); should that fetch fail, the
  // view is asked for again with its own (`inline`).
  function firstView(config, inline) {
    var query = withLanguages(config, { heading: config.headingLevel, theme: saved(THEME_KEY) || config.theme,
                                        size: saved(SIZE_KEY), sort: config.sort, css: inline ? "" : CSS, data: "apart" });
    if (!inline) stylesheet();
    config.query = query;
    // Ahead of the module on a slow connection: it is what the reader sees first.
    return get(config.url + "/embed?" + query, "high")
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .catch(function () {
        return null;
      })
      .then(function (view) {
        if (!view || view.css || inline) return view;
        return stylesheet().then(function (css) {
          if (!css) return firstView(config, true);
          view.css = css;
          return view;
        });
      });
  }

  var sheets = {};
  // Puts `view` in the shadow root; false if the page does not let us.
  function show(root, target, view) {
    try {
      var css = view.css;
      if (root.adoptedStyleSheets && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
        if (!sheets[css]) (sheets[css] = new CSSStyleSheet()).replaceSync(css);
        root.adoptedStyleSheets = [sheets[css]];
      } else {
        var style = document.createElement("style");
        style.textContent = css;
        root.insertBefore(style, target);
      }
      target.innerHTML = view.html;
      return true;
    } catch (e) {
      return false;
    }
  }

  function mount(host, d, article) {
    // Once per host, again if its widget was unmounted (the element was
    // taken out of the page and is back, as kept-alive views of apps are).
    var root = host.shadowRoot;
    if (root && host.getAttribute("data-encart") !== "unmounted") return;
    var target;
    try {
      target = document.createElement("div");
      if (!root) {
        root = host.attachShadow({ mode: "open" });
        // A picture that cannot load leaves its caption (error events do not
        // bubble: caught on the way down).
        root.addEventListener("error", function (e) {
          if (e.target.tagName === "IMG") e.target.hidden = true;
        }, true);
      }
      root.replaceChildren(target);
      host.setAttribute("data-encart", "loading");
    } catch (e) {
      console.error("encart: cannot attach a widget to", host, e);
      return;
    }
    var config = options(d, article);
    var done = function (widget) {
      if (widget.how) mounted.push({ host: host, widget: widget });
      host.setAttribute("data-encart", widget.how || widget);
    };
    if (config.render === "client" || !config.url) return run(target, config, done);

    // Until the module runs, what the reader does with a control is held
    // (a form without its handler would reload the page), then done once.
    var held = hold(root);
    var wanted = false;
    var near = null;
    firstView(config).then(function (view) {
      if (!view || typeof view.html != "string" || !show(root, target, view)) {
        held.stop();
        return run(target, config, done);
      }
      config.build = view.build;
      config.css = view.css;
      var started = function (widget) {
        held.stop();
        done(widget);
        held.replay();
      };
      var go = function () {
        if (wanted) return;
        wanted = true;
        if (near) near.disconnect();
        held.stop(true);
        // The data the view was rendered from, while the module loads.
        config.stateResponse = get(config.url + "/embed/state?" + config.query).then(json);
        config.stateResponse.catch(function () {});
        load()
          .then(function (start) {
            return start("hydrate", target, config, started, view);
          })
          .catch(function (e) {
            console.error("encart: the widget could not start", e);
            held.stop();
            // The article and comments stay; the form says it cannot send.
            var note = document.createElement("p");
            note.className = "form-status unavailable";
            note.setAttribute("role", "status");
            note.textContent = view.unavailable;
            var form = root.querySelector(".new-comment form");
            if (form) form.insertBefore(note, form.firstChild);
            var controls = root.querySelectorAll("button, input, textarea, select");
            for (var i = 0; i < controls.length; i++) controls[i].disabled = true;
            done("static");
          });
      };
      held.onUse(go);
      if (config.eager || !window.IntersectionObserver) return go();
      // The discussion (or, without one, the whole view) within one and a
      // half screens of view.
      near = new IntersectionObserver(
        function (entries) {
          for (var i = 0; i < entries.length; i++) if (entries[i].isIntersecting) return go();
        },
        { rootMargin: "150% 0px 150% 0px" }
      );
      near.observe(root.querySelector(".picks, .comments") || target);
    });
  }

  // What a reader does in `root` before the module runs it: each control's
  // last click or change, and a form's "send", held in order, each once.
  // `onUse(f)` calls f at the first focus, touch, click or key; `stop(using)`
  // stops holding (still calling f if `using`); `replay()` does what was held,
  // on the controls still in the page.
  function hold(root) {
    var actions = [];
    var use = null;
    var busy = null;
    var late = false;
    // The controls marked busy: only these are unmarked (the widget's own
    // views use aria-busy too).
    var marked = [];
    var mark = function () {
      late = true;
      for (var i = 0; i < actions.length; i++) {
        var action = actions[i];
        var shown = action.type === "submit" ? action.control.querySelector("[type=submit]") || action.control : action.control;
        shown.setAttribute("aria-busy", "true");
        shown.setAttribute("data-encart-held", "");
        marked.push(shown);
      }
    };
    var used = function () {
      if (use) use();
    };
    var uses = ["focusin", "pointerdown", "keydown"];
    var keep = function (e) {
      var control = e.target.closest && e.target.closest("button, select, form");
      if (!control) return;
      var form = e.type === "submit" && control.tagName === "FORM";
      var select = e.type === "change" && control.tagName === "SELECT";
      var button = e.type === "click" && control.tagName === "BUTTON" && control.type === "button";
      if (!form && !select && !button) return;
      if (!select) e.preventDefault();
      for (var i = 0; i < actions.length; i++) if (actions[i].control === control) actions.splice(i--, 1);
      actions.push({ control: control, type: e.type });
      used();
      // Busy, if the module takes a while.
      if (late) mark();
      else if (!busy) busy = setTimeout(mark, 100);
    };
    var kept = ["click", "change", "submit"];
    var listen = function (names, f, on) {
      for (var i = 0; i < names.length; i++) root[on ? "addEventListener" : "removeEventListener"](names[i], f, true);
    };
    listen(uses, used, true);
    listen(kept, keep, true);
    return {
      onUse: function (f) {
        use = f;
      },
      stop: function (using) {
        listen(uses, used, false);
        if (!using) {
          listen(kept, keep, false);
          clearTimeout(busy);
          for (var i = 0; i < marked.length; i++) {
            marked[i].removeAttribute("aria-busy");
            marked[i].removeAttribute("data-encart-held");
          }
        }
      },
      replay: function () {
        var todo = actions.splice(0);
        for (var i = 0; i < todo.length; i++) {
          var control = todo[i].control;
          if (!control.isConnected) continue;
          if (todo[i].type === "submit") control.requestSubmit();
          else if (todo[i].type === "change") control.dispatchEvent(new Event("change", { bubbles: true }));
          else control.click();
        }
      }
    };
  }

  // The module renders the widget itself: the article and its first
  // comments are requested at once, while the module loads (URLs as in src/api.rs).
  function run(target, config, done) {
    if (config.url) {
      config.articleResponse = get(config.url);
      config.commentsResponse = get(config.url + "/comments?limit=" + PAGE_SIZE + (config.sort ? "&sort=" + config.sort : ""));
    }
    // The widget's words, in the language its first view would have (the
    // module's start falls back on the CDN's where the API cannot say).
    if (config.url) {
      config.wordsResponse = get(config.url + "/words?" + withLanguages(config, {})).then(json);
      config.wordsResponse.catch(function () {}); // the widget's to report, not the page's
    }
    load()
      .then(function (start) {
        return start("render", target, config, done);
      })
      .catch(function (e) {
        console.error("encart: the widget could not start", e);
        // The partner's own content, if it gave some (a <slot>); with a
        // plain link to the article where the glue came (loader/start.js).
        target.replaceChildren(document.createElement("slot"));
        load()
          .then(function (start) {
            start("fallback", target, config);
          })
          .catch(function () {});
        done("fallback");
      });
  }

  // The element that holds a widget where its script tag is: <encart-widget>,
  // unless the page already gave that name to an element of its own (its
  // constructor would run, or throw): then a plain <div data-encart-host>.
  function hostElement() {
    if (!(window.customElements && customElements.get("encart-widget"))) {
      try {
        return document.createElement("encart-widget");
      } catch (e) {}
    }
    var div = document.createElement("div");
    div.setAttribute("data-encart-host", "");
    return div;
  }

  if (data.article) {
    var host = hostElement();
    script.parentNode.insertBefore(host, script);
    mount(host, data, data.article);
  }

  function mountPlaceholders(within) {
    var found = within.querySelectorAll("[data-encart-article]");
    for (var i = 0; i < found.length; i++) {
      mount(found[i], found[i].dataset, found[i].dataset.encartArticle);
    }
    if (within.matches && within.matches("[data-encart-article]")) mount(within, within.dataset, within.dataset.encartArticle);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      mountPlaceholders(document);
    });
  } else {
    mountPlaceholders(document);
  }

  // Single-page apps add and remove placeholders as they navigate: added
  // ones get a widget, and the widgets of removed ones are unmounted (their
  // timers and state go with them). One observer per page.
  if (!modules.observer && window.MutationObserver) {
    modules.observer = new MutationObserver(function (records) {
      var removed = false;
      for (var i = 0; i < records.length; i++) {
        var added = records[i].addedNodes;
        for (var j = 0; j < added.length; j++) if (added[j].nodeType === 1) mountPlaceholders(added[j]);
        removed = removed || records[i].removedNodes.length > 0;
      }
      if (!removed) return;
      for (var k = mounted.length - 1; k >= 0; k--) {
        if (!mounted[k].host.isConnected) {
          var gone = mounted.splice(k, 1)[0];
          gone.widget.unmount();
          gone.host.setAttribute("data-encart", "unmounted");
        }
      }
    });
    modules.observer.observe(document.documentElement, { childList: true, subtree: true });
  }
})();
