// The partner page's own instrumentation, for the browser tests: records
// every error, unhandled rejection and CSP violation that reaches the page,
// and ticks, so a test can tell the page kept running.
(function () {
  var errors = (window.__hostErrors = []);
  window.addEventListener("error", function (e) {
    errors.push("error: " + e.message);
  });
  window.addEventListener("unhandledrejection", function (e) {
    errors.push("unhandled rejection: " + e.reason);
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    errors.push("CSP violation: " + e.violatedDirective + " " + e.blockedURI);
  });
  window.__hostTicks = 0;
  setInterval(function () {
    window.__hostTicks++;
  }, 50);
})();
