// The page side of the playground's platform layer (web/platform.js, web/videos.js) without a
// browser: where a <video> goes over the canvas and how it is cut, its clock text, the wheel in
// notches, the keys handed to the GLFW port, file and link checks, the fault note's record, a snippet file's download,
// and the Compare tab's sync group driven with stand-in video elements whose events arrive in order,
// as a browser's do.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import '../../web/platform.js';
import '../../web/videos.js';

const P = globalThis.VideoGenPlatform;

// ---- placement and clock ------------------------------------------------------------------------------
test('a whole video sits at the canvas box plus scroll plus its rect, with no clip-path', () => {
  const style = P.overlayStyle({ left: 10, top: 20 }, { x: 0, y: 100 }, { x: 5, y: 6, width: 320, height: 180 },
    { x: 5, y: 6, width: 320, height: 180 });
  assert.deepEqual(style, { left: '15px', top: '126px', width: '320px', height: '180px', clipPath: 'none', visibility: 'visible' });
});

test('a video scrolled half out of its window is cut to the visible part (top, right, bottom, left)', () => {
  const style = P.overlayStyle({ left: 0, top: 0 }, { x: 0, y: 0 }, { x: 100, y: 50, width: 320, height: 180 },
    { x: 110, y: 80, width: 300, height: 100 });
  assert.equal(style.clipPath, 'inset(30px 10px 50px 10px)');
  assert.equal(style.visibility, 'visible');
});

test('a video with nothing visible is hidden; a cut under half a pixel is no cut', () => {
  const rect = { x: 0, y: 0, width: 320, height: 180 };
  assert.equal(P.overlayStyle({ left: 0, top: 0 }, { x: 0, y: 0 }, rect, { x: 0, y: 0, width: 320, height: 0 }).visibility, 'hidden');
  assert.equal(P.overlayStyle({ left: 0, top: 0 }, { x: 0, y: 0 }, rect, { x: 0.3, y: 0, width: 319.7, height: 180 }).clipPath, 'none');
});

test('a tooltip over a video cuts a hole in it where it lies, so the canvas (and the tooltip) shows through', () => {
  const rect = { x: 100, y: 50, width: 320, height: 180 };
  const tooltip = { x: 300, y: 20, width: 200, height: 60 };  // over the video's top right corner, and beyond it
  const style = P.overlayStyle({ left: 0, top: 0 }, { x: 0, y: 0 }, rect, rect, [tooltip]);
  // The whole video less the tooltip's part of it (x 300-420, y 50-80 on the page; 200-320, 0-30 in the video).
  assert.equal(style.clipPath, 'path(evenodd, "M0 0H320V180H0ZM200 0H320V30H200Z")');
  assert.equal(style.visibility, 'visible');
  // Scrolled half out of its window, under the same tooltip: the outline is the visible part.
  const visible = { x: 100, y: 60, width: 320, height: 170 };
  assert.equal(P.overlayStyle({ left: 0, top: 0 }, { x: 0, y: 0 }, rect, visible, [tooltip]).clipPath,
    'path(evenodd, "M0 10H320V180H0ZM200 10H320V30H200Z")');
  // A tooltip elsewhere, or touching the edge by under half a pixel, cuts nothing.
  assert.equal(P.overlayStyle({ left: 0, top: 0 }, { x: 0, y: 0 }, rect, rect, [{ x: 0, y: 0, width: 100.3, height: 40 }]).clipPath, 'none');
  assert.equal(P.overlayStyle({ left: 0, top: 0 }, { x: 0, y: 0 }, rect, rect, []).clipPath, 'none');
  // As the app hands them over: four floats a rectangle.
  assert.deepEqual(P.rectsOf(new Float32Array([300, 20, 200, 60, 1, 2, 3, 4])),
    [tooltip, { x: 1, y: 2, width: 3, height: 4 }]);
  assert.deepEqual(P.rectsOf(new Float32Array(0)), []);
});

test('the clock says time, length and size once metadata loaded, and when it plays the stored copy', () => {
  assert.equal(P.clockText({ readyState: 0, duration: NaN }), '');
  assert.equal(P.clockText(undefined), '');
  const video = { readyState: 4, currentTime: 65.7, duration: 125, videoWidth: 320, videoHeight: 180, dataset: {} };
  assert.equal(P.clockText(video), '1:05 / 2:05  320x180');
  video.dataset.source = 'storage';
  assert.equal(P.clockText(video), '1:05 / 2:05  320x180  stored copy');
});

