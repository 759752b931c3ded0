// Test page helper (`held.html`), set by the location's hash:
//   #hold      the widget's wasm download is held until window.__releaseWasm();
//   #stale     first views claim another build (a server of another release);
//   #tampered  first views lose their comment list (a page that edits them);
//   #no-stylesheet  the CDN's stylesheet cannot be fetched;
//   #later-data  the first view's data (`…/embed/state`) is asked for only
//               at window.__releaseData() (the discussion may change meanwhile);
//   #old-server  first views come as a server of an earlier release sends
//               them: another build, the data inside, no version.
// It wraps `fetch`, as a partner page's own scripts may, and records what
// is said on the console (window.__console).
(function () {
  "use strict";
  var flags = location.hash;
  // What the widget says on the console (Leptos's hydration warnings, panics).
  var said = (window.__console = []);
  ["warn", "error"].forEach(function (level) {
    var log = console[level];
    console[level] = function () {
      said.push(level + ": " + Array.prototype.join.call(arguments, " "));
      return log.apply(console, arguments);
    };
  });
  var original = window.fetch;
  var release;
  var released = new Promise(function (resolve) {
    release = resolve;
  });
  window.__releaseWasm = function () {
    release();
  };
  var later;
  var asked = new Promise(function (resolve) {
    later = resolve;
  });
  window.__releaseData = function () {
    later();
  };
  window.fetch = function (input) {
    var url = String((input && input.url) || input);
    var args = arguments;
    if (/\/embed\/state\?/.test(url) && /later-data/.test(flags)) {
      return asked.then(function () {
        return original.apply(window, args);
      });
    }
    var response = original.apply(this, arguments);
    if (/\.wasm(\?|$)/.test(url) && /hold/.test(flags)) {
      return released.then(function () {
        return response;
      });
    }
    if (/\.css(\?|$)/.test(url) && /no-stylesheet/.test(flags)) {
      return Promise.reject(new TypeError("Failed to fetch"));
    }
    if (/\/embed\?/.test(url) && /old-server/.test(flags)) {
      return response.then(function (r) {
        return r.json().then(function (view) {
          return original(url.replace("/embed?", "/embed/state?")).then(function (r) {
            return r.json().then(function (state) {
              var old = { build: "0000000000000000", html: view.html, css: view.css, unavailable: view.unavailable, state: state };
              return new Response(JSON.stringify(old), { headers: { "Content-Type": "application/json" } });
            });
          });
        });
      });
    }
    if (/\/embed\?/.test(url) && /stale|tampered/.test(flags)) {
      return response.then(function (r) {
        return r.json().then(function (view) {
          if (/stale/.test(flags)) view.build = "0000000000000000";
          if (/tampered/.test(flags)) view.html = view.html.replace(/<ol class="thread">[\s\S]*<\/ol>/, "");
          return new Response(JSON.stringify(view), { headers: { "Content-Type": "application/json" } });
        });
      });
    }
    return response;
  };
})();
