/* encart comment counts — served from the CDN at a stable URL, like embed.js.
 *
 *   <a href="/2025/05/haftar" data-encart-count="SLUG">Commentaires</a>
 *   <script async src="https://CDN/count.js" data-api="https://API"></script>
 *
 * Fills every element with data-encart-count with "12 commentaires" or
 * "12 comments" (in the language of its closest lang attribute), with one
 * request per API for the whole page. An element may carry its own data-api.
 * Unknown articles and failed requests leave the element's text as it is. */
(function () {
  "use strict";
  var script = document.currentScript;
  var pageApi = script && script.dataset.api;

  function label(n, lang) {
    var fr = /^fr/i.test(lang);
    var number = n.toLocaleString(fr ? "fr-FR" : "en-US");
    if (fr) return number + (n > 1 ? " commentaires" : " commentaire");
    return number + (n === 1 ? " comment" : " comments");
  }

  function fill(api, elements) {
    var slugs = [];
    elements.forEach(function (el) {
      if (slugs.indexOf(el.dataset.encartCount) < 0) slugs.push(el.dataset.encartCount);
    });
    // The API answers up to 100 articles a request.
    for (var start = 0; start < slugs.length; start += 100) {
      var batch = slugs.slice(start, start + 100).map(encodeURIComponent).join(",");
      fetch(api + "/api/v1/counts?slugs=" + batch, { credentials: "omit" })
        .then(function (response) {
          return response.ok ? response.json() : { counts: {} };
        })
        .then(function (answer) {
          elements.forEach(function (el) {
            var n = answer.counts && answer.counts[el.dataset.encartCount];
            var lang = el.closest("[lang]");
            if (typeof n === "number") el.textContent = label(n, (lang && lang.lang) || "en");
          });
        })
        .catch(function () {});
    }
  }

  function run() {
    var byApi = {};
    var found = document.querySelectorAll("[data-encart-count]");
    for (var i = 0; i < found.length; i++) {
      var api = (found[i].dataset.api || pageApi || "").replace(/\/+$/, "");
      if (api && found[i].dataset.encartCount) (byApi[api] = byApi[api] || []).push(found[i]);
    }
    Object.keys(byApi).forEach(function (api) {
      fill(api, byApi[api]);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
