// The page's side of the Emscripten module: which canvas to use, and what the page shows while
// loading and when something fails. Everything else the app needs from the browser is in
// wasm/app/platform/platform_web.cpp.
'use strict';

/* exported Module -- the global Emscripten's playground.js reads its settings from */
var Module = (function () {
  var status = document.getElementById('status');
  function fail(message) {
    status.hidden = false;
    status.className = 'error';
    status.textContent = 'The playground stopped: ' + message;
  }
  return {
    canvas: document.getElementById('canvas'),
    print: function (text) { console.log(text); },
    // Emscripten notes each call that brings in the module's second part (deferred_wasm.js): not
    // an error, the page working as built.
    printErr: function (text) {
      if (/^(placeholder function called|instantiated deferred module)/.test(text)) console.debug(text);
      else console.error(text);
    },
    onRuntimeInitialized: function () { status.hidden = true; },
    onAbort: function (what) { fail(String(what)); },
    // The WebGL context can be lost (GPU reset); the app holds GL objects, so reload.
    preRun: [function () {
      document.getElementById('canvas').addEventListener('webglcontextlost', function (e) {
        e.preventDefault();
        fail('the WebGL context was lost; reload the page');
      });
    }],
  };
})();
