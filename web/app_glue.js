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
    printErr: function (text) { console.error(text); },
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
