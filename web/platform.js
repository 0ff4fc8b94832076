// The page's side of the playground's platform layer (wasm/app/platform/platform_web.cpp): input, the frame
// loop, storage glue, files, images, the clipboard, the status object and the fault note. The C++
// side's EM_JS functions are one-line calls into window.VideoGenPlatform; web/videos.js adds the
// <video> overlays and synchronized playback to the same object.
//
// Loading: a classic script (`<script src="platform.js"></script>`, before playground.js) with no
// import/export, so node's tests import it too (`import '../../web/platform.js'`) and get
// globalThis.VideoGenPlatform. Nothing here touches the page until a function is called, but for
// one thing: on a page, it starts reading the fonts index.html preloads (P.preload, at the end).
//
// The runtime: every function takes `module`, the Emscripten Module (app_glue.js), and reaches the
// compiled code only through it: module._vg_web_* (the entry points), module.allocateUTF8 and
// module._free (strings into the heap). Per-page state lives in module.vg.
//
// [SECTION] index
//   Entry points into C++ and the fault note
//   Frame loop and input
//   Storage, session, location, clipboard, status
//   Files and images
//   Preloaded files
'use strict';

(function (root) {
  var P = root.VideoGenPlatform = root.VideoGenPlatform || {};

  // ---- Entry points into C++ and the fault note --------------------------------------------------

  // Calls the C++ entry point module[name](text) with `text` copied into the heap for the call.
  P.callWithText = function (module, name, text) {
    var buffer = module.allocateUTF8(text);
    try { module[name](buffer); } finally { module._free(buffer); }
  };

  // What the note says: what failed, why, and that nothing was lost (the C++ boundary leaves the
  // state as the failed handler left it, and the page keeps running).
  P.faultText = function (what, detail, count) {
    return 'Something went wrong while ' + what + ': ' + detail + '. Your request, jobs and history are kept ' +
      'and the playground keeps running; if this part of the page misbehaves, reload it.' +
      (count > 1 ? ' (' + count + ' times)' : '');
  };

  // Called by the C++ boundary (platform_web.cpp guarded) and by the page-side handlers below when
  // something throws: console.error, window.__vg.faults (tests read it) and a note over the page
  // that stays until closed. The same fault again (one that fails every frame) counts up in the
  // note instead of stacking notes or flooding the console.
  P.fault = function (what, detail) {
    var status = root['__vg'] = root['__vg'] || {};
    var faults = status['faults'] = status['faults'] || [];
    var last = faults[faults.length - 1];
    if (last && last.what === what && last.detail === detail) {
      last.count++;
    } else {
      last = { what: what, detail: detail, count: 1 };
      faults.push(last);
      console.error('VideoGen Playground: ' + what + ' failed: ' + detail);
    }
    if (typeof document === 'undefined') return;
    var note = document.getElementById('vg-fault');
    if (!note) {
      note = document.createElement('div');
      note.id = 'vg-fault';
      note.setAttribute('role', 'alert');
      var text = document.createElement('span');
      var close = document.createElement('button');
      close.textContent = 'Close';
      close.onclick = function () { note.hidden = true; };
      note.appendChild(text);
      note.appendChild(close);
      document.body.appendChild(note);
    }
    note.firstChild.textContent = P.faultText(what, detail, last.count);
    note.hidden = false;
  };

  // A page-side handler (a listener, a promise's answer) that must not throw into the browser:
  // a failure becomes a fault note, as one in C++ does.
  P.guard = function (what, handler) {
    return function () {
      try { return handler.apply(this, arguments); } catch (error) { P.fault(what, String(error && error.message || error)); }
    };
  };

  // Sends one event object to the app ({"type": ...}, platform_web.h PlatformHooks::event).
  P.send = function (module, event) {
    P.callWithText(module, '_vg_web_event', JSON.stringify(event));
    P.burst(module);
  };

  // ---- Frame loop and input ----------------------------------------------------------------------

  // After an event (or a wake call) the loop draws at least three frames and keeps drawing for a
  // quarter of a second: ImGui settles hover and layout in two frames, and after that an idle tab
  // schedules nothing at all. Three frames however slowly they come (software GL on a busy machine
  // may take longer than the quarter second for one), a quarter second however fast (a frame costs
  // a machine without a GPU tens of milliseconds of CPU). A burst is those three frames alone, for
  // changes that do not come from input.
  P.AWAKE_MS = 250;
  P.wake = function (module) {
    var loop = module.vg && module.vg.loop;
    if (!loop) return;
    loop.awakeUntil = performance.now() + P.AWAKE_MS;
    P.burst(module);
  };
  P.burst = function (module) {
    var loop = module.vg && module.vg.loop;
    if (!loop) return;
    loop.burst = Math.max(loop.burst, 3);
    if (!loop.raf) loop.raf = requestAnimationFrame(loop.tick);
  };
  // The loop itself (module.vg.loop): `drawFrame` draws one frame. At most one frame is ever asked
  // for: a frame that asks for more (a preview playing calls burst or wake from inside it) must not
  // add a second requestAnimationFrame beside the tick's own, or every frame would start two and
  // the page would draw exponentially more frames until it stalls.
  P.frameLoop = function (module, drawFrame) {
    module.vg = module.vg || {};
    var loop = module.vg.loop = { awakeUntil: 0, raf: 0, burst: 0, timer: 0 };
    loop.tick = function () {
      loop.raf = 0;
      if (loop.burst > 0) loop.burst--;
      drawFrame();
      if (!loop.raf && (performance.now() < loop.awakeUntil || loop.burst > 0)) loop.raf = requestAnimationFrame(loop.tick);
    };
    return loop;
  };

  // One burst at `at` (epoch ms), replacing the previous timer; -1 cancels it.
  P.wakeAt = function (module, at) {
    var loop = module.vg && module.vg.loop;
    if (!loop) return;
    if (loop.timer) clearTimeout(loop.timer);
    loop.timer = 0;
    if (at >= 0) loop.timer = setTimeout(function () { loop.timer = 0; P.burst(module); }, Math.max(0, at - Date.now()));
  };

  // A key event from the page, handed to the GLFW port at once, so that ImGui's input queue holds
  // keys, clicks and moves in the order the person made them (a Ctrl pressed just before a click
  // between two slow frames makes a Ctrl+click); ImGui spreads changes that came too fast over the
  // frames that follow (io.ConfigInputTrickleEventQueue). Repeats are the browser's, never ImGui's
  // (the app sets ImGui's own repeat delay out of reach: it timed a held key by the frames' clock,
  // so a Backspace whose key-up came a few slow frames late deleted three characters): a key-down
  // for a key already down (the system's auto-repeat while a person holds it, at their own rate) is
  // handed over as an up and a down, a fresh press. Modifiers are not repeated: an up of a held
  // Ctrl, even for one frame, would turn Ctrl+V into V. `held` maps keyCode -> true while down;
  // `glfw` is the port.
  var MODIFIER_KEY_CODES = { 16: true, 17: true, 18: true, 91: true, 92: true, 93: true, 224: true };
  P.takeKey = function (glfw, held, type, e) {
    if (type === 'keydown') {
      if (held[e.keyCode]) {
        if (MODIFIER_KEY_CODES[e.keyCode]) return;
        glfw.onKeyup(e);
      }
      held[e.keyCode] = true;
      glfw.onKeydown(e);
    } else if (type === 'keyup') {
      delete held[e.keyCode];
      glfw.onKeyup(e);
    } else {
      glfw.onKeyPress(P.wholeCharacter(e));
    }
  };

  // A keypress's charCode is its first UTF-16 unit: for a character above U+FFFF (an emoji from a
  // key that has one) only half a surrogate pair, which ImGui would keep as a broken character. Its
  // `key` holds the whole character; the port reads only charCode, ctrlKey and metaKey.
  P.wholeCharacter = function (e) {
    var codePoint = typeof e.key === 'string' && e.key.length === 2 ? e.key.codePointAt(0) : 0;
    if (codePoint <= 0xFFFF) return e;
    return { charCode: codePoint, key: e.key, keyCode: e.keyCode, ctrlKey: e.ctrlKey, metaKey: e.metaKey };
  };

  // The wheel in notches, ImGui's sign (+y scrolls up): deltaMode 0 is pixels (100 a notch), 1 lines
  // (3 a notch), 2 pages.
  P.wheelNotches = function (e) {
    var notch = e.deltaMode === 0 ? 1 / 100 : (e.deltaMode === 1 ? 1 / 3 : 80);
    return [-e.deltaX * notch, -e.deltaY * notch];
  };
  // The wheel event `e` scrolls the playground (from the canvas, or a text control over it that has
  // nothing more to scroll), not the page.
  P.wheelToApp = function (module, e) {
    var notches = P.wheelNotches(e);
    module['_vg_web_wheel'](notches[0], notches[1]);
    e.preventDefault();
    P.wake(module);
  };

  // The browser's text size against its default: its root font size (the person's "font size"
  // setting, 16 px unless changed; app.css leaves it alone) over 16, within 0.5 to 3. The playground
  // scales its whole UI by it, as pages in rem do.
  P.textScaleOf = function (rootFontPx) {
    return isFinite(rootFontPx) && rootFontPx > 0 ? Math.min(3, Math.max(0.5, rootFontPx / 16)) : 1;
  };
  P.textScale = function () { return P.textScaleOf(parseFloat(getComputedStyle(document.documentElement).fontSize)); };

  // Input listeners, the frame loop and the status object. The GLFW port listens on `window` and
  // swallows Backspace/Tab for the whole page: its key listeners move to the canvas (keeping its
  // preventDefault of Backspace and Tab at once: later would be too late), so only a focused canvas
  // takes keys. The clipboard's paste event hands text to the app (the port's is empty). `glfw` holds
  // the port's onKeydown, onKeyPress, onKeyup and onBlur (platform_web.cpp hands them over by name).
  P.install = function (module, glfw) {
    var canvas = module['canvas'];
    var status = root['__vg'] = root['__vg'] || {};
    status['frames'] = 0;
    P.frameLoop(module, function () {
      module['_vg_web_frame']();
      status['frames']++;
    });
    var wake = function () { P.wake(module); };

    [['keydown', glfw.onKeydown], ['keypress', glfw.onKeyPress], ['keyup', glfw.onKeyup]].forEach(function (p) {
      root.removeEventListener(p[0], p[1], true);
    });
    var held = {};
    ['keydown', 'keypress', 'keyup'].forEach(function (type) {
      canvas.addEventListener(type, function (e) {
        if (type === 'keydown' && (e.keyCode === 8 || e.keyCode === 9)) e.preventDefault();
        P.takeKey(glfw, held, type, e);
      }, true);
    });
    canvas.addEventListener('blur', function (e) {
      held = {};  // the port lets go of every key on blur (its onBlur); a key-up elsewhere never comes
      glfw.onBlur(e);
    }, true);

    ['mousemove', 'mousedown', 'mouseup', 'mouseleave', 'keydown', 'keyup', 'keypress', 'focus', 'blur',
     'touchstart', 'touchmove', 'touchend'].forEach(function (type) {
      canvas.addEventListener(type, wake, true);
    });
    root.addEventListener('resize', wake);
    if (root.ResizeObserver) new ResizeObserver(wake).observe(canvas);

    canvas.addEventListener('wheel', function (e) { P.wheelToApp(module, e); }, { passive: false });

    root.addEventListener('paste', P.guard('reading a paste', function (e) {
      if (document.activeElement !== canvas || !e.clipboardData) return;
      // A copied image file or screenshot (and no text: some programs put a picture of copied text
      // beside it, and text into a field is what the person wants then) is read like a picked file.
      var file = e.clipboardData.files && e.clipboardData.files[0];
      var text = e.clipboardData.getData('text/plain');
      e.preventDefault();
      wake();
      if (file && !text) P.readFile(module, file, { token: 'paste' });
      else P.callWithText(module, '_vg_web_paste', text);
    }));

    canvas.focus();
    wake();
  };

  // ---- Storage, session, location, clipboard, status ---------------------------------------------

  // Browser storage is web/storage.js (window.VideoGenStorage: history, result videos in IndexedDB).
  // One generic call: arguments as a JSON array, the result back as the event
  // {"type":"storage","call":name,"tag":tag,"result":{...}} (storage.js resolves failures to {error}).
  // A page without storage.js still works, without history: every call answers with that error.
  P.storageCall = function (module, name, argsJson, tag) {
    var storage = root['VideoGenStorage'];
    var answer = function (result) { P.send(module, { type: 'storage', call: name, tag: tag, result: result }); };
    if (!storage) { answer({ error: 'storage.js is not loaded: no history in this page' }); return; }
    storage.callJson(name, argsJson).then(P.guard('handing the browser storage\'s answer to ' + name + ' to the app',
      function (text) { answer(JSON.parse(text)); }));
  };

  // sessionStorage (this tab only); "" when unset or refused (a sandboxed frame), and an empty value
  // removes the item.
  P.sessionGet = function (name) {
    try { return sessionStorage.getItem(name) || ''; } catch (e) { console.warn('sessionStorage: ' + e); return ''; }
  };
  P.sessionSet = function (name, value) {
    try {
      if (value) sessionStorage.setItem(name, value); else sessionStorage.removeItem(name);
    } catch (e) { console.warn('sessionStorage: ' + e); }
  };

  // A fresh idempotency key for a submit ("vg-" and 32 hex digits: 128 random bits from the page's
  // cryptographic generator, which every browser has, secure context or not), so two pages, tabs
  // or browsers sending to one gateway never share one. Without a generator (a page from before
  // 2013) it says so in the key's place: "" makes the app send the job without a key.
  P.randomKey = function () {
    var crypto = root.crypto;
    if (!crypto || typeof crypto.getRandomValues !== 'function') return '';
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    var hex = '';
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return 'vg-' + hex;
  };

  P.location = function (withHash) { return withHash ? location.hash : location.href.split('#')[0]; };
  P.queryParam = function (name) { return new URLSearchParams(location.search).get(name) || ''; };

  P.copyText = function (text) {
    if (!navigator.clipboard) { console.warn('clipboard: navigator.clipboard is unavailable (needs https or localhost)'); return; }
    navigator.clipboard.writeText(text).catch(function (e) { console.warn('clipboard: ' + e); });
  };

  // Merges the app's JSON object into window.__vg; the first "ready" also sets readyAt.
  // The first interactive frame (the first "ready") is also announced to the page as the event
  // "videogen-ready" on window (web/deferred_wasm.js waits for it).
  P.publishStatus = function (json) {
    var status = root['__vg'] = root['__vg'] || {};
    Object.assign(status, JSON.parse(json));
    if (status['ready'] && !status['readyAt']) {
      status['readyAt'] = performance.now();
      if (typeof root.dispatchEvent === 'function' && typeof CustomEvent === 'function') root.dispatchEvent(new CustomEvent('videogen-ready'));
    }
  };

  // ---- Files and images --------------------------------------------------------------------------

  // Files over 64 MB are refused before reading: a data URL of them would cost a third more again in
  // memory, and no model takes inputs that large. The sentence says what to do instead; "" is fine.
  P.maxFileBytes = 64 * 1024 * 1024;
  P.fileSizeProblem = function (size) {
    if (size <= P.maxFileBytes) return '';
    return 'it is ' + (size / 1048576).toFixed(1) + ' MB; the playground reads files up to 64 MB: ' +
      'use a smaller file, or host it and paste its URL';
  };

  // The http(s) links of a text/uri-list (a link dragged from another page), comments and blanks out.
  P.linksIn = function (uriList) {
    return (uriList || '').split('\n').map(function (line) { return line.trim(); })
      .filter(function (line) { return /^https?:/i.test(line); });
  };

  // One reader for the picker, drops on the canvas and pasted files, answering the "file" event
  // (platform_web.h chooseFile) with `event` plus the name and the data URL (or the problem).
  P.readFile = function (module, file, event) {
    event.type = 'file';
    event.name = file.name || 'the pasted file';
    var problem = P.fileSizeProblem(file.size);
    if (problem) {
      event.problem = problem;
      P.send(module, event);
      return;
    }
    var reader = new FileReader();
    reader.onload = P.guard('reading ' + event.name, function () { event.dataUrl = reader.result; P.send(module, event); });
    reader.onerror = P.guard('reading ' + event.name, function () { event.problem = String(reader.error); P.send(module, event); });
    reader.readAsDataURL(file);
  };

  // Drops on the canvas say where they landed (CSS pixels within the canvas), so the app puts the
  // file in the field under the pointer; a link dragged from another page arrives as `url`. While
  // something is dragged over the canvas the app is told where ({"type":"drag","x","y"}, at most
  // every 50 ms: the browser fires dragover every few ms), so it can show the field a drop would
  // fill; {"type":"drag","over":false} when it leaves or is dropped.
  P.installFiles = function (module) {
    var canvas = module['canvas'];
    var lastDrag = 0;
    canvas.addEventListener('dragover', P.guard('following a drag over the page', function (e) {
      e.preventDefault();  // allows the drop (the default refuses it, or opens the file in the tab)
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      if (performance.now() - lastDrag < 50) return;
      lastDrag = performance.now();
      var box = canvas.getBoundingClientRect();
      P.send(module, { type: 'drag', over: true, x: e.clientX - box.left, y: e.clientY - box.top });
    }));
    canvas.addEventListener('dragleave', P.guard('following a drag over the page', function () {
      P.send(module, { type: 'drag', over: false });
    }));
    canvas.addEventListener('drop', P.guard('taking a dropped file', function (e) {
      e.preventDefault();
      P.send(module, { type: 'drag', over: false });
      if (!e.dataTransfer) return;
      var box = canvas.getBoundingClientRect();
      var event = { token: 'drop', x: e.clientX - box.left, y: e.clientY - box.top };
      var file = e.dataTransfer.files && e.dataTransfer.files[0];
      if (file) { P.readFile(module, file, event); return; }
      var links = P.linksIn(e.dataTransfer.getData('text/uri-list'));
      if (!links.length) return;
      event.type = 'file';
      event.name = links[0];
      event.url = links[0];
      P.send(module, event);
    }));
  };

  P.chooseFile = function (module, token, accept) {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.onchange = P.guard('reading the chosen file', function () {
      if (input.files && input.files[0]) P.readFile(module, input.files[0], { token: token });
    });
    input.click();
  };

  // Why an image did not load, in words saying what to check.
  P.imageProblem = function (src) {
    return /^data:/.test(src) ? 'the browser cannot decode this image (is it a PNG, JPEG, WebP or GIF?)'
      : 'the browser could not load the image from ' + src.slice(0, 200) +
        ' (a broken link, or a server that does not allow other sites to read it: CORS)';
  };

  // A WebGL texture of `source` (an image, or a canvas holding a video frame) registered with
  // Emscripten's GL object table (`gl` holds its getNewId and textures, `context` is the WebGL
  // context), so C++ draws and frees it like its own; rows stay top-down (no UNPACK_FLIP_Y).
  // Returns its id. Throws what texImage2D throws (a SecurityError for a source another site did not
  // let this page read).
  P.textureOf = function (gl, context, source) {
    var texture = context.createTexture();
    var previous = context.getParameter(context.TEXTURE_BINDING_2D);
    context.bindTexture(context.TEXTURE_2D, texture);
    try {
      context.pixelStorei(context.UNPACK_FLIP_Y_WEBGL, false);
      context.texImage2D(context.TEXTURE_2D, 0, context.RGBA, context.RGBA, context.UNSIGNED_BYTE, source);
    } catch (error) {
      context.bindTexture(context.TEXTURE_2D, previous);
      context.deleteTexture(texture);
      throw error;
    }
    context.texParameteri(context.TEXTURE_2D, context.TEXTURE_MIN_FILTER, context.LINEAR);
    context.texParameteri(context.TEXTURE_2D, context.TEXTURE_MAG_FILTER, context.LINEAR);
    context.texParameteri(context.TEXTURE_2D, context.TEXTURE_WRAP_S, context.CLAMP_TO_EDGE);
    context.texParameteri(context.TEXTURE_2D, context.TEXTURE_WRAP_T, context.CLAMP_TO_EDGE);
    context.bindTexture(context.TEXTURE_2D, previous);
    var id = gl.getNewId(gl.textures);
    texture.name = id;
    gl.textures[id] = texture;
    return id;
  };

  // Input images: the browser decodes the image and uploads it straight into a WebGL texture (no
  // pixels through the wasm heap). Answers the "image" event.
  P.loadImageTexture = function (module, gl, context, token, src) {
    var image = new Image();
    if (!/^data:/.test(src)) image.crossOrigin = 'anonymous';
    image.onload = P.guard('loading an image', function () {
      var id = P.textureOf(gl, context, image);
      P.send(module, { type: 'image', token: token, texture: id, width: image.naturalWidth, height: image.naturalHeight });
    });
    image.onerror = P.guard('loading an image', function () {
      P.send(module, { type: 'image', token: token, problem: P.imageProblem(src) });
    });
    image.src = src;
  };

  // Result posters: one frame of a result video, a little way in (the first frame is often black),
  // at most P.POSTER_WIDTH pixels wide, as a texture for the Jobs and History rows. The stored copy
  // of `key` when there is one (web/videos.js), else `src`. Answers the "poster" event
  // {type, token, texture, width, height} or {type, token, problem}.
  P.POSTER_WIDTH = 192;
  P.posterSize = function (width, height) {
    var scale = Math.min(1, P.POSTER_WIDTH / Math.max(1, width));
    return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
  };
  P.posterTime = function (duration) { return isFinite(duration) && duration > 0 ? Math.min(0.5, duration / 2) : 0; };
  P.loadVideoPoster = function (module, gl, context, token, key, src) {
    var video = document.createElement('video');
    var answered = false;
    var answer = function (event) {
      if (answered) return;
      answered = true;
      video.removeAttribute('src');
      video.load();
      P.send(module, event);
    };
    video.muted = true;
    video.preload = 'auto';
    video.onloadeddata = P.guard('making a video poster', function () { video.currentTime = P.posterTime(video.duration); });
    video.onseeked = P.guard('making a video poster', function () {
      var size = P.posterSize(video.videoWidth, video.videoHeight);
      var canvas = document.createElement('canvas');
      canvas.width = size.width;
      canvas.height = size.height;
      canvas.getContext('2d').drawImage(video, 0, 0, size.width, size.height);
      try {
        answer({ type: 'poster', token: token, texture: P.textureOf(gl, context, canvas), width: size.width, height: size.height });
      } catch (error) {
        answer({ type: 'poster', token: token, problem: 'the video\'s server does not let this page read its pictures (CORS)' });
      }
    });
    video.onerror = function () {
      answer({ type: 'poster', token: token, problem: 'the video could not be loaded from ' + src.slice(0, 200) });
    };
    var videos = module.vg && module.vg.videos;
    var start = function (stored) {
      if (!/^(blob|data):/.test(stored || src)) video.crossOrigin = 'anonymous';
      video.src = stored || src;
    };
    if (videos) videos.storedUrl(key, start); else start(null);
  };

  // ---- Preloaded files ---------------------------------------------------------------------------

  // The files index.html preloads for the first frame (<link rel="preload" as="fetch">: the fonts'
  // first slice; the module itself is Emscripten's), read into memory as the page loads, so the
  // module finds them there when it starts instead of asking and drawing its first frame a frame
  // later. P.preloaded[href]: {bytes: a Uint8Array once read (empty when the read failed)}.
  // Returns a promise of all of them read.
  P.preloaded = {};
  P.preload = function (doc, fetchFile) {
    var reads = [];
    Array.prototype.forEach.call(doc.querySelectorAll('link[rel="preload"][as="fetch"]'), function (link) {
      var href = link.getAttribute('href');
      if (/\.wasm$/.test(href) || P.preloaded[href]) return;
      var entry = P.preloaded[href] = { bytes: null };
      reads.push(fetchFile(href).then(function (response) { return response.ok ? response.arrayBuffer() : new ArrayBuffer(0); })
        .catch(function () { return new ArrayBuffer(0); })
        .then(function (buffer) { entry.bytes = new Uint8Array(buffer); }));
    });
    return Promise.all(reads);
  };
  // The module asks for `href`: its length once read and not failed, else -1 (not preloaded, not
  // read yet, or failed: the module fetches it itself then).
  P.preloadedLength = function (href) {
    var entry = P.preloaded[href];
    return entry && entry.bytes && entry.bytes.length ? entry.bytes.length : -1;
  };
  // Copies `href`'s bytes into the module's heap at `at` and lets them go.
  P.takePreloaded = function (href, heap, at) {
    heap.set(P.preloaded[href].bytes, at);
    P.preloaded[href].bytes = new Uint8Array(0);
  };

  if (typeof document !== 'undefined' && typeof fetch === 'function') P.preload(document, fetch.bind(root));
})(typeof window !== 'undefined' ? window : globalThis);
