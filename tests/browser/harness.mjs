// Shared pieces of the browser tests: serve.py on a free port with its own data folder, Chromium,
// a tiny runner (ok / not ok lines and a count, a screenshot of every page on a failed check), the
// native CLI's build of a request, and helpers that find ImGui items (window.__vg.ui, published by
// the test build's hooks: wasm/app/platform/test_hooks.cpp), scroll them into view, click, type and drag.
// Every helper waits for a state (a frame drawn after the input, an active item, a status value)
// with one deadline, never for a fixed time.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The test page (site-test/: built with VG_TEST_HOOKS=ON, it publishes every ImGui item in __vg.ui).
export const SITE = process.env.VG_SITE_DIR || path.join(process.env.VG_WASM_DIR || path.join(REPO, 'build/wasm'), 'site-test');
export const NATIVE = process.env.VG_NATIVE_DIR || path.join(REPO, 'build/native');
export const ARTIFACTS = path.join(REPO, 'tests/artifacts');
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--use-gl=angle', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];
export const VIEWPORT = { width: 1400, height: 860 };
// ImGui 1.86 reads key state once a frame (its input queue came in 1.87): a key pressed and released
// within one frame is missed, so presses are held for a few frames, as a person's are.
export const HOLD = { delay: 60 };

// serve.py on a free port with a fresh --data folder; `extra` adds flags (--faults, --link-ttl);
// `site` is the folder it serves (the test page unless told).
export function startServer(extra = [], { site = SITE } = {}) {
  const data = mkdtempSync(path.join(os.tmpdir(), 'vg-browser-'));
  const server = spawn('python3', [path.join(REPO, 'serve.py'), '--port', '0', '--quiet', '--root', site,
    '--native-dir', NATIVE, '--data', data, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () => {
    server.kill('SIGTERM');
    rmSync(data, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve.py did not start: ${output}`)), 15000);
    server.on('exit', (code) => reject(new Error(`serve.py exited (${code}): ${output}`)));
    server.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/http:\/\/[^\s]+\//);
      if (match) {
        clearTimeout(timer);
        resolve({ server, url: match[0], stop });
      }
    });
  });
}

// Headless Chromium as every suite uses it (software WebGL2, no network chatter).
export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

// Pages to photograph when a check fails: every page of the browser `track` was given.
const tracked = new Set();
export function track(browser) {
  tracked.add(browser);
  return browser;
}

export const results = [];
export async function check(name, body) {
  try {
    await body();
    results.push(true);
    console.log(`ok - ${name}`);
  } catch (error) {
    results.push(false);
    console.log(`not ok - ${name}\n    ${String(error.message || error).split('\n').join('\n    ')}`);
    await failureScreenshots(name);
  }
}

async function failureScreenshots(name) {
  const slug = name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 60);
  let n = 0;
  for (const browser of tracked) {
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        const file = path.join(ARTIFACTS, `failed-${slug}-${++n}.png`);
        try {
          mkdirSync(ARTIFACTS, { recursive: true });
          await page.screenshot({ path: file, timeout: 5000 });
          console.log(`    screenshot: ${path.relative(REPO, file)}`);
        } catch {
          // a closed or crashed page has nothing to show
        }
      }
    }
  }
}

// What the native CLI prints for `vgen build --to TO --from FROM` of `request`: what Generate must send.
export function vgenBuild(request, { from = 'aisdk', to = 'jobs' } = {}) {
  const run = spawnSync(path.join(NATIVE, 'vgen'), ['build', '--to', to, '--from', from], { input: JSON.stringify(request) });
  assert(run.error === undefined, `cannot run ${NATIVE}/vgen: ${run.error}`);
  assert(run.status === 0, `vgen build refused the hand-written request (exit ${run.status}): ${run.stdout}${run.stderr}`);
  return run.stdout.toString('utf8').trim();
}
// Ends a suite: runs `main` (a promise), counts a throw outside any check as one failure, then
// prints "<name>: N passed, M failed" (what scripts/test.sh reads) and sets the exit code.
export function finishSuite(name, main) {
  return main.catch((error) => {
    results.push(false);
    console.log(`not ok - the ${name} session failed outside a check\n    ${error.stack || error}`);
  }).finally(() => {
    const passed = results.filter(Boolean).length;
    console.log(`${name}: ${passed} passed, ${results.length - passed} failed`);
    process.exitCode = passed === results.length ? 0 : 1;
  });
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export const status = (page) => page.evaluate(() => window.__vg || {});
export const waitFor = (page, predicate, arg, timeout = 10000) =>
  page.waitForFunction(predicate, arg, { timeout, polling: 50 });

// ---- ImGui items ---------------------------------------------------------------------------------
// The test build publishes each drawn frame's items as __vg.ui.text (wasm/app/platform/test_hooks.cpp):
//   W <index> <clip x y w h> <window name>     and     I <id> <window> <x y w h> <flags> <label>
// An item is named by its ID path, as Dear ImGui's test engine names it: the window, then each
// child window, tab bar or PushID, then the item's own label, joined by "/" ("\/" for a "/" in a
// label; "$$3" for PushID(3)). The page hashes the path as ImGui does (CRC32, "###" resets) and
// returns the item with that ID; a last segment "*" takes the last item drawn in that ID scope (a
// table row's first widget, whatever its label). "**/label" names the one item labelled exactly so.
// Some items get a short name in `aliases`; a name the test build does not know fails with the
// labels it drew instead.
function uiLookup(ref) {
  const vg = window.__vg || {};
  if (!vg.ui) return { error: 'the page publishes no __vg.ui: is this the test build (site-test/)?' };
  let parsed = vg.uiCache;
  if (!parsed || parsed.text !== vg.ui.text) {
    parsed = { text: vg.ui.text, windows: [], byName: new Map(), items: [], active: 0 };
    for (const line of vg.ui.text.split('\n')) {
      const f = line.split('\t');
      if (f[0] === 'W') {
        const w = { name: f.slice(6).join('\t'), clip: f.slice(2, 6).map(Number) };
        parsed.windows[Number(f[1])] = w;
        parsed.byName.set(w.name, w);
      } else if (f[0] === 'I') {
        parsed.items.push({ id: Number(f[1]) >>> 0, seed: Number(f[2]) >>> 0, window: Number(f[3]),
          rect: f.slice(4, 8).map(Number), flags: Number(f[8]), label: f.slice(9).join('\t') });
      } else if (f[0] === 'A') {
        parsed.active = Number(f[1]) >>> 0;
      }
    }
    vg.uiCache = parsed;
  }
  if (vg.rects && vg.rects[ref]) {
    // A rectangle the app still records by hand: a preview image, which ImGui draws without an ID
    // (so no hook sees it). Those are all on the Direct tab, which is what scrolls them.
    // A popup over it (a question) is in view when it is within the tab's height.
    const direct = parsed.windows.find((w) => /\/Direct_[0-9A-F]{8}$/.test(w.name));
    const clip = direct ? direct.clip : [0, 0, 1e6, 1e6];
    return { legacy: true, rect: vg.rects[ref], clip: [0, clip[1], 1e6, clip[3]], clips: [clip], frame: vg.frames };
  }
  const table = window.__vgCrc || (window.__vgCrc = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  }));
  const crc = (bytes, seed, resets) => {
    const start = ~seed >>> 0;
    let c = start;
    for (let i = 0; i < bytes.length; i++) {
      if (resets && bytes[i] === 35 && bytes[i + 1] === 35 && bytes[i + 2] === 35) c = start;
      c = ((c >>> 8) ^ table[(c ^ bytes[i]) & 0xff]) >>> 0;
    }
    return ~c >>> 0;
  };
  const hashStr = (text, seed) => crc(new TextEncoder().encode(text), seed, true);
  const hashInt = (n, seed) => crc(new Uint8Array(new Int32Array([n]).buffer), seed, false);
  const describe = (item) => ({ id: item.id, label: item.label, rect: item.rect, flags: item.flags,
    window: parsed.windows[item.window].name, clip: parsed.windows[item.window].clip,
    // the window's ancestors' visible insides, innermost first (child windows are named parent/child_ID)
    clips: parsed.windows[item.window].name.split('/').map((_, i, parts) => parts.slice(0, parts.length - i).join('/'))
      .map((name) => parsed.byName.get(name)).filter(Boolean).map((w) => w.clip),
    active: parsed.active === item.id, frame: vg.ui.frame });
  if (ref.startsWith('**/')) {
    const label = ref.slice(3);
    const found = parsed.items.filter((item) => item.label === label);
    if (found.length === 1) return describe(found[0]);
    return { error: `${found.length} items are labelled "${label}"` };
  }
  // Each segment may name a child window (its items then hash from the window's own ID, or from an
  // ID the window pushes first, as a table does) or an ID pushed in the same window: every reading
  // is followed, and the one that ends on a drawn item wins.
  const segments = ref.split(/(?<!\\)\//).map((s) => s.replace(/\\\//g, '/'));
  let states = [{ window: segments[0], id: hashStr(segments[0], 0) }];
  let any = null;  // "*" as the last segment: the last item drawn whose ID hashes from the path so far
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === '*' && i === segments.length - 1) { any = states; break; }
    const next = [];
    for (const state of states) {
      const id = segment.startsWith('$$') ? hashInt(Number(segment.slice(2)), state.id) : hashStr(segment, state.id);
      next.push({ window: state.window, id });
      const child = `${state.window}/${segment}_${id.toString(16).toUpperCase().padStart(8, '0')}`;
      if (i < segments.length - 1 && parsed.byName.has(child)) {
        next.push({ window: child, id: hashStr(child, 0) });
        next.push({ window: child, id });
      }
    }
    states = next;
  }
  const found = any
    ? parsed.items.filter((item) => any.some((state) => state.id === item.seed))
    : parsed.items.filter((item) => states.some((state) => state.id === item.id));
  if (found.length) return describe(found[found.length - 1]);
  const last = segments[segments.length - 1].replace(/##.*/, '');
  const near = parsed.items.filter((item) => last && item.label && item.label.includes(last))
    .slice(0, 8).map((item) => `"${item.label}" in ${parsed.windows[item.window].name}`);
  return { error: `no item ${ref} in frame ${vg.ui.frame}${near.length ? `; labels like it: ${near.join(', ')}` : ''}` };
}

// Short names for the items every suite uses; a name not listed here is an ID path itself.
export const MAIN = 'VideoGen Playground';
// The ID path of what a tab shows: a tab's contents hash from the tab's ID (BeginTabItem pushes it),
// and the layout draws each into a child window named after the tab (wasm/app/ui/layout.cpp).
const TAB_PANELS = { 'left-tabs': ['Form', 'Direct', 'Model reference'], 'right-tabs': ['Request JSON', 'Wire preview'],
  'job-tabs': ['Jobs', 'Compare', 'History'] };
export function inTab(tab) {
  const panel = Object.keys(TAB_PANELS).find((p) => TAB_PANELS[p].includes(tab));
  assert(panel, `no tab "${tab}"`);
  return `${MAIN}/${panel}/${panel}/${tab}/${tab}`;
}
export const aliases = {
  generate: `${MAIN}/Generate  (Ctrl+Enter)`,
  share: `${MAIN}/Copy share link`,
  search: `${MAIN}/catalog/##search`,
  'second-row': `${MAIN}/catalog/models/$$1/*`,
  editor: `${inTab('Request JSON')}/##request`,
  copy: `${inTab('Wire preview')}/Copy`,
};
for (const [panel, tabs] of Object.entries(TAB_PANELS)) {
  for (const tab of tabs) aliases[`tab:${tab}`] = `${MAIN}/${panel}/${panel}/${tab}`;
}
export const alias = (names) => Object.assign(aliases, names);
// "section:Title" is a Direct tab section's header (wasm/app/panels/panel_creative.cpp).
const resolve = (name) => aliases[name] || (name.startsWith('section:') ? `${inTab('Direct')}/${name.slice(8)}` : name);

// The item `name` as last drawn: {id, label, rect: [x, y, w, h] in canvas CSS pixels, clip (its
// window's visible inside), active, frame}.
export async function item(page, name) {
  const found = await page.evaluate(uiLookup, resolve(name));
  assert(!found.error, `"${name}": ${found.error}`);
  return found;
}
// The same, or null when that frame drew no such item (a control that is not shown).
export async function itemIfShown(page, name) {
  const found = await page.evaluate(uiLookup, resolve(name));
  return found.error ? null : found;
}

const canvasBox = (page) => page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().toJSON());

// Waits until a drawn frame has the item `name` (a control that appears after a click or a tab).
export async function waitForItem(page, name, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = await itemIfShown(page, name);
    if (found) return found;
    if (Date.now() > deadline) return item(page, name);  // fails, naming what the frame has instead
    await framesDrawn(page, 1);
  }
}

// Where `name` is on the page: {x, y, width, height} in page CSS pixels.
export async function rectOf(page, name) {
  const [{ rect }, canvas] = await Promise.all([item(page, name), canvasBox(page)]);
  return { x: canvas.x + rect[0], y: canvas.y + rect[1], width: rect[2], height: rect[3] };
}

export async function centreOf(page, name) {
  const r = await rectOf(page, name);
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

// Resolves once the app has drawn `count` frames after this call: the input sent before it has been
// read, and ImGui has settled the layout it changed (it takes two frames).
// An idle page draws nothing: the loop is kept awake as input would keep it (VideoGenPlatform.wake, the
// platform layer's own: a second of frames), at every poll, so the frames come however slowly the
// machine draws them, even when nothing was sent.
export async function framesDrawn(page, count = 2) {
  const now = await page.evaluate(() => window.__vg.frames);
  await waitFor(page, (n) => {
    if (window.Module && window.VideoGenPlatform) window.VideoGenPlatform.wake(window.Module);
    return window.__vg.frames >= n;
  }, now + count, 30000);
}

// Scrolls `name` fully into its window's view with the mouse wheel over the innermost window that
// shows (as a person scrolls), a notch at a time, each notch followed by the frames it causes.
export async function reveal(page, name) {
  for (let notch = 0; notch < 60; notch++) {
    const found = await item(page, name);
    const [x, y, w, h] = found.rect;
    const [cx, cy, cw, ch] = found.clip;
    if (w > 0 && h > 0 && y >= cy && y + h <= cy + ch && x >= cx && x + w <= cx + cw) return rectOf(page, name);
    const visible = found.clips.find(([, , vw, vh]) => vw > 4 && vh > 4);
    assert(visible, `"${name}" is in no window that shows`);
    const canvas = await canvasBox(page);
    await page.mouse.move(canvas.x + visible[0] + Math.min(12, visible[2] / 2), canvas.y + visible[1] + visible[3] / 2);
    await page.mouse.wheel(0, y < cy || (h === 0 && y <= cy) ? -100 : 100);
    await framesDrawn(page);
  }
  throw new Error(`could not scroll "${name}" into view`);
}

// A click the app has seen. While a text field is active, ImGui 1.86 may spend a click elsewhere on
// leaving it (depending on which is drawn first), as it does for a person: so an active field is
// first left by a click on an empty spot (the header's right end), seen to let go, and only then is
// the control clicked, once.
export const EMPTY_SPOT = { x: VIEWPORT.width - 12, y: 20 };
export async function leaveActiveField(page) {
  const { active } = await waitForUi(page, () => true, 'a drawn frame');
  if (!active) return;
  const canvas = await canvasBox(page);
  await page.mouse.click(canvas.x + EMPTY_SPOT.x, canvas.y + EMPTY_SPOT.y);
  await waitForUi(page, (ui) => ui.active === 0, 'the active field to let go');
}

export async function clickControl(page, name, { modifiers = [] } = {}) {
  await reveal(page, name);
  const found = await item(page, name);
  if (!found.active) await leaveActiveField(page);
  const { x, y } = await centreOf(page, name);
  for (const key of modifiers) await page.keyboard.down(key);
  await page.mouse.click(x, y);
  await framesDrawn(page);
  for (const key of [...modifiers].reverse()) await page.keyboard.up(key);
}

// Waits until `predicate(ui)` holds for a drawn frame; ui = {active: the active item's ID}.
export async function waitForUi(page, predicate, what, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const ui = await page.evaluate(() => {
      const text = (window.__vg.ui || {}).text || '';
      const match = text.match(/^A\t(\d+)/m);
      return { active: match ? Number(match[1]) >>> 0 : 0, frame: (window.__vg.ui || {}).frame };
    });
    if (predicate(ui)) return ui;
    assert(Date.now() < deadline, `timed out waiting for ${what}`);
    await page.waitForFunction((f) => (window.__vg.ui || {}).frame !== f, ui.frame, { timeout: Math.max(1, deadline - Date.now()), polling: 50 })
      .catch(() => {});  // an idle page draws no new frame: the loop checks the deadline
  }
}

// Clicks the text field `name`, waits until it is the active item, selects what it holds and types
// `text` over it (ImGui 1.86 reads keys once a frame: the platform layer queues them).
export async function typeInto(page, name, text) {
  await clickControl(page, name);
  const { id, legacy } = await item(page, name);
  // (a hand-recorded rectangle has no ID: then any field taking the keyboard will do)
  await waitForUi(page, (ui) => (legacy ? ui.active !== 0 : ui.active === id), `"${name}" to take the keyboard`);
  await page.keyboard.press('Control+A', HOLD);
  await page.keyboard.type(text, { delay: 15 });
  await framesDrawn(page);
}

// Presses at `from`, moves to `to` in steps and releases, each stage seen by a drawn frame.
export async function drag(page, from, to, steps = 8) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await framesDrawn(page);
  await page.mouse.move(to.x, to.y, { steps });
  await framesDrawn(page);
  await page.mouse.up();
  await framesDrawn(page);
}

// A tab of the right-hand or left-hand panel; `shown` (a page predicate) tells it has opened.
export async function openTab(page, name, shown) {
  await clickControl(page, `tab:${name}`);
  if (shown) await waitFor(page, shown, undefined, 15000);
}

// A page whose console errors are collected (`errors`), loaded at `url` and ready.
export async function openPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  await waitFor(page, () => window.__vg && window.__vg.ready && window.__vg.historyLoaded, undefined, 30000);
  return { page, errors };
}