// ---- input ------------------------------------------------------------------------------------------------
test('the text scale is the root font size over the browser\'s default 16 px, kept within 0.5 to 3', () => {
  assert.equal(P.textScaleOf(16), 1);
  assert.equal(P.textScaleOf(32), 2, 'a person who set 200 % text');
  assert.equal(P.textScaleOf(20), 1.25);
  assert.equal(P.textScaleOf(100), 3);
  assert.equal(P.textScaleOf(4), 0.5);
  for (const unreadable of [NaN, 0, -5, Infinity]) assert.equal(P.textScaleOf(unreadable), 1, String(unreadable));
});

test('the wheel moves one notch per 100 pixels or 3 lines, in ImGui\'s direction', () => {
  assert.deepEqual(P.wheelNotches({ deltaMode: 0, deltaX: 0, deltaY: 100 }), [-0, -1]);
  assert.deepEqual(P.wheelNotches({ deltaMode: 1, deltaX: -3, deltaY: 0 }), [1, -0]);
  assert.deepEqual(P.wheelNotches({ deltaMode: 2, deltaX: 0, deltaY: 1 }), [-0, -80]);
});

// The GLFW port as the page hands it keys: what it was given, in order.
function recordingPort() {
  const delivered = [];
  return {
    delivered,
    onKeydown: (e) => delivered.push('down ' + e.key),
    onKeyup: (e) => delivered.push('up ' + e.key),
    onKeyPress: (e) => delivered.push('press ' + (e.charCode > 0xFFFF || e.key.length === 1 ? e.key : e.charCode.toString(16))),
  };
}

test('keys reach the port at once and in order, so a Ctrl pressed before a click is down when the click comes', () => {
  const port = recordingPort();
  const held = {};
  const a = { keyCode: 65, key: 'a', charCode: 97 };
  P.takeKey(port, held, 'keydown', { keyCode: 17, key: 'Control' });
  assert.deepEqual(port.delivered, ['down Control'], 'Ctrl waited for a frame');
  P.takeKey(port, held, 'keydown', a);
  P.takeKey(port, held, 'keypress', a);
  P.takeKey(port, held, 'keyup', a);
  assert.deepEqual(port.delivered, ['down Control', 'down a', 'press a', 'up a']);
});

test('a held key repeats as the browser repeats it: each repeated key-down is a fresh press; modifiers do not repeat', () => {
  const port = recordingPort();
  const held = {};
  const backspace = { keyCode: 8, key: 'Backspace' };
  const control = { keyCode: 17, key: 'Control' };
  P.takeKey(port, held, 'keydown', control);
  P.takeKey(port, held, 'keydown', backspace);
  P.takeKey(port, held, 'keydown', control);  // the system repeats a held Ctrl too
  P.takeKey(port, held, 'keydown', backspace);
  P.takeKey(port, held, 'keyup', backspace);
  P.takeKey(port, held, 'keyup', control);
  P.takeKey(port, held, 'keydown', backspace);  // pressed again after its release: no extra up
  assert.deepEqual(port.delivered, ['down Control', 'down Backspace', 'up Backspace', 'down Backspace', 'up Backspace',
    'up Control', 'down Backspace']);
  assert.deepEqual(held, { 8: true });
});

test('a keypress of a character above U+FFFF reaches the port as its whole code point, not half a surrogate pair', () => {
  const port = recordingPort();
  P.takeKey(port, {}, 'keypress', { key: '🎬', charCode: 0xD83C, keyCode: 0, ctrlKey: false, metaKey: false });
  P.takeKey(port, {}, 'keypress', { key: '東', charCode: 0x6771, keyCode: 0, ctrlKey: false, metaKey: false });
  P.takeKey(port, {}, 'keypress', { key: 'Enter', charCode: 13, keyCode: 13, ctrlKey: false, metaKey: false });
  assert.deepEqual(port.delivered, ['press 🎬', 'press 東', 'press d']);
});

