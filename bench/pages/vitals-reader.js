// A reader going down to the comment form: scrolls at 2,000 px/s (a phone's
// flick) until the form is on screen, then waits until it is usable (run by
// the module, or Isso's, and painted). Returns, in ms since navigation
// start, when the form entered the screen and when it was usable.
const done = arguments[arguments.length - 1];
const kind = arguments[0];
const SPEED = 2; // px per ms
const host = () => document.querySelector("encart-widget, [data-encart-article]");
const form = () => {
  if (kind === "isso") return document.querySelector(".isso-postbox");
  const h = host();
  return h && h.shadowRoot && h.shadowRoot.querySelector(".new-comment");
};
const usable = () => {
  if (kind === "isso") return !!document.querySelector(".isso-postbox textarea");
  const h = host();
  const state = h && h.getAttribute("data-encart");
  return (state === "hydrated" || state === "rendered") && !!h.shadowRoot.querySelector(".new-comment .comment-form");
};
const from = window.scrollY;
const start = performance.now();
let entered = null;
let ready = null;
const step = () => {
  const now = performance.now();
  const f = form();
  if (f) {
    const top = f.getBoundingClientRect().top;
    if (entered === null && top < window.innerHeight) entered = now;
    // Down until the form's top is a third of the way down the screen.
    const goal = window.scrollY + top - window.innerHeight / 3;
    const next = Math.min(goal, from + SPEED * (now - start));
    if (next > window.scrollY) window.scrollTo(0, next);
  }
  if (ready === null && entered !== null && usable()) {
    ready = true;
    requestAnimationFrame(() => setTimeout(() => done({ entered, usable: performance.now() }), 0));
    return;
  }
  if (now - start > 30000) return done({ entered, usable: null });
  requestAnimationFrame(step);
};
requestAnimationFrame(step);
