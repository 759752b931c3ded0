/* encart comment counts — served from the CDN at a stable URL, like embed.js.
 *
 *   <a href="/2025/05/haftar" data-encart-count="SLUG">Commentaires</a>
 *   <script async src="https://CDN/count.js" data-api="https://API"></script>
 *
 * Fills every element with data-encart-count with "12 commentaires",
 * "12 comments"… in the widget's words for the language of its closest lang
 * attribute (else the site's, else the reader's browser's), which the API
 * writes, with one request per API and language for the whole page. An
 * element may carry its own data-api. Unknown articles and failed requests
 * leave the element's text as it is. */
(function () {
  "use strict";
  var script = document.currentScript;
  var pageApi = script && script.dataset.api;

  var browser = encodeURIComponent((navigator.languages || [navigator.language]).join(","));

  function fill(api, lang, elements) {
    var slugs = [];
    elements.forEach(function (el) {
      if (slugs.indexOf(el.dataset.encartCount) < 0) slugs.push(el.dataset.encartCount);
    });
    // The API answers up to 100 articles a request.
    for (var start = 0; start < slugs.length; start += 100) {
      var batch = slugs.slice(start, start + 100).map(encodeURIComponent).join(",");
      var query = "?slugs=" + batch + "&lang=" + encodeURIComponent(lang) + "&browser=" + browser;
      fetch(api + "/api/v1/counts" + query, { credentials: "omit" })
        .then(function (response) {
          return response.ok ? response.json() : {};
        })
        .then(function (answer) {
          elements.forEach(function (el) {
            var label = answer.labels && answer.labels[el.dataset.encartCount];
            if (typeof label === "string") el.textContent = label;
          });
        })
        .catch(function () {});
    }
  }

  function run() {
    var groups = {};
    var found = document.querySelectorAll("[data-encart-count]");
    for (var i = 0; i < found.length; i++) {
      var api = (found[i].dataset.api || pageApi || "").replace(/\/+$/, "");
      var lang = found[i].closest("[lang]");
      var key = JSON.stringify([api, (lang && lang.lang) || ""]);
      if (api && found[i].dataset.encartCount) (groups[key] = groups[key] || []).push(found[i]);
    }
    Object.keys(groups).forEach(function (key) {
      fill(JSON.parse(key)[0], JSON.parse(key)[1], groups[key]);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
