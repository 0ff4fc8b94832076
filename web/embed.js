// VideoGen Playground for other pages: a playground inside any element, and the core's checks as
// JavaScript functions. A classic script; no build step, no dependencies.
//
//   <script src="https://host/path/embed.js"></script>
//   <div data-videogen-playground data-gateway="https://gateway.example.com" data-dialect="unified"
//        data-models="klingai/kling-v3.0,google/veo-3.1" style="height: 640px"></div>
//
// The playground
//   Every element with data-videogen-playground gets an <iframe> of the playground (index.html next to
//   embed.js) that fills it and follows its size (width and height 100%; give the element a height,
//   else it gets 600px). The iframe is made when the element comes within 300px of the viewport, so
//   a page that embeds the playground further down loads none of it until the reader gets there
//   (data-load="eager" on the element: at once). The iframe keeps the playground's keys, styles and
//   storage away from the host page. Its URL carries the element's attributes as query parameters,
//   each only when present:
//     data-gateway  -> ?gateway=  base URL of the gateway ("" or absent: the playground's own origin)
//     data-dialect  -> &dialect=  one of aisdk, gateway, openai, unified, jobs, creative-hub
//     data-models   -> &models=   comma-separated model ids the playground offers (absent: all)
//   Elements added later: call VideoGen.mount(element) (returns the iframe; mounting twice is a no-op).
//
// window.VideoGen: the headless core (vgen_core.js/.wasm next to embed.js, loaded on first use)
//   VideoGen.validate(input, {dialect})   `vgen validate --json [--dialect]`
//   VideoGen.parse(input, {dialect})      `vgen parse [--dialect]`
//   VideoGen.build(input, {to, from})     `vgen build --to [--from]`
//   VideoGen.convert(input, {to, from})   `vgen convert --to [--from]`
//   VideoGen.catalog()                    `vgen catalog --json`
// Each returns a Promise of {exitCode, result, notes}: the CLI's exit code (0 valid, 1 invalid,
// 2 unreadable input or wrong usage), what it prints on stdout parsed as JSON (null when it prints
// nothing), and what it prints on stderr. `input` is JSON text, a Uint8Array of it, or an object
// (stringified). The promise rejects only when the module cannot be loaded.
//   VideoGen.load()                       the loaded core (web/vgen_core.mjs's object), for more
//   VideoGen.playgroundUrl({gateway, dialect, models})  the iframe's URL
// Pages on another origin than embed.js need that origin to allow CORS for the module's files.
'use strict';

(function (global) {
  var PLAYGROUND_ATTRIBUTE = 'data-videogen-playground';
  var DEFAULT_HEIGHT = '600px';

  // Files are found next to embed.js itself, wherever the page loads it from.
  var script = document.currentScript || document.querySelector('script[src$="embed.js"]');
  var baseUrl = new URL('.', script ? script.src : global.location.href);

  function playgroundUrl(options) {
    var url = new URL('index.html', baseUrl);
    ['gateway', 'dialect', 'models'].forEach(function (name) {
      var value = options && options[name];
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    });
    return url.href;
  }

  // An element without a height of its own gets DEFAULT_HEIGHT.
  function reserveHeight(element) {
    if (element.getBoundingClientRect().height === 0) element.style.height = DEFAULT_HEIGHT;
  }

  function mount(element) {
    var existing = element.querySelector('iframe[data-videogen-frame]');
    if (existing) return existing;
    var frame = document.createElement('iframe');
    frame.setAttribute('data-videogen-frame', '');
    frame.title = 'VideoGen Playground';
    frame.src = playgroundUrl({
      gateway: element.getAttribute('data-gateway'),
      dialect: element.getAttribute('data-dialect'),
      models: element.getAttribute('data-models'),
    });
    // The playground copies snippets and share links with navigator.clipboard.
    frame.allow = 'clipboard-read; clipboard-write';
    frame.style.cssText = 'display:block;width:100%;height:100%;border:0;';
    reserveHeight(element);
    element.appendChild(frame);
    return frame;
  }

  // Mounts each element when it nears the viewport (at once without IntersectionObserver, or with
  // data-load="eager"). Its height is set now, so the page's layout does not jump when it mounts.
  var LAZY_MARGIN = '300px';
  function mountAll() {
    var lazy = typeof IntersectionObserver === 'function' ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        lazy.unobserve(entry.target);
        mount(entry.target);
      });
    }, { rootMargin: LAZY_MARGIN }) : null;
    Array.prototype.forEach.call(document.querySelectorAll('[' + PLAYGROUND_ATTRIBUTE + ']'), function (element) {
      reserveHeight(element);
      if (lazy && element.getAttribute('data-load') !== 'eager') lazy.observe(element);
      else mount(element);
    });
  }

  // The core, loaded once on first use; a failed load is retried on the next call.
  var loading = null;
  function load() {
    if (!loading) {
      loading = import(new URL('vgen_core.mjs', baseUrl).href).then(function (wrapper) {
        return wrapper.loadVgenCore({ moduleUrl: new URL('vgen_core.js', baseUrl) });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function inputText(input) {
    return typeof input === 'string' || input instanceof Uint8Array ? input : JSON.stringify(input);
  }

  function answer(raw) {
    var result = null;
    if (raw.output) {
      try {
        result = JSON.parse(raw.output);
      } catch (error) {
        result = raw.output;  // not JSON (never for these commands): hand over the text
      }
    }
    return { exitCode: raw.exitCode, result: result, notes: raw.notes };
  }

  function command(run) {
    return function () {
      var args = arguments;
      return load().then(function (core) { return answer(run.apply(null, [core].concat([].slice.call(args)))); });
    };
  }

  global.VideoGen = {
    validate: command(function (core, input, options) {
      return core.validate(inputText(input), { dialect: (options && options.dialect) || '', json: true });
    }),
    parse: command(function (core, input, options) {
      return core.parse(inputText(input), { dialect: (options && options.dialect) || '' });
    }),
    build: command(function (core, input, options) {
      return core.build(inputText(input), { from: (options && options.from) || '', to: (options && options.to) || '' });
    }),
    convert: command(function (core, input, options) {
      return core.convert(inputText(input), { from: (options && options.from) || '', to: (options && options.to) || '' });
    }),
    catalog: command(function (core) { return core.catalog(true); }),
    load: load,
    mount: mount,
    playgroundUrl: playgroundUrl,
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})(window);
