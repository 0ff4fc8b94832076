// Shared pieces of the browser tests: serve.py on a free port with its own data folder, a tiny
// runner (ok / not ok lines and a count), and helpers that read window.__vg and click controls the
// app published rectangles for.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SITE = process.env.VG_SITE_DIR || path.join(process.env.VG_WASM_DIR || path.join(REPO, 'build/wasm'), 'site');
export const NATIVE = process.env.VG_NATIVE_DIR || path.join(REPO, 'build/native');
export const ARTIFACTS = path.join(REPO, 'tests/artifacts');
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--use-gl=angle', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];
export const VIEWPORT = { width: 1400, height: 860 };
// ImGui 1.86 reads key state once a frame (its input queue came in 1.87): a key pressed and released
// within one frame is missed, so presses are held for a few frames, as a person's are.
export const HOLD = { delay: 60 };

// serve.py on a free port with a fresh --data folder; `extra` adds flags (--faults, --link-ttl).
export function startServer(extra = []) {
  const data = mkdtempSync(path.join(os.tmpdir(), 'vg-browser-'));
  const server = spawn('python3', [path.join(REPO, 'serve.py'), '--port', '0', '--quiet', '--root', SITE,
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

export const results = [];
export async function check(name, body) {
  try {
    await body();
    results.push(true);
    console.log(`ok - ${name}`);
  } catch (error) {
    results.push(false);
    console.log(`not ok - ${name}\n    ${String(error.message || error).split('\n').join('\n    ')}`);
  }
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

// Centre of a control the app published in window.__vg.rects (CSS pixels within the canvas).
export async function centreOf(page, name) {
  const { rect, canvas } = await page.evaluate((n) => ({
    rect: (window.__vg.rects || {})[n],
    canvas: document.getElementById('canvas').getBoundingClientRect().toJSON(),
  }), name);
  assert(rect, `the app published no rectangle "${name}"`);
  return { x: canvas.x + rect[0] + rect[2] / 2, y: canvas.y + rect[1] + rect[3] / 2 };
}

export async function clickControl(page, name) {
  const { x, y } = await centreOf(page, name);
  await page.mouse.click(x, y);
}

// A tab, until `shown` holds: while a text field is active, ImGui 1.86 spends the first click on
// leaving it (other items are not hoverable then), as it does for a person.
export async function openTab(page, name, shown) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await clickControl(page, `tab:${name}`);
    try {
      await waitFor(page, shown, undefined, 2000);
      return;
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
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
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
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

// A file dragged over the canvas to the centre of the control the app published as `control`, and
// dropped there unless `drop` is false (then it stays over the canvas until the next drag event).
export async function dragFile(page, control, bytes, name, type, drop = true) {
  const { x, y } = await centreOf(page, control);
  await page.evaluate(({ b64, n, t, px, py, d }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], n, { type: t }));
    const canvas = document.getElementById('canvas');
    const init = { dataTransfer: transfer, clientX: px, clientY: py, bubbles: true, cancelable: true };
    canvas.dispatchEvent(new DragEvent('dragenter', init));
    canvas.dispatchEvent(new DragEvent('dragover', init));
    if (d) canvas.dispatchEvent(new DragEvent('drop', init));
  }, { b64: bytes.toString('base64'), n: name, t: type, px: x, py: y, d: drop });
}
