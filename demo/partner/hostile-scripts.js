// Host scripts as found in the wild, which the widget must live with: a
// monitoring wrapper around fetch, libraries that extend built-in
// prototypes with enumerable properties, and a component of the page's own
// that took the widget's element name (creating one throws).
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
if (window.customElements) {
  customElements.define(
    "encart-widget",
    class extends HTMLElement {
      constructor() {
        super();
        // Not allowed in a constructor: document.createElement throws NotSupportedError.
        this.setAttribute("data-page-component", "");
      }
    }
  );
}