// ---- files ------------------------------------------------------------------------------------------------
test('a frame that asks for more frames (a preview playing) still leaves one frame asked for, not two', (t) => {
  const asked = [];  // node has no requestAnimationFrame: a stand-in that keeps what was asked for
  globalThis.requestAnimationFrame = (callback) => asked.push(callback);
  t.after(() => delete globalThis.requestAnimationFrame);
  const module = {};
  let drawn = 0;
  const loop = P.frameLoop(module, () => {
    drawn++;
    P.burst(module);  // what the app does each frame while a preview plays
  });
  P.wake(module);
  for (let frame = 0; frame < 10; frame++) {
    assert.equal(asked.length, 1, `frame ${frame}: ${asked.length} frames asked for`);
    asked.shift()();
  }
  assert.equal(drawn, 10);
  assert.equal(loop.raf !== 0, true, 'still drawing while the preview asks');
});

test('an input draws three frames however slow they are, and stops a quarter second after it however fast', (t) => {
  const asked = [];
  globalThis.requestAnimationFrame = (callback) => asked.push(callback);
  t.after(() => delete globalThis.requestAnimationFrame);
  let now = 0;
  t.mock.method(performance, 'now', () => now);
  const module = {};
  let drawn = 0;
  P.frameLoop(module, () => { drawn++; });
  const framesAfterWake = (frameMs) => {
    drawn = 0;
    P.wake(module);
    while (asked.length) {
      now += frameMs;
      asked.shift()();
    }
    return drawn;
  };
  assert.equal(framesAfterWake(2000), 3, 'frames of 2 s each (a loaded machine): the three ImGui needs');
  assert.equal(framesAfterWake(10), P.AWAKE_MS / 10, 'frames of 10 ms: a quarter second of them, then none');
});

test('a file over 64 MB is refused with its size and what to do; 64 MB is read', () => {
  assert.equal(P.fileSizeProblem(64 * 1024 * 1024), '');
  const problem = P.fileSizeProblem(65 * 1024 * 1024);
  assert.match(problem, /it is 65\.0 MB; the playground reads files up to 64 MB/);
  assert.match(problem, /host it and paste its URL/);
});

test('a dragged link list gives its http(s) links, without comments or other schemes', () => {
  assert.deepEqual(P.linksIn('# from a page\r\nhttps://example.com/a.png\r\nftp://x/y\n  HTTP://b/c.mp4 '),
    ['https://example.com/a.png', 'HTTP://b/c.mp4']);
  assert.deepEqual(P.linksIn(''), []);
});

// ---- the boundary's JavaScript side -----------------------------------------------------------------------
beforeEach(() => { globalThis.__vg = {}; });

test('a fault is recorded and logged with what failed and why, and counted when it repeats', (t) => {
  t.mock.method(console, 'error', () => {});
  P.fault('handling the page event {"type":"file"}', 'type must be string');
  P.fault('handling the page event {"type":"file"}', 'type must be string');
  P.fault('drawing a frame', 'boom');
  assert.deepEqual(globalThis.__vg.faults, [
    { what: 'handling the page event {"type":"file"}', detail: 'type must be string', count: 2 },
    { what: 'drawing a frame', detail: 'boom', count: 1 }]);
  assert.equal(console.error.mock.callCount(), 2, 'a repeated fault is logged once');
  const text = P.faultText('drawing a frame', 'boom', 2);
  assert.match(text, /^Something went wrong while drawing a frame: boom\./);
  assert.match(text, /jobs and history are kept/);
  assert.match(text, /reload it\. \(2 times\)$/);
});

test('a guarded page handler that throws becomes a fault, not an exception', (t) => {
  t.mock.method(console, 'error', () => {});
  const handler = P.guard('reading a paste', () => { throw new Error('no clipboard'); });
  assert.doesNotThrow(() => handler());
  assert.deepEqual(globalThis.__vg.faults, [{ what: 'reading a paste', detail: 'no clipboard', count: 1 }]);
});

test('text handed to C++ is freed even when the call throws', () => {
  const freed = [];
  const module = { allocateUTF8: (text) => ({ text }), _free: (buffer) => freed.push(buffer.text),
    _vg_web_event: () => { throw new Error('escaped'); } };
  assert.throws(() => P.callWithText(module, '_vg_web_event', '{"type":"drag"}'), /escaped/);
  assert.deepEqual(freed, ['{"type":"drag"}']);
});