export async function pressCtrlEnter(page) {
  await page.focus('#canvas');
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter', HOLD);
  await page.keyboard.up('Control');
}

// "#request=<base64url>" for a request object.
export function shareFragment(request) {
  return '#request=' + Buffer.from(JSON.stringify(request)).toString('base64url');
}

// A suite's session: tests/artifacts/ made, serve.py started (startServer(extra)), Chromium with one
// context at VIEWPORT, devicePixelRatio 1. `close` ends the browser and the server.
export async function startSession(extra = []) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { stop, url } = await startServer(extra);
  const browser = track(await launchBrowser());
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const close = async () => {
    await browser.close();
    stop();
  };
  return { url, browser, context, close };
}

// POST /v1/uploads on serve.py: the URL it serves `bytes` at (named by the bytes).
export async function uploadToServer(url, bytes, type) {
  const answer = await fetch(new URL('/v1/uploads', url), { method: 'POST', body: bytes, headers: { 'Content-Type': type } });
  assert(answer.status === 201, `POST /v1/uploads answered ${answer.status}`);
  return (await answer.json()).url;
}

// A file dragged over the canvas to the centre of the item `name`, and dropped there unless `drop`
// is false (then it stays over the canvas until the next drag event); resolves once a frame has
// been drawn after it.
export async function dragFile(page, name, bytes, fileName, type, drop = true) {
  const { x, y } = await centreOf(page, name);
  await page.evaluate(({ b64, n, t, px, py, d }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], n, { type: t }));
    const canvas = document.getElementById('canvas');
    const init = { dataTransfer: transfer, clientX: px, clientY: py, bubbles: true, cancelable: true };
    canvas.dispatchEvent(new DragEvent('dragenter', init));
    canvas.dispatchEvent(new DragEvent('dragover', init));
    if (d) canvas.dispatchEvent(new DragEvent('drop', init));
  }, { b64: bytes.toString('base64'), n: fileName, t: type, px: x, py: y, d: drop });
  await framesDrawn(page);
}
