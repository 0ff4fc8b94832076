// The bare Dear ImGui page's side of its Emscripten module (a benchmark fixture: bench/hello/main.cpp):
// the canvas, sized to the page as the playground's is, and window.__hello: readyAt, the time from
// navigation to the end of the first frame drawn (what bench/first_frame.mjs reads, like the
// playground's window.__vg.readyAt), and frames, the frames drawn so far (like __vg.frames).
'use strict';

/* exported Module -- the global Emscripten's hello.js reads its settings from */
var Module = (function () {
  var canvas = document.getElementById('canvas');
  canvas.width = window.innerWidth;
  canvas.height = window.innerHeight;
  var hello = window.__hello = { frames: 0 };
  return {
    canvas: canvas,
    print: function (text) { console.log(text); },
    printErr: function (text) { console.error(text); },
    // Called at the end of every frame (main.cpp).
    frameDrawn: function () {
      if (!hello.frames) hello.readyAt = performance.now();
      hello.frames++;
    },
  };
})();
