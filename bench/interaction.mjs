// How the playground answers a person, measured and printed, never asserted (a measurement, not a
// test): a typing burst in the prompt, and pointer input while the camera preview plays.
//
//   bash scripts/build.sh && node bench/interaction.mjs
//   VG_PROFILE=1 node bench/interaction.mjs     # also: where the main thread's time goes (CPU profile)
//   VG_TRACE=1 node bench/interaction.mjs       # also: the main thread's trace events, by self time
//   VG_GPU_COMPOSITING=1 node bench/interaction.mjs   # an experiment: without --disable-gpu (below)
//
// Measured on the release page ($VG_WASM_DIR/site, build/wasm/site unless set: no test hooks). That
// page publishes no ImGui items, so the way to each control is found first on the test page
// (site-test/, same layout: the hooks only record items) with the harness's helpers, every mouse
// action they make recorded, and the same actions are replayed on the release page, each followed
// by two drawn frames; what the page then shows (the typed text in the request, frames coming with
// no input) confirms the replay reached the same state.
//
// Frame times: the app's frame function (Module._vg_web_frame, what web/platform.js's loop calls
// once a frame: ImGui, the panels, the GL calls) wrapped in the page, start and end by
// performance.now(). Chromium as the browser tests launch it: headless, software WebGL2
// (SwiftShader), 1400x860.
//
// 1. Typing: the prompt field focused by a click, then 50 characters typed by keyboard.type, one
//    keydown/keypress/keyup per character, 50 ms held and 50 ms apart (about 10 characters a second,
//    a fast typist), until the typed text is in the request. Prints max, p95 and median frame time,
//    frames over 16 ms, and the main-thread task time over the burst (CDP Performance.getMetrics).
// 2. Camera preview: Kling 2.6 image-to-video with a 640x360 picture and a zoom, the Direct tab's
//    camera editor, Play (looping): for 10 s the pointer moves (CDP Input.dispatchMouseEvent, the
//    browser's own input path) about every 500 ms, the next only once the page drew a frame after
//    the last; each move's delay is from its event.timeStamp (when the browser made it) to the end
//    of the next animation frame (whose ImGui frame read the new pointer position; pointerDelays
//    below). Prints max and median of that delay and of event-to-listener, and the preview's frame
//    times.
// 3. The same 10 s of pointer moves on the bare ImGui page (bench/hello/, build/wasm/hello-site),
//    which draws every animation frame: the delay this browser gives any WebGL2 ImGui page.
// With VG_PROFILE=1 each part also runs under the CDP sampling profiler and prints the functions
// with the most self and inclusive time (WebAssembly functions named from
// build/wasm/playground.symbols), and what each frame over 16 ms spent its time in; with
// VG_TRACE=1 it runs under Chromium's tracing instead (browser.startTracing: the renderer's main
// thread as the browser sees it, native work and waits included, which a JS profile shows only as
// "(program)") and prints the trace events of the page's main thread by self time, wall and CPU;
// the traces are kept in tests/artifacts/trace-{typing,camera}.json (chrome://tracing, Perfetto).
// The harness's --disable-gpu makes Chromium composite in software (chrome://gpu: "Compositing:
// Software only"; WebGL still runs on SwiftShader in the GPU process): every frame the page draws
// is then read back from the GPU process on the main thread, which waits for SwiftShader to finish
// the frame. VG_GPU_COMPOSITING=1 launches Chromium without --disable-gpu (compositing on
// SwiftShader too, no read-back), to tell that wait from the app's own costs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ARTIFACTS, CHROMIUM_FLAGS, REPO, RELEASE_SITE, SITE as TEST_SITE, VIEWPORT, assert, clickControl, focusField, framesDrawn, launchBrowser,
  openPage, openTab, shareFragment, startServer, waitFor, waitForItem,
} from '../tests/browser/harness.mjs';
import { TRACE_CATEGORIES, printProfile, printSlowFrames, printTrace, startProfile, wasmNames } from './devtools.mjs';

