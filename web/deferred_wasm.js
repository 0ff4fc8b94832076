// The rest of the playground's module: what the first screen does not run. The build splits the
// module in two (scripts/split_playground.mjs): playground.wasm holds every function the first
// screen ran when the build loaded it, playground.deferred.wasm the others (the creative editors,
// history, jobs, compare, the code that answers typing and clicks). A first visit that only looks
// downloads the first part; the first sign of a person (a pointer, a key, a touch, a wheel) starts
// the second part downloading and compiling off the main thread, and it joins the running module
// as soon as it has compiled. A function of the second part called before then (Emscripten's
// placeholder for it calls Module.loadSplitModule) loads it at once, synchronously: a pause the
// first time, never a failure while the server answers.
'use strict';

(function (root) {
  var D = root['VideoGenDeferred'] = {};

  // Input that says a person is here (window, capture: before the canvas or the GLFW port see it).
  // Not focus: the page focuses its canvas itself when it starts.
  D.INTENT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'];

  // state.url: where the second part is (beside playground.wasm); compiling: its download and
  // compilation under way (a promise); compiled: the WebAssembly.Module; instance: it, joined to
  // the running module; error: why the last download or compilation failed.
  D.create = function (url) {
    return { url: url, compiling: null, compiled: null, instance: null, error: '' };
  };

  function failure(state, why) {
    return new Error('could not load the rest of the playground (' + state.url + '): ' + why +
      '; check the connection and reload the page');
  }

  // Downloads and compiles the second part once, off the main thread; `join(compiled)` is called
  // when it has compiled (the page joins it to the module then, if the module is running).
  D.prefetch = function (state, wasm, fetchFile, join) {
    if (state.compiling || state.compiled) return state.compiling;
    var response = fetchFile(state.url).then(function (r) {
      if (!r.ok) throw failure(state, 'HTTP ' + r.status);
      return r;
    });
    // compileStreaming needs the application/wasm type; any other server gets the bytes compiled.
    var compile = typeof wasm.compileStreaming === 'function'
      ? response.then(function (r) { return wasm.compileStreaming(r.clone()).catch(function () { return r.arrayBuffer().then(wasm.compile); }); })
      : response.then(function (r) { return r.arrayBuffer(); }).then(wasm.compile);
    state.compiling = compile.then(function (compiled) {
      state.compiled = compiled;
      state.compiling = null;
      join(compiled);
      return compiled;
    }).catch(function (error) {
      state.compiling = null;  // a call into the second part tries again (loadNow)
      state.error = String(error && error.message || error);
      return null;
    });
    return state.compiling;
  };

  // Joins the compiled second part to the running module: its functions take their places in the
  // module's table (`imports`: {primary: the module's exports}, what wasm-split's part imports).
  D.join = function (state, wasm, imports) {
    if (!state.instance && state.compiled) {
      try {
        state.instance = new wasm.Instance(state.compiled, imports);
      } catch (error) {
        if (!(error instanceof wasm.LinkError)) throw error;
        throw failure(state, 'it belongs to another version of the playground (the site was updated since this page loaded)');
      }
    }
    return state.instance;
  };

  // The bytes of `url` now, from the main thread: a synchronous request (binary through the
  // x-user-defined charset, the one way a window may read bytes synchronously).
  D.readNow = function (state, Request) {
    var request = new Request();
    request.open('GET', state.url, false);
    request.overrideMimeType('text/plain; charset=x-user-defined');
    try {
      request.send(null);
    } catch (error) {
      throw failure(state, String(error && error.message || error));
    }
    if (request.status !== 200) throw failure(state, 'HTTP ' + request.status);
    var text = request.responseText;
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    return bytes;
  };

  // Emscripten's Module.loadSplitModule: a function of the second part was called before it
  // joined. Returns [instance, module], compiling the bytes here if the download is not done.
  D.loadNow = function (state, wasm, Request, imports) {
    if (!state.compiled) {
      try {
        state.compiled = new wasm.Module(D.readNow(state, Request));
      } catch (error) {
        if (error instanceof wasm.CompileError) throw failure(state, 'not a WebAssembly module (' + error.message + ')');
        throw error;
      }
    }
    return [D.join(state, wasm, imports), state.compiled];
  };

  // Wires the page (root: window; module: Emscripten's Module, app_glue.js): the second part sits
  // beside playground.wasm; the first sign of a person starts its download; Module.loadSplitModule
  // answers a call that comes before it has joined.
  D.install = function (root, module) {
    var state = D.create('playground.deferred.wasm');
    var joinIfRunning = function () { if (module['asm']) D.join(state, root.WebAssembly, { 'primary': module['asm'] }); };
    module['loadSplitModule'] = function (file, imports) {
      state.url = file;  // Emscripten's name for it: playground.wasm's own, .deferred.wasm for .wasm
      try {
        return D.loadNow(state, root.WebAssembly, root.XMLHttpRequest, imports);
      } catch (error) {
        // The C++ boundary that catches this only knows it is no C++ exception: the fault note says
        // why once that boundary has noted it (platform.js shows the newest fault). The next call
        // into the second part (the next frame) tries again.
        var why = String(error && error.message || error);
        root.setTimeout(function () { root['VideoGenPlatform'].fault('loading the rest of the playground', why); }, 0);
        throw error;
      }
    };
    var onIntent = function () {
      D.INTENT_EVENTS.forEach(function (type) { root.removeEventListener(type, onIntent, true); });
      D.prefetch(state, root.WebAssembly, root.fetch.bind(root), joinIfRunning);
    };
    D.INTENT_EVENTS.forEach(function (type) { root.addEventListener(type, onIntent, { capture: true, passive: true }); });
    // A share link (#request=...) opens a request the first screen alone does not show: fetch now.
    // A visitor coming back (the playground's database was there before this page opened it) gets
    // it once the first frame is drawn (web/platform.js announces it): their jobs are on the page and
    // soon need it, but the first frame comes first.
    if (root.location && root.location.hash) {
      onIntent();
    } else {
      var cameBack = false;
      var drawn = false;
      var asked = function () {
        var storage = root['VideoGenStorage'];
        if (!storage || !storage.hasDatabase) return;
        storage.hasDatabase().then(function (has) {
          cameBack = has;
          if (cameBack && drawn) onIntent();
        });
      };
      // Asked before the module opens the database: storage.js loads after this file (index.html),
      // and every classic script has run by DOMContentLoaded, before the module starts.
      if (root.document && root.document.readyState === 'loading') root.document.addEventListener('DOMContentLoaded', asked);
      else asked();
      root.addEventListener('videogen-ready', function () {
        drawn = true;
        if (cameBack) onIntent();
      }, { once: true });
    }
    return state;
  };

  if (root['Module'] && typeof root.addEventListener === 'function') D.state = D.install(root, root['Module']);
})(typeof window !== 'undefined' ? window : globalThis);
