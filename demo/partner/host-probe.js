// The partner page's own instrumentation, for the browser tests: records
// every error, unhandled rejection and CSP violation that reaches the page,
// any call of the traps injected code would make (__pwn, alert…), and
// ticks, so a test can tell the page kept running.
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
  // Traps for injected code: every payload of the attack corpus calls one.
  var pwned = (window.__pwned = []);
  window.__pwn = function (n) {
    pwned.push(n);
  };
  ["alert", "confirm", "prompt", "print"].forEach(function (name) {
    window[name] = function (x) {
      pwned.push(name + " " + x);
    };
  });
  window.__hostTicks = 0;
  setInterval(function () {
    window.__hostTicks++;
  }, 50);
})();
