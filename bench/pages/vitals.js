// Installed before any script of the page (DevTools'
// Page.addScriptToEvaluateOnNewDocument): records, as a publisher's tools
// would, the page's long tasks, layout shifts, largest contentful paint and
// first contentful paint, in ms since navigation start.
(function () {
  var v = (window.__vitals = { longTasks: [], shifts: [], lcp: null, lcpElement: null, fcp: null });
  function observe(type, each) {
    try {
      new PerformanceObserver(function (list) {
        list.getEntries().forEach(each);
      }).observe({ type: type, buffered: true });
    } catch (e) {}
  }
  observe("longtask", function (e) {
    v.longTasks.push([e.startTime, e.duration]);
  });
  // Each shift with what moved (the element, in the page or a shadow root).
  var name = function (node) {
    if (!node || node.nodeType !== 1) return node ? "#text" : "?";
    return node.tagName.toLowerCase() + (node.className && typeof node.className == "string" ? "." + node.className.split(" ")[0] : "");
  };
  observe("layout-shift", function (e) {
    var moved = (e.sources || []).map(function (s) {
      return name(s.node);
    });
    v.shifts.push([e.startTime, e.value, e.hadRecentInput, moved.join(", ")]);
  });
  observe("largest-contentful-paint", function (e) {
    v.lcp = e.startTime;
    v.lcpElement = e.element ? e.element.tagName.toLowerCase() + (e.element.className ? "." + e.element.className : "") : null;
  });
  observe("paint", function (e) {
    if (e.name === "first-contentful-paint") v.fcp = e.startTime;
  });
})();