// ---- synchronized playback ----------------------------------------------------------------------------
// Stand-in <video> elements: a call queues the events a browser fires for it, and flush() delivers
// them in order (play, pause, seeking then seeked), as the browser's event loop does.
function videoWorld() {
  const queue = [];
  const flush = () => { while (queue.length) { const [element, type] = queue.shift(); element.fire(type); } };
  const make = (readyState) => {
    const listeners = {};
    let time = 0;
    const element = {
      paused: true, ended: false, seeking: false, readyState, duration: 10,
      addEventListener: (type, fn) => { (listeners[type] = listeners[type] || []).push(fn); },
      fire: (type) => {
        if (type === 'seeked') element.seeking = false;
        (listeners[type] || []).forEach((fn) => fn());
      },
      play: () => {
        if (element.paused) { element.paused = false; queue.push([element, 'play']); }
        return Promise.resolve();
      },
      pause: () => { if (!element.paused) { element.paused = true; queue.push([element, 'pause']); } },
      get currentTime() { return time; },
      set currentTime(value) {
        time = value;
        element.ended = false;
        element.seeking = true;
        queue.push([element, 'seeking'], [element, 'seeked']);
      },
      // What the browser does when more data arrived.
      becomeReady: () => { element.readyState = 4; queue.push([element, 'canplay']); },
      // What the browser does at the end of a video that does not loop.
      end: () => { time = element.duration; element.paused = true; element.ended = true; queue.push([element, 'pause'], [element, 'ended']); },
    };
    return element;
  };
  return { make, flush, queue };
}

function compareGroup(readyStates) {
  const world = videoWorld();
  const elements = {};
  readyStates.forEach((state, i) => { elements['job' + i + '/0'] = world.make(state); });
  const sync = P.videoSync((key) => elements[key]);
  const keys = Object.keys(elements);
  const group = sync.join(keys);
  world.flush();
  return { world, sync, keys, group, videos: keys.map((key) => elements[key]) };
}

test('compared videos wait for the slowest, then start together from 0', () => {
  const { world, videos, group } = compareGroup([4, 1]);
  assert.ok(videos.every((v) => v.paused), 'nothing plays while one cannot');
  videos[1].becomeReady();
  world.flush();
  assert.ok(videos.every((v) => !v.paused && v.currentTime === 0), 'both play from 0');
  assert.equal(group.want, 'play');
});

test('a pause on one video\'s own controls pauses the others at its time', () => {
  const { world, videos, group } = compareGroup([4, 4]);
  videos[0].currentTime = 3.2;
  world.flush();
  videos[0].pause();
  world.flush();
  assert.ok(videos.every((v) => v.paused), 'both paused');
  assert.equal(videos[1].currentTime, 3.2);
  assert.equal(group.want, 'pause');
});

test('a seek on one video moves the others there, without echoing back', () => {
  const { world, videos } = compareGroup([4, 4, 4]);
  videos[2].currentTime = 6;
  world.flush();
  assert.deepEqual(videos.map((v) => v.currentTime), [6, 6, 6]);
  assert.ok(videos.every((v) => !v.paused), 'still playing');
});

test('a video that runs out of data holds the others, and all resume together at the anchor\'s time', () => {
  const { world, videos, group } = compareGroup([4, 4]);
  videos[0].currentTime = 4;  // the first was playing well: the anchor
  world.flush();
  videos[1].readyState = 2;
  world.queue.push([videos[1], 'waiting']);
  world.flush();
  assert.ok(group.holding, 'the group holds');
  assert.ok(videos[0].paused, 'the other video waits');
  videos[1].becomeReady();
  world.flush();
  assert.ok(!group.holding, 'the hold ended');
  assert.ok(videos.every((v) => !v.paused && v.currentTime === 4), `both play at 4 s: ${videos.map((v) => v.currentTime)}`);
});

test('once every video has played to its end, a seek on one moves them all and starts nothing', () => {
  // Stress run 2 of 7567a42: the videos ended before Loop was ticked, and a seek on one video's own
  // bar then played all three (the group still wanted "play").
  const { world, videos, group } = compareGroup([4, 4, 4]);
  videos[0].end();
  world.flush();
  assert.equal(group.want, 'play', 'one ended, the others still play');
  videos[1].end();
  videos[2].end();
  world.flush();
  assert.equal(group.want, 'pause', 'all ended: playback is over');
  videos[1].currentTime = 2;
  world.flush();
  assert.deepEqual(videos.map((v) => v.currentTime), [2, 2, 2]);
  assert.ok(videos.every((v) => v.paused), `a seek started playback: ${videos.map((v) => v.paused)}`);
});

