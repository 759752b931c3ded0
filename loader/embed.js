/* encart loader — served from the CDN at a stable URL, next to the hashed
 * widget files whose names `cargo xtask dist` writes in below.
 *
 *   <script async src="https://CDN/embed.js" data-api="https://API" data-article="SLUG"></script>
 *     puts a widget where the tag is;
 *   <div data-encart-article="SLUG"></div>
 *     anywhere on the page gets one too (data-api falls back to the script's).
 *   data-lang="fr|en": the widget's language (default: the article's);
 *   data-heading-level="1".."6": level of the title (default 2);
 *   data-theme="auto|light|dark|sepia": theme until the reader picks one.
 *
 * Each widget lives in its own open shadow root. The wasm module is loaded
 * once per page and CDN, however many widgets and loader tags there are. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = new URL(".", script.src).href;
  var data = script.dataset;
  var modules = window.__encart || (window.__encart = {});
  var ready = modules[base];
  if (!ready) {
    // The wasm is compiled while it downloads, alongside the glue's download
    // (not after it); a CDN that mislabels it still works, with a second fetch.
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
    ready = modules[base] = import(base + "__GLUE_JS__").then(function (glue) {
      return glue.default({ module_or_path: module }).then(function () {
        return glue;
      });
    });
  }

  // Starts a GET the widget will read once it runs. Its failures are the
  // widget's to report: none reaches the page's unhandledrejection.
  function get(url) {
    var init = { headers: { Accept: "application/json" }, credentials: "omit" };
    if (window.AbortSignal && AbortSignal.timeout) init.signal = AbortSignal.timeout(4000);
    var response = fetch(url, init);
    response.catch(function () {});
    return response;
  }

  // A widget's options: its element's data-* attributes, else the script's.
  // The article and its first comments are requested at once, while the
  // module loads; these URLs are the ones src/api.rs builds.
  function options(d, article) {
    var api = d.api || data.api;
    var config = {
      api: api,
      article: article,
      lang: d.lang || data.lang || undefined,
      headingLevel: d.headingLevel || data.headingLevel || undefined,
      theme: d.theme || data.theme || undefined
    };
    if (api && article) {
      var url = api.replace(/\/+$/, "") + "/api/v1/articles/" + encodeURIComponent(article);
      config.articleResponse = get(url);
      config.commentsResponse = get(url + "/comments?limit=20");
    }
    return config;
  }

  function mount(host, d, article) {
    if (host.shadowRoot) return;
    var target;
    try {
      target = document.createElement("div");
      host.attachShadow({ mode: "open" }).appendChild(target);
    } catch (e) {
      console.error("encart: cannot attach a widget to", host, e);
      return;
    }
    var config = options(d, article);
    ready
      .then(function (glue) {
        glue.mount(target, config);
      })
      .catch(function (e) {
        console.error("encart: the widget could not start", e);
        fallback(target, config);
      });
  }

  // Where the module cannot run (blocked, missing, no WebAssembly): the
  // placeholder's own content, if the partner gave some (a <slot>), and a
  // plain link to the article. Text only, never markup from the network.
  function fallback(target, config) {
    var box = document.createElement("p");
    target.replaceChildren(document.createElement("slot"), box);
    function say(lang, article) {
      var fr = /^fr/i.test(lang);
      box.textContent = fr ? "Le lecteur d’articles n’a pas pu s’afficher ici. " : "The article reader could not load here. ";
      if (!article || !article.title) return;
      var link = document.createElement("a");
      link.textContent = article.title;
      if (/^https?:\/\//i.test(article.source_url || "")) link.href = article.source_url;
      box.appendChild(link);
    }
    var lang = config.lang || document.documentElement.lang || "";
    say(lang);
    (config.articleResponse || Promise.reject())
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (article) {
        say(config.lang || (article && article.language) || lang, article);
      })
      .catch(function () {});
  }

  if (data.article) {
    var host = document.createElement("encart-widget");
    script.parentNode.insertBefore(host, script);
    mount(host, data, data.article);
  }

  function mountPlaceholders() {
    var found = document.querySelectorAll("[data-encart-article]");
    for (var i = 0; i < found.length; i++) {
      mount(found[i], found[i].dataset, found[i].dataset.encartArticle);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountPlaceholders);
  } else {
    mountPlaceholders();
  }
})();
