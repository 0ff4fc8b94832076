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

import { runCli } from '../node/helpers.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The test page (site-test/: built with VG_TEST_HOOKS=ON, it publishes every ImGui item in __vg.ui).
export const SITE = process.env.VG_SITE_DIR || path.join(process.env.VG_WASM_DIR || path.join(REPO, 'build/wasm'), 'site-test');
// The release page (site/: what scripts/run.sh serves, no test hooks): what page weight is about.
export const RELEASE_SITE = path.join(process.env.VG_WASM_DIR || path.join(REPO, 'build/wasm'), 'site');
export const NATIVE = process.env.VG_NATIVE_DIR || path.join(REPO, 'build/native');
export const ARTIFACTS = path.join(REPO, 'tests/artifacts');
// Every new context is a window of its own, and each window preloads the address bar's popup, a
// WebUI page in a renderer of its own: about a CPU second a check, for a popup no test opens
// (WebUIOmnibox*). chromium.sh merges this --disable-features with Playwright's own.
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--use-gl=angle', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup'];
export const VIEWPORT = { width: 1400, height: 860 };
// A mouse click held for a few frames, as a person's is (keys: press() below).
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
    // A deadline, not a wait: on a loaded machine Python's start-up alone can take seconds. A server
    // that never says where it listens is stopped, or it would keep this process alive.
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`serve.py did not say where it listens within 60 s: ${output}`));
    }, 60000);
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

// Headless Chromium as every suite uses it (software WebGL2, no network chatter); `args` replaces
// the switches (a benchmark's experiment: CHROMIUM_FLAGS without one of them).
export function launchBrowser({ args = CHROMIUM_FLAGS } = {}) {
  return chromium.launch({ executablePath: path.join(REPO, 'tests/browser/chromium.sh'), args });
}

// Pages to photograph when a check fails: every page of the browser `track` was given.
const tracked = new Set();
export function track(browser) {
  tracked.add(browser);
  return browser;
}

export const results = [];
// One check, run now (suite() below calls it for each check it runs).
async function check(name, body) {
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
  const run = runCli(['build', '--to', to, '--from', from], JSON.stringify(request));
  assert(run.exitCode === 0, `vgen build refused the hand-written request (exit ${run.exitCode}): ${run.stdout}${run.stderr}`);
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

// ---- suites of checks from a known state -----------------------------------------------------------
// A suite's checks each start from a known state, so each passes alone and in any order: a browser
// context of its own (no storage, history, clipboard or service state left by another check), one
// page in it opened at the check's `start` (a request, opened as its share link; a "#..." fragment
// or "/path"; null: no page; or a function of the session that gives one of these, for a start
// that needs the running serve.py, such as an upload's URL), on the suite's one serve.py and one
// Chromium. Console errors on that page fail the check, unless it names them in `allowErrors` (a
// pattern each must match).
// Which checks run, and in what order (the default: as written):
//   VG_CHECK=<text>             only the checks whose names contain <text> (any case)
//   VG_ORDER=reverse            last to first
//   VG_ORDER=shuffle[:SEED]     a random order (the seed is printed, so a failing order can be rerun)
// Anything a check needs beyond its start state it makes in its own body, or asks of a `fixture`
// (made once per suite by its first user, from serve.py's HTTP API only: never page state).
// `device` adds browser context options (a phone: {viewport, deviceScaleFactor, isMobile, hasTouch}).
export function suite(name, { serverFlags = [], clipboard = false, viewport = VIEWPORT, site = SITE, device = {} } = {}) {
  const checks = [];
  const fixtures = new Map();
  let session = null;
  const self = {
    check(title, options, body) {
      if (typeof options === 'function') [options, body] = [{}, options];
      checks.push({ title, options, body });
      return self;
    },
    // fixture(key, make): make(session) once per suite (its promise is shared by every check asking).
    fixture(key, make) {
      if (!fixtures.has(key)) fixtures.set(key, make(session));
      return fixtures.get(key);
    },
    run() {
      return finishSuite(name, (async () => {
        const chosen = orderChecks(checks.filter((c) => matchesFilter(c.title)));
        mkdirSync(ARTIFACTS, { recursive: true });
        const server = await startServer(serverFlags, { site });
        const browser = track(await launchBrowser());
        session = { url: server.url, browser, server };
        try {
          for (const c of chosen) await runCheck(c, session, { clipboard, viewport, device });
        } finally {
          await browser.close();
          server.stop();
        }
      })());
    },
  };
  return self;
}

function matchesFilter(title) {
  const only = process.env.VG_CHECK;
  return !only || title.toLowerCase().includes(only.toLowerCase());
}

function orderChecks(list) {
  const order = process.env.VG_ORDER || '';
  if (order === 'reverse') return [...list].reverse();
  const shuffle = order.match(/^shuffle(?::(\d+))?$/);
  if (!shuffle) {
    assert(order === '', `VG_ORDER=${order}: expected reverse or shuffle[:SEED]`);
    return list;
  }
  let seed = Number(shuffle[1] ?? Math.floor(Math.random() * 1e9)) >>> 0;
  console.log(`# VG_ORDER=shuffle:${seed}`);
  const next = () => {  // mulberry32: the same seed gives the same order on every machine
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function startUrl(base, start) {
  if (start === undefined || start === '') return base;
  if (typeof start === 'object') return base + shareFragment(start);
  if (start.startsWith('#')) return base + start;
  return new URL(start, base).href;
}

// One generous deadline per check (VG_CHECK_SECONDS, default 600): a check stuck on a call that
// never answers fails, naming itself, and the run goes on to the next (its context is closed). Not
// a wait: the timer only ever ends a check that has not finished.
function withinDeadline(work, title) {
  const seconds = Number(process.env.VG_CHECK_SECONDS || 600);
  let timer;
  const overdue = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`"${title}" did not finish in ${seconds} s (VG_CHECK_SECONDS)`)), seconds * 1000);
  });
  return Promise.race([work, overdue]).finally(() => clearTimeout(timer));
}