const WASM_DIR = process.env.VG_WASM_DIR || path.join(REPO, 'build/wasm');
const PROFILE = Boolean(process.env.VG_PROFILE);
const TRACE = Boolean(process.env.VG_TRACE);
const GPU_COMPOSITING = Boolean(process.env.VG_GPU_COMPOSITING);
const TYPED = ' with a slow dolly in over a misty harbour at dawn';  // 50 characters
const PLAY_MS = 10000;
const MOVE_EVERY_MS = 500;

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value) => value.toFixed(1);

// ---- finding the way on the test page, replaying it on the release page ----------------------------
// Every mouse action the harness's helpers make on `page` from now on, as [method, arguments].
function recordMouse(page) {
  const actions = [];
  for (const name of ['move', 'down', 'up', 'click', 'wheel']) {
    const original = page.mouse[name].bind(page.mouse);
    page.mouse[name] = (...args) => {
      actions.push([name, args]);
      return original(...args);
    };
  }
  return actions;
}

async function replay(page, actions) {
  for (const [name, args] of actions) {
    await page.mouse[name](...args);
    await framesDrawn(page);
  }
}

// The mouse actions `navigate(page)` makes on the test page opened at `fragment`.
async function wayOnTestPage(browser, fragment, navigate) {
  const { url, stop } = await startServer([], { site: TEST_SITE });
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const { page } = await openPage(context, url + fragment);
    const actions = recordMouse(page);
    await navigate(page);
    return actions;
  } finally {
    await context.close();
    stop();
  }
}

// ---- measuring in the page -------------------------------------------------------------------------
// Wraps the playground's frame function: window.__bench.frames gets [start, end] of every frame from
// now on.
function instrumentFrames(page) {
  return page.evaluate(() => {
    const bench = window.__bench = window.__bench || {};
    bench.frames = [];
    const frame = window.Module._vg_web_frame;
    window.Module._vg_web_frame = function (...args) {
      const start = performance.now();
      try {
        return frame.apply(this, args);
      } finally {
        bench.frames.push([start, performance.now()]);
      }
    };
  });
}

// Pointer moves over the canvas's lower left corner (over no control: they change nothing), about
// every MOVE_EVERY_MS for `durationMs` of the page's clock. For each: [event.timeStamp (when the
// browser made the event), when the page's listener ran, when the next animation frame's callbacks
// reached one the listener asked for]. The app's own frame callback was asked for earlier (the
// playground's loop asks for the next frame at the end of each, Emscripten's main loop too), so it
// runs first in that frame: the third time is the end of the frame that read the new position. The
// next move is sent once the last one has its frame and MOVE_EVERY_MS has passed since it was made.
// Also what each drawn frame cost every kind of Chromium process in CPU time (CDP
// SystemInfo.getProcessInfo; `framesOf`, a page function, counts the page's frames): on software GL
// the GPU process's share is SwiftShader drawing the frame (as figures.mjs measures the pointer).
async function cpuByProcessType(session) {
  const { processInfo } = await session.send('SystemInfo.getProcessInfo');
  const seconds = {};
  for (const { type, cpuTime } of processInfo) seconds[type] = (seconds[type] || 0) + cpuTime;
  return seconds;
}

async function pointerDelays(browser, page, durationMs, framesOf) {
  const session = await browser.newBrowserCDPSession();
  const cpuBefore = await cpuByProcessType(session);
  const framesBefore = await page.evaluate(framesOf);
  await page.evaluate(() => {
    const bench = window.__bench = window.__bench || {};
    bench.moves = [];
    document.getElementById('canvas').addEventListener('mousemove', (e) => {
      const move = [e.timeStamp, performance.now()];
      bench.moves.push(move);
      requestAnimationFrame(() => move.push(performance.now()));
    }, true);
  });
  const from = await page.evaluate(() => performance.now());
  for (let n = 1; ; n++) {
    await page.mouse.move(4 + (n % 2) * 6, VIEWPORT.height - 4 - (n % 3) * 3);
    const now = await waitFor(page, ({ count, every }) => {
      const move = window.__bench.moves[count - 1];
      return Boolean(move && move.length === 3 && performance.now() - move[0] >= every) && performance.now();
    }, { count: n, every: MOVE_EVERY_MS }, 60000).then((handle) => handle.jsonValue());
    if (now - from >= durationMs) break;
  }
  const frames = await page.evaluate(framesOf) - framesBefore;
  const cpuAfter = await cpuByProcessType(session);
  await session.detach();
  const perFrame = Object.keys(cpuAfter).map((type) => [type, ((cpuAfter[type] - (cpuBefore[type] || 0)) * 1000) / frames])
    .filter(([, cost]) => cost >= 0.05).map(([type, cost]) => `${type} ${ms(cost)}`);
  const moves = await page.evaluate(() => window.__bench.moves);
  const toFrame = moves.map(([stamp, , drawn]) => drawn - stamp);
  const toListener = moves.map(([stamp, seen]) => seen - stamp);
  return `${moves.length} pointer moves, delay from the event to the end of the frame that handled it: ` +
    `max ${ms(Math.max(...toFrame))} ms, median ${ms(percentile(toFrame, 50))} ms ` +
    `(event to the page's listener: max ${ms(Math.max(...toListener))} ms, median ${ms(percentile(toListener, 50))} ms); ` +
    `${frames} frames drawn, CPU per frame: ${perFrame.join(', ')} ms`;
}

