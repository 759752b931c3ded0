// Records when the article title and then 20 comments are in the widget's
// shadow root, in ms since navigation start (performance.now()).
(function () {
  var probe = (window.__probe = { title: null, comments: null });
  var watched = [];
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
  }
  var observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", check);
})();
