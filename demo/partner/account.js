// The partner's own account handling, as a single-page site would have it
// (signed-in.html). The reader "signs in" with a name (the demo's stand-in
// for a real login); the partner's backend (/token) signs a token for them,
// which the page hands to encart. It also:
//   - answers "encart:auth-expired" by asking its backend for a fresh token
//     (as a site renews a session), then encart.signIn(token): a comment
//     that waited for it goes;
//   - ends its own session on "encart:sign-out" (the reader signed out in a
//     widget).
// The page's `?reader=NAME[&role=staff]` is the reader its backend rendered
// the page for. Test knob: window.__holdRefresh = true holds a renewal until
// window.__releaseRefresh().
(function () {
  "use strict";
  var query = new URLSearchParams(location.search);
  var reader = query.get("reader") || "";
  var role = query.get("role") || "";
  var held = null;

  function tokenFor(name, ttl) {
    var url = "token?reader=" + encodeURIComponent(name) + (role ? "&role=" + encodeURIComponent(role) : "");
    if (ttl) url += "&ttl=" + ttl;
    return fetch(url, { cache: "no-store" }).then(function (response) {
      if (!response.ok) throw new Error("the site's sign-in failed: " + response.status);
      return response.text();
    });
  }

  function show() {
    var who = document.getElementById("account-who");
    if (!who) return;
    who.textContent = reader ? "Abonné : " + reader : "Vous n’êtes pas connecté.";
    document.getElementById("account-sign-out").hidden = !reader;
    document.getElementById("account-sign-in").hidden = !!reader;
    document.getElementById("account-name").parentElement.hidden = !!reader;
  }

  // Hands `token` to encart: through its loader's API once the loader has
  // run, else on the script tag, where the loader will read it.
  function hand(token) {
    if (window.encart && window.encart.signIn) return window.encart.signIn(token);
    var tag = document.querySelector("script[data-article]");
    if (tag) tag.setAttribute("data-auth-token", token);
  }

  function signIn(name, ttl) {
    return tokenFor(name, ttl).then(function (token) {
      reader = name;
      show();
      hand(token);
    });
  }

  function refresh() {
    if (!reader) return;
    tokenFor(reader).then(hand);
  }

  window.__signInAs = signIn;
  window.__releaseRefresh = function () {
    var go = held;
    held = null;
    if (go) go();
  };

  document.addEventListener("encart:auth-expired", function () {
    if (window.__holdRefresh) {
      held = refresh;
      return;
    }
    refresh();
  });
  document.addEventListener("encart:sign-out", function () {
    reader = "";
    show();
  });

  document.addEventListener("DOMContentLoaded", function () {
    show();
    document.getElementById("account").addEventListener("submit", function (event) {
      event.preventDefault();
      var name = document.getElementById("account-name").value.trim();
      if (name) signIn(name);
    });
    document.getElementById("account-sign-out").addEventListener("click", function () {
      reader = "";
      show();
      if (window.encart && window.encart.signOut) window.encart.signOut();
      var tag = document.querySelector("script[data-article]");
      if (tag) tag.removeAttribute("data-auth-token");
    });
  });
})();