async function runCheck({ title, options, body }, session, { clipboard, viewport, device }) {
  const context = await session.browser.newContext({ viewport: options.viewport || viewport, deviceScaleFactor: 1, ...device });
  try {
    if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.url });
    let opened = { page: null, errors: [] };
    await check(title, async () => {
      const work = (async () => {
        const start = typeof options.start === 'function' ? await options.start(session) : options.start;
        if (start !== null) opened = await openPage(context, startUrl(session.url, start));
        await body({ ...opened, context, url: session.url, session });
      })();
      work.catch(() => {});  // after the deadline, closing the context ends it with an error nobody reads
      await withinDeadline(work, title);
      const allowed = options.allowErrors || [];
      const unexpected = opened.errors.filter((e) => !allowed.some((pattern) => pattern.test(e)));
      assert(unexpected.length === 0, `console errors: ${unexpected.join(' | ')}`);
    });
  } finally {
    await context.close();
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export const status = (page) => page.evaluate(() => window.__vg || {});
// Waits until `predicate(arg)` holds on the page. A timeout fails naming the condition, its argument
// and what the page's status showed then, so a red run says which wait it was and how far it got.
export async function waitFor(page, predicate, arg, timeout = 10000) {
  try {
    return await page.waitForFunction(predicate, arg, { timeout, polling: 50 });
  } catch (error) {
    if (!/Timeout/.test(String(error && error.message))) throw error;
    const shown = await page.evaluate(statusDigest).catch((e) => `(the page could not be read: ${e.message})`);
    throw new Error(`waited ${timeout} ms for ${clip(predicate.toString())}` +
      (arg === undefined ? '' : ` with ${clip(JSON.stringify(arg))}`) + `; the page showed ${shown}`, { cause: error });
  }
}

// A long text as its two ends and its length: a wait's failure shows where texts differ, mostly there.
function clip(text, ends = 80) {
  const s = String(text).replace(/\s+/g, ' ');
  return s.length <= 2 * ends + 20 ? s : `${s.slice(0, ends)}…(${s.length} chars)…${s.slice(-ends)}`;
}

// __vg's plain fields (texts by their ends), in the page: what a failed wait reports.
function statusDigest() {
  const out = [];
  for (const [key, value] of Object.entries(window.__vg || {})) {
    if (value === null || typeof value === 'object' || typeof value === 'function') continue;
    let s = JSON.stringify(value);
    if (s.length > 180) s = `${s.slice(0, 60)}…(${s.length} chars)…${s.slice(-100)}`;
    out.push(`${key}=${s}`);
  }
  return out.join(', ');
}

// ---- ImGui items ---------------------------------------------------------------------------------
// The test build publishes each drawn frame's items as __vg.ui.text (wasm/app/platform/test_hooks.cpp):
//   W <index> <clip x y w h> <window name>   and   I <id> <ID stack> <window> <x y w h> <flags> <label>
// An item is named by its ID path, as Dear ImGui's test engine names it: the window, then each
// child window, tab bar or PushID, then the item's own label, joined by "/" ("\/" for a "/" in a
// label; "$$3" for PushID(3)). The page hashes the path as ImGui does (CRC-32C, "###" resets) and
// returns the item with that ID; a last segment "*" takes the last item drawn in that ID scope (a
// table row's first widget, whatever its label).
// "**/" stands for any ID scope: "**/Add voice" is the one item labelled so, or whose last ID
// segments hash to the item's ID from its own ID stack ("**/###compare-send", "**/pan/##axis");
// "<path>/**/<leaf>" is such an item inside <path> (its ID stack holds <path>'s ID, or it is in a
// window inside <path>'s window). More than one such item is an error that lists them.
// The short names every suite uses are in `controlRef` below; a name not listed is an ID path.
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
        parsed.items.push({ id: Number(f[1]) >>> 0, stack: f[2].split(',').map((n) => Number(n) >>> 0), window: Number(f[3]),
          rect: f.slice(4, 8).map(Number), flags: Number(f[8]), label: f.slice(9).join('\t') });
      } else if (f[0] === 'A') {
        parsed.active = Number(f[1]) >>> 0;
      }
    }
    vg.uiCache = parsed;
  }
  const table = window.__vgCrc || (window.__vgCrc = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
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
  const hashSegment = (segment, seed) => (segment.startsWith('$$') ? hashInt(Number(segment.slice(2)), seed) : hashStr(segment, seed));
  const windowName = (item) => parsed.windows[item.window].name;
  const describe = (item) => ({ id: item.id, label: item.label, rect: item.rect, flags: item.flags,
    window: windowName(item), clip: parsed.windows[item.window].clip,
    // the window's ancestors' visible insides, innermost first (child windows are named parent/child_ID)
    clips: windowName(item).split('/').map((_, i, parts) => parts.slice(0, parts.length - i).join('/'))
      .map((name) => parsed.byName.get(name)).filter(Boolean).map((w) => w.clip),
    active: parsed.active === item.id, frame: vg.ui.frame });
  const split = (path) => path.split(/(?<!\\)\//).map((s) => s.replace(/\\\//g, '/'));
  // Every reading of an ID path: {window, id}. Each segment may name a child window (its items then
  // hash from the window's own ID, or from an ID the window pushes first, as a table does) or an ID
  // pushed in the same window; `last` also reads the last segment as a child window.
  const walk = (segments, last) => {
    let states = [{ window: segments[0], id: hashStr(segments[0], 0) }];
    for (let i = 1; i < segments.length; i++) {
      const next = [];
      for (const state of states) {
        const id = hashSegment(segments[i], state.id);
        next.push({ window: state.window, id });
        const child = `${state.window}/${segments[i]}_${id.toString(16).toUpperCase().padStart(8, '0')}`;
        if ((i < segments.length - 1 || last) && parsed.byName.has(child)) {
          next.push({ window: child, id: hashStr(child, 0) });
          next.push({ window: child, id });
        }
      }
      states = next;
    }
    return states;
  };
  const nearby = (text) => {
    const last = text.replace(/##.*/, '');
    const near = parsed.items.filter((item) => last && item.label && item.label.includes(last))
      .slice(0, 8).map((item) => `"${item.label}" in ${windowName(item)}`);
    return near.length ? `; labels like it: ${near.join(', ')}` : '';
  };

  const anywhere = ref.indexOf('**/');
  if (anywhere >= 0) {
    const leaf = split(ref.slice(anywhere + 3));
    const scopes = anywhere > 0 ? walk(split(ref.slice(0, anywhere - 1)), true) : null;
    const inScope = (item) => !scopes || scopes.some((scope) => {
      const name = windowName(item);
      if (name === scope.window) return item.stack.includes(scope.id);
      return name.startsWith(`${scope.window}/`) && scope.id === hashStr(scope.window, 0);
    });
    const named = (item) => {
      if (leaf.length === 1 && item.label === leaf[0]) return true;
      if (item.stack.length < leaf.length) return false;
      let id = item.stack[item.stack.length - leaf.length];
      for (const segment of leaf) id = hashSegment(segment, id);
      return id === item.id;
    };
    const found = parsed.items.filter((item) => named(item) && inScope(item));
    if (found.length === 1) return describe(found[0]);
    if (found.length > 1 && found.every((item) => item.id === found[0].id)) return describe(found[found.length - 1]);
    if (found.length > 1) return { error: `${found.length} items match ${ref}: ${found.map((item) => `"${item.label}" in ${windowName(item)}`).join(', ')}` };
    return { error: `no item ${ref} in frame ${vg.ui.frame}${nearby(leaf[leaf.length - 1])}` };
  }
  const segments = split(ref);
  if (segments[segments.length - 1] === '*') {
    const states = walk(segments.slice(0, -1), false);
    const found = parsed.items.filter((item) => states.some((state) => state.id === item.stack[item.stack.length - 1]));
    if (found.length) return describe(found[found.length - 1]);
  } else {
    const states = walk(segments, false);
    const found = parsed.items.filter((item) => states.some((state) => state.id === item.id));
    if (found.length) return describe(found[found.length - 1]);
  }
  return { error: `no item ${ref} in frame ${vg.ui.frame}${nearby(segments[segments.length - 1])}` };
}

// The window every panel is in, and the ID path of what a tab shows: a tab's contents hash from the
// tab's ID (BeginTabItem pushes it), and the layout draws each into a child window named after the
// tab (wasm/app/ui/layout.cpp).
export const MAIN = 'VideoGen Playground';
const TAB_PANELS = { 'left-tabs': ['Form', 'Direct', 'Model reference'], 'right-tabs': ['Request JSON', 'Wire preview'],
  'job-tabs': ['Jobs', 'Compare', 'History'] };
export function inTab(tab) {
  const panel = Object.keys(TAB_PANELS).find((p) => TAB_PANELS[p].includes(tab));
  assert(panel, `no tab "${tab}"`);
  return `${MAIN}/${panel}/${panel}/${tab}/${tab}`;
}
// A Direct tab section (wasm/app/panels/panel_creative.cpp pushes its title as an ID).
export const inSection = (title) => `${inTab('Direct')}/${title}`;
const escape = (label) => label.replace(/\//g, '\\/');

// The controls the suites name, by the names they use, as ID paths. Names that take a value:
// "tab:<tab>", "section:<title>", "mode:<mode>" (the form's mode list), "url:<path>", "file:<path>",
// "clear:<path>" (a request field's URL field, File... button, unset button, by JSON pointer),
// "media:<path>" (the whole media field: drops land on it), "video:<path>" (its video box),
// "camera:<axis>", "camera:type:<type>", "reference<N>:type:<type>", "shot<N>:<control>", "reference<N>:<control>",
// "voice<N>:<control>", "element<N>:<control>", "brush:layer-<N>", "brush:remove-<member>",
// "compare:<model id>", "<form|direct>:hint:<motion|framing>" (the prompt hints, while shown).
const CONTROLS = {
  generate: `${MAIN}/###generate`,
  'generate:after-form': `${MAIN}/###generate-after-form`,
  share: `${MAIN}/Copy share link`,
  gateway: '**/###gateway',
  search: `${MAIN}/catalog/##search`,
  'first-row': `${MAIN}/catalog/models/$$0/*`,
  'second-row': `${MAIN}/catalog/models/$$1/*`,
  editor: `${inTab('Request JSON')}/##request`,
  copy: `${inTab('Wire preview')}/Copy`,
  prompt: '**/##text:\\/prompt',
  mode: `${inTab('Form')}/**/##mode`,
  'direct:unavailable': '**/direct:unavailable',
  'template:choice': `${inSection('Prompt help')}/##template`,
  'template:use': '**/Use as prompt',
  'frames:first': '**/frames:first',
  'frames:last': '**/frames:last',
  'frames:preview': '**/frames:preview',
  'frames:play': `${inSection('Frames')}/###play`,
  'frames:time': `${inSection('Frames')}/##time`,
  'frames:swap': `${inSection('Frames')}/Swap first and last`,
  'references:add': `${inSection('References')}/Add reference`,
  'camera:remove-conflicts': `${inSection('Camera control')}/###remove-conflicts`,
  'camera:remove-camera': `${inSection('Camera control')}/Remove camera control`,
  'camera:type': `${inSection('Camera control')}/##camera/##type`,
  'camera:type:none': '**/not set: the model moves the camera',
  'camera:preview': '**/camera:preview',
  'camera:time': `${inSection('Camera control')}/##camera/##time`,
  'camera:play': `${inSection('Camera control')}/##camera/###play`,
  'camera:loop': `${inSection('Camera control')}/##camera/Loop`,
  'camera:reset': `${inSection('Camera control')}/##camera/Reset`,
  'brush:add': `${inSection('Motion brush')}/+ Dynamic`,
  'brush:tool-paint': `${inSection('Motion brush')}/Paint`,
  'brush:tool-erase': `${inSection('Motion brush')}/Erase`,
  'brush:tool-path': `${inSection('Motion brush')}/Draw path`,
  'brush:canvas': `${inSection('Motion brush')}/canvas`,
  'brush:apply': `${inSection('Motion brush')}/Apply to request`,
  'brush:remove': `${inSection('Motion brush')}/Remove from request`,
  'storyboard:on': `${inSection('Multi-shot storyboard')}/Multi-shot`,
  'storyboard:add': `${inSection('Multi-shot storyboard')}/Add shot`,
  'storyboard:fit': `${inSection('Multi-shot storyboard')}/###fit`,
  'storyboard:set-duration': `${inSection('Multi-shot storyboard')}/###set-duration`,
  'framing:preview': '**/framing:preview',
  'voice:requirement': `${inSection('Voices and elements')}/###requirement`,
  'voice:new': `${inSection('Voices and elements')}/##new-voice`,
  'voice:add': `${inSection('Voices and elements')}/Add voice`,
  'element:new': `${inSection('Voices and elements')}/##new-element`,
  'element:add': `${inSection('Voices and elements')}/Add element`,
  'conflict:keep-voices': `${inSection('Voices and elements')}/Keep the voices`,
  'conflict:keep-elements': `${inSection('Voices and elements')}/Keep the elements`,
  'confirm:replace': 'Voices or elements?/###replace',
  'confirm:cancel': 'Voices or elements?/Cancel',
  'compare:send': '**/###compare-send',
  'compare:models': '**/compare:models',
  'compare:play': '**/###compare-play',
  'compare:seek': '**/##compare-seek',
  'compare:loop': '**/###compare-loop',
};
// Controls in a numbered row: the row's ID scope, then the control's ID.
const ROWS = {
  shot: { scope: (n) => `${inSection('Multi-shot storyboard')}/$$${n - 1}`,
    controls: { handle: '::', up: 'up', down: 'down', shorter: '-', longer: '+', remove: 'Remove', prompt: '##prompt' } },
  reference: { scope: (n) => `${inSection('References')}/$$${n - 1}`,
    controls: { type: '##type', tag: '##tag', insert: '###insert', up: '##up', down: '##down', remove: 'Remove', url: '**/reference{n}:url' } },
  voice: { scope: (n) => `${inSection('Voices and elements')}/voice${n}`,
    controls: { id: '##id', insert: `Insert <<<voice_{n}>>>`, remove: 'Remove' } },
  element: { scope: (n) => `${inSection('Voices and elements')}/element${n}`, controls: { json: '##element', remove: 'Remove' } },
};
function controlRef(name) {
  if (CONTROLS[name]) return CONTROLS[name];
  let m;
  if ((m = name.match(/^tab:(.+)$/))) {
    const panel = Object.keys(TAB_PANELS).find((p) => TAB_PANELS[p].includes(m[1]));
    return `${MAIN}/${panel}/${panel}/${escape(m[1])}`;
  }
  if ((m = name.match(/^section:(.+)$/))) return inSection(escape(m[1]));
  if ((m = name.match(/^mode:(.+)$/))) return `**/###mode:${m[1]}`;
  if ((m = name.match(/^url:(.+)$/))) return `**/##url:${escape(m[1])}`;
  if ((m = name.match(/^file:(.+)$/))) return `**/###file:${escape(m[1])}`;
  if ((m = name.match(/^clear:(.+)$/))) return `**/###clear:${escape(m[1])}`;
  if ((m = name.match(/^(media|video):(.+)$/))) return `**/${m[1]}:${escape(m[2])}`;
  if ((m = name.match(/^(form|direct):hint:(\w+)$/))) return `**/${m[1]}:hint:${m[2]}`;
  // an option of an open combo: its popup window is the only place that label is drawn
  if ((m = name.match(/^(camera|reference\d+):type:(.+)$/))) return `**/${escape(m[2])}`;
  if ((m = name.match(/^camera:(\w+)$/))) return `${inSection('Camera control')}/##camera/${m[1]}/##axis`;
  if ((m = name.match(/^brush:layer-(\d+)$/))) return `${inSection('Motion brush')}/$$${m[1]}/*`;
  if ((m = name.match(/^brush:remove-(.+)$/))) return `${inSection('Motion brush')}/**/###remove-${escape(m[1])}`;
  if ((m = name.match(/^compare:(.+)$/))) return `**/###compare:${escape(m[1])}`;
  if ((m = name.match(/^template:(.+)$/))) return `**/##template:${escape(m[1])}`;
  if ((m = name.match(/^(shot|reference|voice|element)(\d+):(.+)$/)) && ROWS[m[1]] && ROWS[m[1]].controls[m[3]]) {
    const control = ROWS[m[1]].controls[m[3]].replace('{n}', m[2]);
    return control.startsWith('**/') ? control : `${ROWS[m[1]].scope(Number(m[2]))}/${control}`;
  }
  return name;
}
// Short names a suite adds for its own controls (name -> ID path).
export const alias = (names) => Object.assign(CONTROLS, names);

// The item `name` as last drawn: {id, label, rect: [x, y, w, h] in canvas CSS pixels, clip (its
// window's visible inside), active, frame}.
export async function item(page, name) {
  const found = await page.evaluate(uiLookup, controlRef(name));
  assert(!found.error, `"${name}": ${found.error}`);
  return found;
}
// The same, or null when that frame drew no such item (a control that is not shown).
export async function itemIfShown(page, name) {
  const found = await page.evaluate(uiLookup, controlRef(name));
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

// What `read` (an async function run in the page, given `arg`) answers, once it answers something
// truthy: read again after each drawn frame until then, failing with `what` after `timeout` ms. For
// state the page reaches asynchronously (its storage, the clipboard): page.waitForFunction does not
// wait for an async predicate (its promise counts as true at once).
export async function evaluateUntil(page, read, arg, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(read, arg);
    if (value) return value;
    assert(Date.now() < deadline, `${what}: not so after ${timeout} ms`);
    await framesDrawn(page, 1);
  }
}

// The clipboard's text once the page has put some there (navigator.clipboard.writeText finishes
// after the call that asked for it).
export const clipboardText = (page) =>
  evaluateUntil(page, () => navigator.clipboard.readText(), undefined, 'the clipboard holds text');

// Waits until a drawn frame no longer has the item `name` (a question that closed, a hint that went).
export async function waitForGone(page, name, timeout = 15000) {
  const deadline = Date.now() + timeout;
  while (await itemIfShown(page, name)) {
    assert(Date.now() < deadline, `"${name}" is still shown after ${timeout} ms`);
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
// An idle page draws nothing: every poll asks the loop for a burst of frames (VideoGenPlatform.burst,
// the platform layer's own: three frames), so the frames come however slowly the machine draws them,
// even when nothing was sent, and stop soon after (input keeps a page awake for a quarter second; with
// software GL every frame costs tens of milliseconds of CPU, which checks in other lanes need).
export async function framesDrawn(page, count = 2, timeout = 30000) {
  const now = await page.evaluate(() => window.__vg.frames);
  await waitFor(page, (n) => {
    if (window.Module && window.VideoGenPlatform) window.VideoGenPlatform.burst(window.Module);
    return window.__vg.frames >= n;
  }, now + count, timeout);
}

// Waits until what `read` (a page function of `arg`, returning JSON-able data) returns has stayed
// the same for `ms` in a row: for the checks that are about time passing with nothing happening (an
// idle page draws no frame, a paused video stays put). One deadline, `timeout` from the call.
export async function unchangedFor(page, read, arg, ms, timeout = 30000) {
  await page.waitForFunction(({ source, value, span }) => {
    const now = performance.now();
    const seen = JSON.stringify(new Function(`return (${source})`)()(value));
    const state = window.__vgUnchanged;
    if (!state || state.source !== source || state.seen !== seen) {
      window.__vgUnchanged = { source, seen, since: now };
      return false;
    }
    return now - state.since >= span;
  }, { source: read.toString(), value: arg, span: ms }, { timeout, polling: 50 });
}

// Scrolls `name` fully into its window's view with the mouse wheel over the innermost window that
// shows (as a person scrolls), each turn followed by the frames it causes. A turn is one notch
// (100 px of wheel: one notch in Emscripten's GLFW, 5 lines in ImGui) per 150 px still to go, at
// most 8: half the way or less, so a far item is reached in a few turns and a near one is never
// overshot.
export async function reveal(page, name, timeout = 60000) {
  let found;
  for (const deadline = Date.now() + timeout; Date.now() < deadline;) {
    found = await item(page, name);
    const [x, y, w, h] = found.rect;
    const [cx, cy, cw, ch] = found.clip;
    // In view: its whole height (or its top, when taller than the window) and some of its width
    // (wide groups run past a column's edge, clipped: the panels do not scroll sideways).
    const rows = y >= cy && (y + h <= cy + ch || (h > ch && y <= cy + ch / 2));
    if (w > 0 && h > 0 && rows && x < cx + cw && x + w > cx) return rectOf(page, name);
    const visible = found.clips.find(([, , vw, vh]) => vw > 4 && vh > 4);
    assert(visible, `"${name}" is in no window that shows`);
    const canvas = await canvasBox(page);
    await page.mouse.move(canvas.x + visible[0] + Math.min(12, visible[2] / 2), canvas.y + visible[1] + visible[3] / 2);
    const up = y < cy || (h === 0 && y <= cy);
    const still = up ? cy - y : Math.min(y + h - (cy + ch), y - cy);
    await page.mouse.wheel(0, (up ? -100 : 100) * Math.min(8, Math.max(1, Math.floor(still / 150))));
    await framesDrawn(page);
  }
  throw new Error(`could not scroll "${name}" into view in ${timeout} ms: at ${found.rect} in a window showing ${found.clip}`);
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

// With `modifiers` (key names: 'Control', 'Shift', 'Alt'), the keys go down, the button goes down and
// up and the keys come up in one task of the page, so no frame falls between them: a quick hand on a
// busy machine does the same, and the app must still see the keys held during the click.
export async function clickControl(page, name, { modifiers = [] } = {}) {
  await reveal(page, name);
  const found = await item(page, name);
  if (!found.active) await leaveActiveField(page);
  const { x, y } = await centreOf(page, name);
  // The pointer reaches the control a frame before the press, as a hand's does: ImGui takes a
  // click on an item that others may overlap (tabs, table rows) only once it was hovered a frame.
  await page.mouse.move(x, y);
  await framesDrawn(page, 1);
  if (modifiers.length) await clickWithKeysHeld(page, { x, y }, modifiers);
  else await page.mouse.click(x, y);
  await framesDrawn(page);
}

// Key codes the GLFW port reads (event.keyCode) for the modifiers clickControl holds.
const MODIFIER_KEY_CODES = { Shift: 16, Control: 17, Alt: 18 };

// Keys down, a click at page point `at`, keys up: browser events dispatched on the canvas in one task.
async function clickWithKeysHeld(page, at, keys) {
  await page.evaluate(({ at, keys, codes }) => {
    const canvas = document.getElementById('canvas');
    const held = { ctrlKey: keys.includes('Control'), shiftKey: keys.includes('Shift'), altKey: keys.includes('Alt') };
    const key = (type, name) => {
      const event = new KeyboardEvent(type, { key: name, code: `${name}Left`, bubbles: true, cancelable: true,
        ...(type === 'keydown' ? held : {}) });
      Object.defineProperty(event, 'keyCode', { get: () => codes[name] });  // not settable through the constructor
      canvas.dispatchEvent(event);
    };
    const button = (type) => canvas.dispatchEvent(new MouseEvent(type, { clientX: at.x, clientY: at.y, button: 0,
      buttons: type === 'mousedown' ? 1 : 0, bubbles: true, cancelable: true, ...held }));
    keys.forEach((name) => key('keydown', name));
    button('mousedown');
    button('mouseup');
    [...keys].reverse().forEach((name) => key('keyup', name));
  }, { at, keys, codes: MODIFIER_KEY_CODES });
}

// Where the keyboard is in the last drawn frame (test_hooks.cpp's A and N lines): {active: the
// active item's ID (a text field that takes the keys), nav: the item keyboard navigation is on,
// ring: whether its focus ring shows, textField: the item whose browser text control has the
// keyboard, frame}; 0 for none.
export function keyboardFocus(page) {
  return page.evaluate(() => {
    const text = (window.__vg.ui || {}).text || '';
    const active = text.match(/^A\t(\d+)/m);
    const nav = text.match(/^N\t(\d+)\t(\d)/m);
    const field = document.activeElement && document.activeElement.classList.contains('vg-text-field') ? document.activeElement : null;
    return { active: active ? Number(active[1]) >>> 0 : 0, nav: nav ? Number(nav[1]) >>> 0 : 0, ring: !!nav && nav[2] === '1',
      textField: field ? Number(field.dataset.id) >>> 0 : 0, frame: (window.__vg.ui || {}).frame };
  });
}

// Waits until `predicate(ui)` holds for a drawn frame; ui is keyboardFocus's.
export async function waitForUi(page, predicate, what, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const ui = await keyboardFocus(page);
    if (predicate(ui)) return ui;
    assert(Date.now() < deadline, `timed out waiting for ${what}`);
    await page.waitForFunction((f) => (window.__vg.ui || {}).frame !== f, ui.frame, { timeout: Math.max(1, deadline - Date.now()), polling: 50 })
      .catch(() => {});  // an idle page draws no new frame: the loop checks the deadline
  }
}

// Clicks the text field `name` and waits until it takes the keyboard: the active item, or for free
// text the browser control over it (web/text_fields.js: a <textarea> whose data-id is the item's ID).
export async function focusField(page, name) {
  await clickControl(page, name);
  const { id } = await item(page, name);
  await waitForUi(page, (ui) => ui.active === id || ui.textField === id, `"${name}" to take the keyboard`);
}

// What a paste hands the page before Ctrl+V: the clipboard's text and the DOM paste event on the
// canvas (its text becomes what ImGui pastes).
export async function offerPaste(page, text) {
  await page.evaluate(async (value) => {
    await navigator.clipboard.writeText(value);
    const data = new DataTransfer();
    data.setData('text/plain', value);
    document.getElementById('canvas').dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

// Clicks the text field `name`, waits until it is the active item, selects what it holds and types
// `text` over it.
export async function typeInto(page, name, text) {
  await focusField(page, name);
  await press(page, 'Control+A');
  await page.keyboard.type(text, { delay: 15 });
  await framesDrawn(page);
}

// A paste as a browser makes it: the DOM paste event on the canvas (its text becomes what ImGui
// pastes) and then Ctrl+V; the clipboard holds the same text in case Chromium fires its own paste
// event too. Pastes into the active text field, over what Ctrl+A selected if `selectAll`.
export async function pasteText(page, text, { selectAll = false } = {}) {
  await offerPaste(page, text);
  if (selectAll) await press(page, 'Control+A');
  await press(page, 'Control+V');
  await framesDrawn(page);
}

// Clicks the text field `name`, waits until it is the active item and pastes `text` over what it
// holds: one edit, where typing makes one per character (each a full re-validation of the request).
export async function pasteInto(page, name, text) {
  await focusField(page, name);
  await pasteText(page, text, { selectAll: true });
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

// A tab of the right-hand or left-hand panel; `shown` (an item's name, or a page predicate) tells
// it has opened.
export async function openTab(page, name, shown) {
  await clickControl(page, `tab:${name}`);
  if (typeof shown === 'string') await waitForItem(page, shown);
  else if (shown) await waitFor(page, shown, undefined, 15000);
}

// Opens `url` in `page` as over a slow connection: the fonts' files are held back (page.route) until
// the playground has drawn a frame without them, then let through. Throws if the first interactive
// frame came before them (the hold held nothing).
export async function gotoWithFontsLate(page, url) {
  const held = [];
  let holding = true;
  await page.route('**/fonts/*', (route) => (holding ? held.push(route) : route.continue()));
  await page.goto(url);
  await waitFor(page, () => window.__vg && window.__vg.frames > 0, undefined, 120000);
  assert(!(await status(page)).readyAt, 'the first interactive frame was drawn without the fonts held back');
  holding = false;
  await Promise.all(held.map((route) => route.continue()));
}

// A page whose console errors are collected (`errors`), loaded at `url` and ready.
export async function openPage(context, url) {
  const errors = [];
  const page = await openPageFor({ context, errors }, url);
  return { page, errors };
}

// A first visit of `url` in a fresh page of `context` (its cache empty), as the network saw it: every
// response's bytes on the wire (headers and body, compressed as sent) until the playground drew its
// first interactive frame (`ready`, a page predicate: the playground's by default) and nothing was
// still loading. {total, files: [{path, bytes, encoding}]}.
export async function firstVisit(context, url, ready = () => window.__vg && window.__vg.ready) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const requests = new Map();  // requestId -> {path, encoding, bytes (when finished)}
  cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
    if (/^https?:/.test(request.url)) requests.set(requestId, { path: new URL(request.url).pathname, encoding: '' });
  });
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const seen = requests.get(requestId);
    const encoding = Object.entries(response.headers).find(([k]) => k.toLowerCase() === 'content-encoding');
    if (seen) seen.encoding = encoding ? encoding[1] : '';
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const seen = requests.get(requestId);
    if (seen) seen.bytes = encodedDataLength;
  });
  cdp.on('Network.loadingFailed', ({ requestId, errorText }) => {
    const seen = requests.get(requestId);
    if (seen) Object.assign(seen, { bytes: 0, failed: errorText });
  });
  await page.goto(url);
  await waitFor(page, ready, undefined, 60000);
  const deadline = Date.now() + 30000;
  while ([...requests.values()].some((r) => r.bytes === undefined)) {
    assert(Date.now() < deadline, `still loading after 30 s: ${[...requests.values()].filter((r) => r.bytes === undefined).map((r) => r.path)}`);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
  await cdp.detach();
  const files = [...requests.values()].sort((a, b) => b.bytes - a.bytes);
  await page.close();
  return { total: files.reduce((sum, f) => sum + f.bytes, 0), files };
}

export async function pressCtrlEnter(page) {
  await page.focus('#canvas');
  await press(page, 'Control+Enter');
}

// ---- keys ----------------------------------------------------------------------------------------
// A key press as a quick person makes it: the downs and ups of `combo` ("Backspace", "Control+V")
// sent to the focused element at once, one Chrome DevTools Protocol command after the other without
// waiting for answers. web/platform.js hands them to ImGui at once, whose input queue spreads two
// changes of one key over two frames, and the app leaves repeating to the browser (main.cpp: ImGui's own
// repeat, which timed a held key by the frames' clock, is off): however many slow frames go by
// between the down and the up (under load the page draws several while both are on their way),
// one press is one Backspace.
// The keys the suites press (windowsVirtualKeyCode is the page's keyCode; modifier: CDP's bit).
const KEYS = {
  Control: { key: 'Control', code: 'ControlLeft', windowsVirtualKeyCode: 17, modifier: 2 },
  Shift: { key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16, modifier: 8 },
  Enter: { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' },
  Backspace: { key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8 },
  End: { key: 'End', code: 'End', windowsVirtualKeyCode: 35 },
  Tab: { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 },
  Escape: { key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27 },
  Space: { key: ' ', code: 'Space', windowsVirtualKeyCode: 32, text: ' ' },
  ArrowDown: { key: 'ArrowDown', code: 'ArrowDown', windowsVirtualKeyCode: 40 },
  ArrowUp: { key: 'ArrowUp', code: 'ArrowUp', windowsVirtualKeyCode: 38 },
  A: { key: 'a', code: 'KeyA', windowsVirtualKeyCode: 65 },
  V: { key: 'v', code: 'KeyV', windowsVirtualKeyCode: 86 },
  Z: { key: 'z', code: 'KeyZ', windowsVirtualKeyCode: 90 },
};
const keySessions = new WeakMap();  // page -> its CDP session, made on the first press
export async function press(page, combo) {
  if (!keySessions.has(page)) keySessions.set(page, page.context().newCDPSession(page));
  const cdp = await keySessions.get(page);
  const keys = combo.split('+').map((name) => {
    assert(KEYS[name], `press: no key "${name}" (harness.mjs KEYS has ${Object.keys(KEYS).join(', ')})`);
    return KEYS[name];
  });
  let modifiers = 0;
  const sent = [];
  const event = (type, { key, code, windowsVirtualKeyCode }, text) =>
    sent.push(cdp.send('Input.dispatchKeyEvent', { type, modifiers, key, code, windowsVirtualKeyCode, text }));
  for (const key of keys) {
    modifiers |= key.modifier || 0;
    // Text only without Ctrl (Ctrl+A selects, it types nothing): then the page also gets a keypress.
    const text = modifiers & 2 ? undefined : key.text;
    event(text ? 'keyDown' : 'rawKeyDown', key, text);
  }
  for (const key of [...keys].reverse()) {
    event('keyUp', key);
    modifiers &= ~(key.modifier || 0);
  }
  await Promise.all(sent);
}

// ---- jobs and their videos ---------------------------------------------------------------------------
export const TERMINAL = ['succeeded', 'failed', 'expired', 'cancelled'];

// Waits until the newest job has ended (however: the caller checks how) and returns window.__vg.jobs.
export async function newestJobEnded(page, timeout = 120000) {
  await waitFor(page, (t) => (window.__vg.jobs || []).length && t.includes(window.__vg.jobs[0].state), TERMINAL, timeout);
  return page.evaluate(() => window.__vg.jobs);
}

// What ffprobe reads of the file at `url` (-show_entries `entries`, JSON), fetched whole.
export async function probeUrl(url, entries = 'stream=codec_type,codec_name,width,height:format=duration') {
  const answer = await fetch(url);
  assert(answer.ok, `GET ${url} answered ${answer.status}`);
  const run = spawnSync('ffprobe', ['-v', 'error', '-show_entries', entries, '-of', 'json', '-'],
    { input: Buffer.from(await answer.arrayBuffer()) });
  assert(run.status === 0, `ffprobe could not read ${url}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

// "#request=<base64url>" for a request object.
export function shareFragment(request) {
  return '#request=' + Buffer.from(JSON.stringify(request)).toString('base64url');
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

// ---- pages a check opens itself, and finished jobs in its storage ---------------------------------
// A check whose page cannot be its `start` (a URL known only once the suite runs: a fixture's
// upload, a server of the check's own; or a page that is not the playground) says `start: null` and
// opens it here: its console errors go into the check's own `errors` (the array the check is given,
// which suite() reads when the check ends), so they fail it as the start page's do.
export function collectErrors(page, errors) {
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  return page;
}

// The playground at `url` in the check's context, ready as a `start` page is.
export async function openPageFor({ context, errors }, url) {
  const page = collectErrors(await context.newPage(), errors);
  await page.goto(url);
  await waitFor(page, () => window.__vg && window.__vg.ready && window.__vg.historyLoaded, undefined, 30000);
  return page;
}

// A job record as the playground writes it (wasm/core/jobs/job_record.h), finished so nothing is polled.
export function jobRecord(localId, createdAt, state, overrides = {}) {
  return {
    localId, createdAt, request: { model: 'klingai/kling-v2.6', prompt: `history ${localId}` }, baseUrl: '',
    submit: { method: 'POST', path: '/v2/videos/generate', headers: {}, body: { model: 'kling-2.6', prompt: 'x' } },
    retries: 0, group: '', results: [],
    job: { dialect: 'jobs', state, id: `gw-${localId}`, operation: null, progress: 100, submittedAt: createdAt,
      lastPollAt: createdAt + 1000, nextPollAt: -1, pollsMade: 2, consecutiveErrors: 0, rngState: 7,
      intervalMs: 2000, lastTransientError: '', expiresAt: -1, costCents: -1, errorCode: state === 'failed' ? 'http_400' : '',
      errorMessage: state === 'failed' ? 'refused' : '', errorHint: '', errorHttpStatus: state === 'failed' ? 400 : 0,
      finishedAt: createdAt + 2000, ...overrides },
  };
}

// The history entry storage.js keeps around a record (wasm/app/app_runtime.cpp historyRecord).
function historyEntry(record) {
  return { requestJson: JSON.stringify(record.request), dialect: 'jobs', model: record.request.model,
    createdAt: record.createdAt, status: record.job.state,
    job: { id: record.job.id, baseUrl: '', dialect: 'jobs', poll: record }, resultKeys: [], error: record.job.errorMessage };
}

// Finished jobs for a check that needs them (jobRecord records): written to the page's browser
// storage (web/storage.js), then the page reloaded, so the playground loads them as it loads history.
export async function seedHistory(page, records) {
  for (const record of records) {
    const put = await page.evaluate((entry) => window.VideoGenStorage.putHistory(entry), historyEntry(record));
    assert(typeof put.id === 'number', `putHistory answered ${JSON.stringify(put)}`);
  }
  await page.reload();
  await waitFor(page, () => window.__vg && window.__vg.ready && window.__vg.historyLoaded, undefined, 30000);
}