test('the app\'s bar seeks and pauses the whole group', () => {
  const { world, sync, keys, videos } = compareGroup([4, 4]);
  sync.control(sync.groupOf(keys), 'seek', 7.5);
  world.flush();
  assert.deepEqual(videos.map((v) => v.currentTime), [7.5, 7.5]);
  sync.control(sync.groupOf(keys), 'pause');
  world.flush();
  assert.ok(videos.every((v) => v.paused));
});

test('a new group that shares a video replaces the old one (a retried column)', () => {
  const { sync, keys } = compareGroup([4, 4]);
  const retried = [keys[0], 'job9/0'];
  sync.join(retried);
  assert.equal(sync.groupOf(keys), undefined);
  assert.ok(sync.groupOf(retried));
});

// ---- the C++ side stays a bridge ---------------------------------------------------------------------------
test('every EM_JS/EM_ASM in wasm/app is one statement: a call into web/*.js or a plain read', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { repoRoot } = await import('./helpers.mjs');
  const folder = join(repoRoot, 'wasm/app');
  let count = 0;
  for (const name of readdirSync(folder, { recursive: true }).filter((n) => /\.(cpp|h)$/.test(n))) {
    const code = readFileSync(join(folder, name), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    for (const match of code.matchAll(/\bEM_(?:JS|ASM\w*)\s*\(([^{]*)\{([\s\S]*?)\}\s*\)\s*;/g)) {
      count++;
      const body = match[2].replace(/\{[^{}]*\}/g, '{}').trim();  // object literals passed as arguments
      const statements = body.split(';').filter((s) => s.trim()).length;
      assert.ok(statements <= 1 && !/\bfunction\b|=>/.test(body), `${name}: ${match[1].trim()} holds JavaScript: ${body}`);
    }
  }
  assert.ok(count > 20, `found only ${count} EM_JS functions: the pattern no longer matches the sources`);
});

// ---- idempotency keys ---------------------------------------------------------------------------------------
test('each submit key is "vg-" and 32 hex digits, and no two are alike', () => {
  const keys = new Set(Array.from({ length: 200 }, () => P.randomKey()));
  assert.equal(keys.size, 200);
  for (const key of keys) assert.match(key, /^vg-[0-9a-f]{32}$/);
});

test('without a random generator there is no key (the job is sent without one), never a guessable one', (t) => {
  const crypto = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
  t.after(() => Object.defineProperty(globalThis, 'crypto', crypto));
  assert.equal(P.randomKey(), '');
});

// ---- files a copied snippet reads -----------------------------------------------------------------------
test('saveFile downloads the bytes under their name and frees the blob URL only later', async (t) => {
  const clicked = [];
  const revoked = [];
  let blob = null;
  let later = null;
  const link = {
    click() { clicked.push({ href: this.href, download: this.download, inPage: this.inPage }); },
    remove() { this.inPage = false; },
  };
  t.mock.method(URL, 'createObjectURL', (b) => { blob = b; return 'blob:vg/1'; });
  t.mock.method(URL, 'revokeObjectURL', (url) => revoked.push(url));
  t.mock.method(globalThis, 'setTimeout', (run, ms) => { later = { run, ms }; return 0; });
  globalThis.document = { createElement: () => link, body: { appendChild: (element) => { element.inPage = true; } } };
  t.after(() => { delete globalThis.document; });

  P.saveFile('prompt-image.png', new Uint8Array([137, 80, 78, 71]));
  assert.deepEqual(clicked, [{ href: 'blob:vg/1', download: 'prompt-image.png', inPage: true }]);
  assert.equal(link.inPage, false, 'the link leaves the page once clicked');
  assert.deepEqual([...new Uint8Array(await blob.arrayBuffer())], [137, 80, 78, 71]);
  assert.deepEqual(revoked, [], 'the browser reads the blob when the download starts: not freed at once');
  assert.ok(later && later.ms >= 10000, 'freed after a generous delay');
  later.run();
  assert.deepEqual(revoked, ['blob:vg/1']);
});

// ---- preloaded files ----------------------------------------------------------------------------------
test('the fonts index.html preloads are read as the page loads and handed to the module once; the module itself is not', async () => {
  const links = ['fonts/ui-latin.ttf', 'fonts/missing.ttf', 'playground.wasm'].map((href) => ({ getAttribute: () => href }));
  const doc = { querySelectorAll: (selector) => (selector === 'link[rel="preload"][as="fetch"]' ? links : []) };
  const asked = [];
  const fetchFile = (href) => {
    asked.push(href);
    return Promise.resolve(href === 'fonts/missing.ttf' ? new Response('', { status: 404 }) : new Response(new Uint8Array([1, 2, 3])));
  };
  P.preloaded = {};
  const read = P.preload(doc, fetchFile);
  assert.deepEqual(asked, ['fonts/ui-latin.ttf', 'fonts/missing.ttf'], 'playground.wasm is Emscripten\'s to fetch');
  assert.equal(P.preloadedLength('fonts/ui-latin.ttf'), -1, 'not read yet: the module fetches it itself');
  await read;
  assert.equal(P.preloadedLength('fonts/ui-latin.ttf'), 3);
  assert.equal(P.preloadedLength('fonts/missing.ttf'), -1, 'a failed read leaves it to the module, which says what failed');
  assert.equal(P.preloadedLength('fonts/other.ttf'), -1);
  const heap = new Uint8Array(8);
  P.takePreloaded('fonts/ui-latin.ttf', heap, 2);
  assert.deepEqual([...heap], [0, 0, 1, 2, 3, 0, 0, 0]);
  assert.equal(P.preloadedLength('fonts/ui-latin.ttf'), -1, 'handed over once, then let go');
});

// ---- result posters -----------------------------------------------------------------------------------
test('a poster is at most 192 pixels wide at the video\'s shape, never 0, and taken a little way in', () => {
  assert.deepEqual(P.posterSize(1280, 720), { width: 192, height: 108 });
  assert.deepEqual(P.posterSize(720, 1280), { width: 192, height: 341 });
  assert.deepEqual(P.posterSize(160, 90), { width: 160, height: 90 }, 'a small video is not enlarged');
  assert.deepEqual(P.posterSize(0, 0), { width: 1, height: 1 });
  assert.equal(P.posterTime(5), 0.5, 'half a second in: a first frame is often black');
  assert.equal(P.posterTime(0.4), 0.2, 'a very short video: its middle');
  assert.equal(P.posterTime(NaN), 0);
  assert.equal(P.posterTime(Infinity), 0, 'a live stream has no end to measure from');
});

test('a poster that cannot be made says why: the video does not load, or its server does not let the page read its frames', () => {
  const sent = [];
  const module = { allocateUTF8: (text) => text, _free: () => {}, _vg_web_event: (text) => sent.push(JSON.parse(text)) };
  const made = [];
  globalThis.document = {
    createElement: (tag) => {
      const element = tag === 'canvas' ? { getContext: () => ({ drawImage() {} }) } : { load() {}, removeAttribute() {} };
      made.push(element);
      return element;
    },
  };
  // A WebGL context whose upload refuses a frame another site did not let the page read.
  const context = {
    TEXTURE_2D: 1, createTexture: () => ({}), getParameter: () => null, bindTexture() {}, pixelStorei() {},
    texImage2D() { throw new Error('SecurityError: the video element contains cross-origin data'); }, deleteTexture() {},
  };
  const gl = { getNewId: () => 1, textures: [] };
  try {
    P.loadVideoPoster(module, gl, context, 'job_1/0', 'job_1/0', 'https://cdn.example.com/gone.mp4');
    assert.equal(made[0].crossOrigin, 'anonymous', 'another site\'s video is asked for with CORS');
    made[0].onerror();
    assert.deepEqual(sent[0], { type: 'poster', token: 'job_1/0', problem: 'the video could not be loaded from https://cdn.example.com/gone.mp4' });

    P.loadVideoPoster(module, gl, context, 'job_2/0', 'job_2/0', 'https://cdn.example.com/v.mp4');
    const video = made[1];
    Object.assign(video, { duration: 5, videoWidth: 1280, videoHeight: 720 });
    video.onloadeddata();
    assert.equal(video.currentTime, 0.5);
    video.onseeked();
    assert.deepEqual(sent[1], { type: 'poster', token: 'job_2/0', problem: 'the video\'s server does not let this page read its pictures (CORS)' });
    assert.equal(sent.length, 2, 'one answer each');
  } finally {
    delete globalThis.document;
  }
});
