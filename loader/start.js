/* encart: what starts a widget once its module is wanted. `cargo xtask
 * dist` appends this to the module's JS glue (wasm-bindgen's), writing in
 * the hashed names, and minifies the two as one file: it comes with the
 * module, in no request of its own, and the loader (loader/embed.js), which
 * every page view fetches, carries only what the first view needs.
 *
 * The loader calls `encart.hydrate` (a first view shown) or `encart.render`
 * (the module renders the widget itself) with this glue's own namespace,
 * `env` (the compiled wasm, `module`, a promise, and the loader's `json`,
 * `token` and `stylesheet`: loader/embed.js says what they do) and `then`.
 * Each gives the widget (`Prepared.mount`'s: src/entry.rs) to `then` as
 * soon as it is mounted and returns a promise of it; a rejection is the
 * loader's to handle (the first view stays, or the fallback).
 * `encart.fallback` shows where the module cannot run. Plain JS, as the
 * loader; its names live in one function: the glue's own are around it. */
export const encart = (function () {
  "use strict";
  var base = new URL(".", import.meta.url).href;
  // Each language's words (encart_api_types::ClientWords): WORDS + tag + ".json".
  var WORDS = base + "__WORDS__";
  var LANGUAGES = "__LANGUAGES__".split(",");

  // A language's words from the CDN, cached by this build's name. Its
  // failure is the widget's to report: not the page's unhandledrejection.
  function words(env, tag) {
    var answer = fetch(WORDS + tag + ".json", { credentials: "omit" }).then(env.json);
    answer.catch(function () {});
    return answer;
  }

  // The first of `tags` the widget speaks, else English: as src/i18n.rs's
  // `supported` (`pt-BR` → `pt`; `zh-CN` → `zh-Hans`, not `zh-TW`).
  function speaks(tags) {
    for (var i = 0; i < tags.length; i++) {
      var parts = String(tags[i] || "").toLowerCase().split(/[-_]/);
      if (parts[0] === "zh") {
        var traditional = parts.slice(1).some(function (part) {
          return /^(hant|tw|hk|mo)$/.test(part);
        });
        if (!traditional) return "zh-Hans";
        continue;
      }
      for (var j = 0; j < LANGUAGES.length; j++) if (LANGUAGES[j] === parts[0]) return LANGUAGES[j];
    }
    return "en";
  }

  // `glue` running `env.module`, and `config` given its stylesheet and words.
  function ready(glue, env, config, css, answer) {
    return Promise.all([glue.default({ module_or_path: env.module }), css, answer]).then(function (all) {
      config.css = all[1];
      config.words = all[2];
      return glue;
    });
  }

  // `config` mounted on `target` by `glue` (`prepared`, `glue.prepare`'s
  // reading of it, if it was read before), with the reader's token as it is now.
  function take(glue, env, target, config, prepared) {
    return (prepared || glue.prepare(config)).mount(target, env.token(config));
  }

  // The same, finished at once (`Widget.finish`: what a first view left for
  // later, then the reader's clock and own comments), and given to `then`
  // at once (before anything queued runs: the loader does what the reader
  // did meanwhile).
  function mount(glue, env, target, config, then) {
    var widget = take(glue, env, target, config);
    widget.finish();
    then(widget);
    return widget;
  }

  return {
    // Takes over the first view `view` shown in `target`, with the data it
    // was rendered from (`config.stateResponse`, asked for by the loader;
    // in the view itself from a server of an earlier release).
    hydrate: function (glue, env, target, config, then, view) {
      var inside = view.state;
      // The view's words: read once the module runs (so no sooner than now).
      var own = words(env, view.lang || inside.lang);
      return Promise.all([glue.default({ module_or_path: env.module }), inside || config.stateResponse])
        .then(function (all) {
          // Data that changed since the view was rendered is rendered afresh;
          // else the view's clock, so that its relative times stay.
          var state = (config.state = all[1]);
          if (!inside) {
            if (state.version === view.version) state.now = view.now;
            else config.build = null;
          }
          // A first view of another build is rendered again, in this build's styles.
          return ready(glue, env, config, glue.build() === view.build ? view.css : env.stylesheet(), own);
        })
        .then(function () {
          // Hydration failed midway (a page that edited the view, say):
          // render afresh in a new instance of the module.
          var afresh = function (e) {
            console.error("encart: the first view could not be taken over", e);
            config.build = null;
            return import(import.meta.url.split("?")[0] + "?fresh").then(function (fresh) {
              return ready(fresh, env, config, config.css, config.words).then(function () {
                return mount(fresh, env, target, config, then);
              });
            });
          };
          // The config and the data read now, the view taken over in the
          // next task and its discussion in the one after (src/later.rs):
          // three shorter tasks on the page's main thread than one (README,
          // "Performance").
          var pause = function () {
            return new Promise(function (next) {
              setTimeout(next, 0);
            });
          };
          var prepared, widget;
          try {
            prepared = glue.prepare(config);
          } catch (e) {
            return afresh(e);
          }
          return pause()
            .then(function () {
              try {
                widget = take(glue, env, target, config, prepared);
              } catch (e) {
                return afresh(e);
              }
              return pause().then(function () {
                try {
                  widget.finish();
                } catch (e) {
                  return afresh(e);
                }
                then(widget);
                return widget;
              });
            });
        });
    },
    // Renders the widget in `target`, with the words the loader asked the
    // API for (`config.wordsResponse`); where the API cannot say (down), in
    // the page's or the browser's language, from the CDN. The answer is
    // left in `config.wordsResponse` for the loader's fallback.
    render: function (glue, env, target, config, then) {
      var answer = (config.wordsResponse || Promise.reject())
        .then(function (answer) {
          return answer && answer.words && typeof answer.fallback == "string" ? answer : Promise.reject();
        })
        .catch(function () {
          var tags = [config.lang, document.documentElement.lang].concat(navigator.languages || [navigator.language]);
          return words(env, speaks(tags));
        });
      answer.catch(function () {});
      config.wordsResponse = answer;
      return ready(glue, env, config, env.stylesheet(), answer).then(function () {
        return mount(glue, env, target, config, then);
      });
    },
    // Where the module cannot run (blocked, no WebAssembly): the
    // placeholder's own content, if the partner gave some (a <slot>), and a
    // plain link to the article, in the words the loader asked for (left by
    // `render`). Text only, never markup from the network.
    fallback: function (glue, env, target, config) {
      var box = document.createElement("p");
      target.replaceChildren(document.createElement("slot"), box);
      function say(lang, article, words) {
        var fr = /^fr/i.test(lang);
        box.textContent = (words && words.fallback ? words.fallback : fr ? "Le lecteur d’articles n’a pas pu s’afficher ici." :
                           "The article reader could not load here.") + " ";
        if (!article || !article.title) return;
        var link = document.createElement("a");
        link.textContent = article.title;
        if (/^https?:\/\//i.test(article.source_url || "")) link.href = article.source_url;
        box.appendChild(link);
      }
      var lang = config.lang || document.documentElement.lang || "";
      say(lang);
      (config.articleResponse || Promise.reject())
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (article) {
          var words = (config.wordsResponse || Promise.reject()).catch(function () {});
          return words.then(function (words) {
            say(config.lang || (article && article.language) || lang, article, words);
          });
        })
        .catch(function () {});
    }
  };
})();