async function mainThreadSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration').value;
}

function frameSummary(frames) {
  const durations = frames.map(([start, end]) => end - start);
  return {
    count: durations.length,
    max: Math.max(...durations),
    p95: percentile(durations, 95),
    median: percentile(durations, 50),
    over16: durations.filter((d) => d > 16).length,
    sum: durations.reduce((a, b) => a + b, 0),
  };
}

// ---- the CPU profile (VG_PROFILE=1) and the trace (VG_TRACE=1) -----------------------------------
// Each returns what ends the recording and prints its summary.
async function startRecording(browser, page, cdp) {
  if (PROFILE) {
    const stop = await startProfile(cdp);
    return async (what) => {
      const profile = await stop();
      const names = wasmNames(path.join(WASM_DIR, 'playground.symbols'));
      printProfile(profile, what, names);
      printSlowFrames(profile, names);
    };
  }
  if (TRACE) {
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    return async (what, file) => {
      const buffer = await browser.stopTracing();
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(path.join(ARTIFACTS, file), buffer);
      printTrace(buffer, what, `tests/artifacts/${file}`);
    };
  }
  return async () => {};
}

// What both measurements start with: frame timing in the page, the trace if asked for, and the
// main thread's busy time and the clock at the start.
async function startMeasuring(browser, context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await instrumentFrames(page);
  const stopRecording = await startRecording(browser, page, cdp);
  const busyBefore = await mainThreadSeconds(cdp);
  const from = await page.evaluate(() => performance.now());
  return { cdp, stopRecording, busyBefore, from };
}

// ---- 1. typing -------------------------------------------------------------------------------------
async function typingBurst(browser, url) {
  const way = await wayOnTestPage(browser, '', (page) => focusField(page, 'prompt'));
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const { page } = await openPage(context, url);
    await replay(page, way);
    const { cdp, stopRecording, busyBefore, from } = await startMeasuring(browser, context, page);
    await page.keyboard.type(TYPED, { delay: 50 });
    await waitFor(page, (text) => (window.__vg.requestText || '').includes(text), TYPED, 60000)
      .catch((error) => assert(false, `the typed text never reached the request: did the replayed click focus the prompt? ${error.message}`));
    const to = await page.evaluate(() => performance.now());
    const busy = (await mainThreadSeconds(cdp)) - busyBefore;
    await stopRecording('typing 50 characters', 'trace-typing.json');
    const frames = await page.evaluate((t0) => window.__bench.frames.filter(([start]) => start >= t0), from);
    const s = frameSummary(frames);
    console.log(`# figure: typing 50 characters into the prompt (release page, SwiftShader): ${s.count} frames in ` +
      `${((to - from) / 1000).toFixed(1)} s; frame time max ${ms(s.max)} ms, p95 ${ms(s.p95)} ms, median ${ms(s.median)} ms, ` +
      `${s.over16} frames over 16 ms; frames ${ms(s.sum)} ms of ${ms(busy * 1000)} ms main-thread task time`);
  } finally {
    await context.close();
  }
}

