// Host scripts as found in the wild, which the widget must live with: a
// monitoring wrapper around fetch, and libraries that extend built-in
// prototypes with enumerable properties.
(function () {
  var original = window.fetch;
  window.__hostFetches = 0;
  window.fetch = function () {
    window.__hostFetches++;
    return original.apply(this, arguments);
  };
})();
Array.prototype.hostExtra = function () {
  return "host";
};
Object.prototype.hostFlag = true;
JSON.hostFlag = true;
