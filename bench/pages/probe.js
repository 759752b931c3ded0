// Records, in ms since navigation start (performance.now()), when the
// article title and then 20 comments are in the widget's shadow root, and
// when its form is usable: there, run by the module (embed.js marks the
// host `data-encart` once the module has hydrated or rendered the widget),
// and painted (the first task after the next animation frame), so that a
// form inserted by the module is not counted before the reader can see it.
(function () {
  var probe = (window.__probe = { title: null, comments: null, usable: null, state: null });
  var watched = [];
  var pending = false;
  function check() {
    var host = document.querySelector("encart-widget");
    var root = host && host.shadowRoot;
    if (!root) return;
    if (watched.indexOf(root) < 0) {
      watched.push(root);
      observer.observe(root, { childList: true, subtree: true });
    }
    var now = performance.now();
    if (probe.title === null && root.querySelector(".title")) probe.title = now;
    if (probe.comments === null && root.querySelectorAll(".comment").length >= 20) probe.comments = now;
    var state = host.getAttribute("data-encart");
    var running = state === "hydrated" || state === "rendered";
    if (!pending && running && root.querySelector(".comment-form")) {
      pending = true;
      requestAnimationFrame(function () {
        setTimeout(function () {
          probe.usable = performance.now();
        }, 0);
      });
    }
    if (state) probe.state = state;
  }
  var observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-encart"] });
  document.addEventListener("DOMContentLoaded", check);
})();