// ---- 2. the camera preview playing -----------------------------------------------------------------
// A test picture as raw base64 (Kling's form), drawn by ffmpeg's test source (as camera.test.mjs does).
function testPicture(size) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'vg-bench-'));
  try {
    const file = path.join(folder, 'picture.png');
    const run = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=1`, '-frames:v', '1', file]);
    assert(run.status === 0, `ffmpeg could not draw the test picture: ${run.stderr}`);
    return readFileSync(file).toString('base64');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function cameraPreview(browser, url) {
  const config = { horizontal: 0, vertical: 0, pan: 0, tilt: 0, roll: 0, zoom: -4.5 };
  const request = { model: 'klingai/kling-v2.6-i2v', prompt: { image: testPicture('640x360'), text: 'a lighthouse on a cliff, waves below' },
    providerOptions: { klingai: { cameraControl: { type: 'simple', config } } } };
  const fragment = shareFragment(request);
  const way = await wayOnTestPage(browser, fragment, async (page) => {
    await openTab(page, 'Direct');
    await waitForItem(page, 'camera:preview');
    await clickControl(page, 'camera:play');
  });
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const { page } = await openPage(context, url + fragment);
    await replay(page, way);
    // Playing: frames keep coming long after the last input (an idle page stops a quarter second after).
    const framesNow = await page.evaluate(() => window.__vg.frames);
    await waitFor(page, (n) => window.__vg.frames > n + 30, framesNow, 60000)
      .catch((error) => assert(false, `the preview does not play after the replayed clicks: ${error.message}`));
    const { cdp, stopRecording, busyBefore, from } = await startMeasuring(browser, context, page);
    const delays = await pointerDelays(browser, page, PLAY_MS, () => window.__vg.frames);
    const to = await page.evaluate(() => performance.now());
    const busy = (await mainThreadSeconds(cdp)) - busyBefore;
    await stopRecording(`camera preview playing, ${PLAY_MS / 1000} s`, 'trace-camera.json');
    const frames = await page.evaluate(() => window.__bench.frames);
    const s = frameSummary(frames.filter(([start]) => start >= from && start <= to));
    const seconds = (to - from) / 1000;
    console.log(`# figure: camera preview playing for ${seconds.toFixed(1)} s (release page, SwiftShader): ${delays}`);
    console.log(`# figure: camera preview frames: ${s.count} in ${seconds.toFixed(1)} s (${(s.count / seconds).toFixed(1)} a second), ` +
      `frame time max ${ms(s.max)} ms, p95 ${ms(s.p95)} ms, median ${ms(s.median)} ms, ${s.over16} over 16 ms; ` +
      `frames ${ms(s.sum)} ms of ${ms(busy * 1000)} ms main-thread task time`);
  } finally {
    await context.close();
  }
}

// ---- 3. the same pointer moves on the bare ImGui page ----------------------------------------------
// bench/hello/ (build/wasm/hello-site) draws a frame every animation frame, as the playground does
// while the preview plays: what the same moves wait for in this browser with almost no app at all.
async function helloPage(browser) {
  const { url, stop: stopHello } = await startServer([], { site: path.join(WASM_DIR, 'hello-site') });
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await waitFor(page, () => window.__hello && window.__hello.readyAt, undefined, 60000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const busyBefore = await mainThreadSeconds(cdp);
    const from = await page.evaluate(() => performance.now());
    const delays = await pointerDelays(browser, page, PLAY_MS, () => window.__hello.frames);
    const seconds = (await page.evaluate(() => performance.now()) - from) / 1000;
    const busy = (await mainThreadSeconds(cdp)) - busyBefore;
    console.log(`# figure: bare ImGui page (bench/hello) drawing for ${seconds.toFixed(1)} s, the same moves: ${delays}; ` +
      `${ms(busy * 1000)} ms main-thread task time`);
  } finally {
    await context.close();
    stopHello();
  }
}

const browser = await launchBrowser(GPU_COMPOSITING ? { args: CHROMIUM_FLAGS.filter((flag) => flag !== '--disable-gpu') } : {});
if (GPU_COMPOSITING) console.log('# Chromium without --disable-gpu: compositing on SwiftShader (an experiment, not the harness\'s set-up)');
const { url, stop } = await startServer([], { site: process.env.VG_SITE_DIR || RELEASE_SITE });
try {
  await typingBurst(browser, url);
  await cameraPreview(browser, url);
  await helloPage(browser);
} finally {
  stop();
  await browser.close();
}
