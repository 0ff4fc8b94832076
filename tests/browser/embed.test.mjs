// Embedding and browser storage in headless Chromium, against serve.py: web/embed_example.html mounts
// the playground in an iframe sized to its element, window.VideoGen answers exactly what
// `vgen ... --json` prints, the example's form works, the host page keeps its keys, and web/storage.js
// keeps history, saved videos and settings (never a key) across a reload. A console error (on the
// embedding page or in the playground inside it) fails a check (harness.mjs, suite).
//
//   node tests/browser/embed.test.mjs
// Each check opens its own embedding page in a context of its own (an empty browser storage) and
// makes there what it needs: the playground started, history entries, a saved result (VG_CHECK /
// VG_ORDER: harness.mjs, suite).
// Standalone: ends with `embed: N passed, M failed` and exits 1 on any failure. For run.mjs (the app's
// browser suite): run it as a child process with the same environment, e.g.
//   spawnSync(process.execPath, [path.join(REPO, 'tests/browser/embed.test.mjs')], { stdio: 'inherit' })
// and count a non-zero exit status as a failure.
// Site: $VG_SITE_DIR, else $VG_WASM_DIR/site-test, else build/wasm/site-test. Core (serve.py and the vgen CLI
// the answers are compared with): $VG_NATIVE_DIR, else build/native.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import {
  REPO, assert, collectErrors, press, suite,
} from './harness.mjs';
import { runCli } from '../node/helpers.mjs';

const CASES = path.join(REPO, 'tests/cases');

function assertEqual(actual, expected, what) {
  assert(isDeepStrictEqual(actual, expected),
    `${what}:\n  got      ${JSON.stringify(actual)}\n  expected ${JSON.stringify(expected)}`);
}

// What the native CLI answers, in window.VideoGen's shape.
function cli(args, input) {
  const run = runCli(args, input);
  const stdout = run.stdout.toString('utf8');
  return { exitCode: run.exitCode, result: stdout ? JSON.parse(stdout) : null, notes: run.stderr.toString('utf8') };
}

// window.VideoGen.<name>(bytes of input, options) in the page; bytes travel as a plain array.
function inPage(page, name, input, options) {
  return page.evaluate(([n, bytes, o]) => window.VideoGen[n](bytes && new Uint8Array(bytes), o),
    [name, input ? [...input] : null, options]);
}

function boxesMatch(a, b) {
  return ['x', 'y', 'width', 'height'].every((k) => Math.abs(a[k] - b[k]) <= 1);
}

// ---- the checks -----------------------------------------------------------------------------------
// The embedding page is not the playground (the harness's start pages are): each check opens it
// itself (start: null), its console errors the check's (collectErrors).
const embed = suite('embed', { viewport: { width: 1280, height: 900 } });

async function openExample({ context, errors, url }) {
  const page = collectErrors(await context.newPage(), errors);
  const response = await page.goto(new URL('embed_example.html', url).href);
  assert(response.ok(), `GET /embed_example.html answered ${response.status()}`);
  return page;
}

const box = (page, selector) => page.locator(selector).evaluate((e) => e.getBoundingClientRect().toJSON());
// The element's content box: where the iframe must be.
const contentBox = (page) => page.locator('#playground').evaluate((e) => {
  const r = e.getBoundingClientRect();
  return { x: r.x + e.clientLeft, y: r.y + e.clientTop, width: e.clientWidth, height: e.clientHeight };
});

// The playground's frame inside the example, once the playground has started there.
async function startedPlayground(page) {
  const content = await (await page.locator('#playground iframe').elementHandle()).contentFrame();
  await content.waitForFunction(() => window.__vg && window.__vg.ready, undefined, { timeout: 30000, polling: 100 });
  return content;
}

embed.check('embed_example.html mounts the playground iframe with the element\'s attributes', { start: null }, async (check) => {
  const page = await openExample(check);
  const src = await page.locator('#playground iframe').getAttribute('src');
  const frameUrl = new URL(src);
  assertEqual(frameUrl.pathname, '/index.html', 'iframe path');
  assertEqual(Object.fromEntries(frameUrl.searchParams),
    { dialect: 'unified', models: 'klingai/kling-v3.0,google/veo-3.1' }, 'iframe query parameters');
});

embed.check('the iframe fills its element and follows its size', { start: null }, async (check) => {
  const page = await openExample(check);
  const inner = await contentBox(page);
  assert(inner.height === 560, `the element's content is ${inner.height}px high; its CSS says 560px`);
  const frame = await box(page, '#playground iframe');
  assert(boxesMatch(frame, inner), `iframe ${JSON.stringify(frame)} vs element content ${JSON.stringify(inner)}`);
  await page.locator('#playground').evaluate((e) => { e.style.height = '420px'; e.style.width = '700px'; });
  await page.waitForFunction(() => Math.round(document.querySelector('#playground iframe').getBoundingClientRect().height) === 420,
    undefined, { timeout: 15000, polling: 50 });
  const resized = await box(page, '#playground iframe');
  assert(boxesMatch(resized, await contentBox(page)) && Math.round(resized.width) === 700 && Math.round(resized.height) === 420,
    `after resizing the element to 700x420 the iframe is ${resized.width}x${resized.height}`);
});

embed.check('the playground starts inside the iframe at the iframe\'s size', { start: null }, async (check) => {
  const page = await openExample(check);
  const content = await startedPlayground(page);
  const frame = await box(page, '#playground iframe');
  const size = await content.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  assertEqual(size, { width: Math.round(frame.width), height: Math.round(frame.height) }, 'the playground window inside the iframe');
  const canvas = await content.locator('#canvas').evaluate((c) => ({ width: c.clientWidth, height: c.clientHeight }));
  assert(canvas.width > 600 && canvas.height > 300, `the canvas is ${canvas.width}x${canvas.height}`);
});

embed.check('a playground further down the page loads nothing until the reader scrolls to it', { start: null }, async ({ context, errors, url }) => {
  // A host page of the server's origin (served by page.route), embed.js from the server itself.
  const host = new URL('lazy_host.html', url).href;
  const page = collectErrors(await context.newPage(), errors);
  await page.route(host, (route) => route.fulfill({ contentType: 'text/html', body:
    '<!doctype html><title>host</title><p style="height: 3000px">An article.</p>' +
    '<div id="later" data-videogen-playground style="height: 480px"></div><script src="embed.js"></script>' }));
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(host);
  await page.waitForFunction(() => window.VideoGen && document.readyState === 'complete', undefined, { timeout: 15000, polling: 50 });
  // One frame after load: an observer that were going to mount would have done so by now.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assertEqual(await page.locator('#later iframe').count(), 0, 'iframes before scrolling');
  const early = requested.filter((p) => !['/lazy_host.html', '/embed.js'].includes(p));
  assertEqual(early, [], 'requests before scrolling');
  await page.locator('#later').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#later iframe'), undefined, { timeout: 15000, polling: 50 });
  const content = await (await page.locator('#later iframe').elementHandle()).contentFrame();
  await content.waitForFunction(() => window.__vg && window.__vg.ready, undefined, { timeout: 30000, polling: 100 });
  assert(requested.includes('/playground.wasm'), `after scrolling: ${requested.join(' ')}`);
});

embed.check('VideoGen.validate answers what vgen validate --json prints, for every case file', { start: null }, async (check) => {
  const page = await openExample(check);
  const files = readdirSync(CASES).filter((f) => f.endsWith('.json')).sort();
  assert(files.length >= 10, `only ${files.length} case files in ${CASES}`);
  const verdicts = new Set();
  for (const file of files) {
    const bytes = readFileSync(path.join(CASES, file));
    const expected = cli(['validate', '--json', '-'], bytes);
    const actual = await inPage(page, 'validate', bytes, {});
    assertEqual(actual, expected, file);
    verdicts.add(expected.exitCode);
  }
  assertEqual([...verdicts].sort(), [0, 1, 2], 'the cases cover valid, invalid and unreadable input');
});

embed.check('VideoGen.validate with a dialect, and wrong usage, as the CLI', { start: null }, async (check) => {
  const page = await openExample(check);
  const bytes = readFileSync(path.join(CASES, 'unified_kling30_t2v_seed002.json'));
  assertEqual(await inPage(page, 'validate', bytes, { dialect: 'jobs' }),
    cli(['validate', '--json', '--dialect', 'jobs', '-'], bytes), 'validate --dialect jobs');
  assertEqual(await inPage(page, 'validate', bytes, { dialect: 'klingon' }),
    cli(['validate', '--json', '--dialect', 'klingon', '-'], bytes), 'validate --dialect klingon');
});

embed.check('VideoGen.build, convert, parse and catalog answer as the CLI', { start: null }, async (check) => {
  const page = await openExample(check);
  const bytes = readFileSync(path.join(CASES, 'aisdk_veo31_i2v_seed001.json'));
  assertEqual(await inPage(page, 'build', bytes, { to: 'unified' }), cli(['build', '--to', 'unified', '-'], bytes), 'build');
  assertEqual(await inPage(page, 'convert', bytes, { from: 'aisdk', to: 'gateway' }),
    cli(['convert', '--from', 'aisdk', '--to', 'gateway', '-'], bytes), 'convert');
  assertEqual(await inPage(page, 'parse', bytes, {}), cli(['parse', '-'], bytes), 'parse');
  assertEqual(await page.evaluate(() => window.VideoGen.catalog()), cli(['catalog', '--json']), 'catalog');
  // An object is stringified, the same request as its text.
  const object = JSON.parse(bytes.toString('utf8'));
  assertEqual(await page.evaluate((o) => window.VideoGen.validate(o), object),
    cli(['validate', '--json', '-'], bytes), 'validate(object)');
});

embed.check('the example\'s form checks a payload and types like any page (host keys intact)', { start: null }, async (check) => {
  const page = await openExample(check);
  await startedPlayground(page);  // the playground beside the form must leave the host page's keys alone
  await page.click('#check button[type=submit]');
  await page.waitForFunction(() => document.getElementById('verdict').textContent !== '');
  assertEqual(await page.textContent('#verdict'), 'Valid (unified, klingai/kling-v3.0)', 'verdict of the sample');
  await page.fill('#payload', '{"model": "klingai/kling-v3.0-t2v", "prompt": "x", "duration": 99');
  await page.focus('#payload');
  await press(page, 'End');
  await page.keyboard.type('}}');
  await press(page, 'Backspace');  // the playground must not swallow the host page's Backspace
  await page.click('#check button[type=submit]');
  await page.waitForFunction(() => document.getElementById('verdict').textContent.startsWith('Invalid'));
  const report = JSON.parse((await page.textContent('#output')).split('\n\n')[0]);
  assert(report.diagnostics.some((d) => d.path === '/duration'), `no /duration diagnostic: ${JSON.stringify(report)}`);
});

// ---- browser storage (web/storage.js), on a page of the site: same origin, same database ----------
async function openStorage(check) {
  const page = await openExample(check);
  await page.addScriptTag({ url: 'storage.js' });
  return page;
}
const call = (page, name, ...args) => page.evaluate(([n, a]) => window.VideoGenStorage[n](...a), [name, args]);

// A history entry of the job `job<i>`, in `status`.
const entry = (i, status) => ({ requestJson: `{"model":"m${i}"}`, dialect: 'unified', model: `m${i}`,
  createdAt: 1000 + i, status, job: { id: `job${i}`, baseUrl: 'http://127.0.0.1:1', dialect: 'unified', poll: { attempts: i } } });

embed.check('storage: history lists newest first and pendingJobs finds unfinished jobs', { start: null }, async (check) => {
  const page = await openStorage(check);
  const statuses = ['succeeded', 'running', 'queued', 'failed'];
  for (const [i, status] of statuses.entries()) {
    const put = await call(page, 'putHistory', entry(i, status));
    assert(typeof put.id === 'number', `putHistory answered ${JSON.stringify(put)}`);
  }
  const listed = await call(page, 'listHistory');
  assertEqual(listed.entries.map((e) => e.status), [...statuses].reverse(), 'listHistory order');
  assertEqual((await call(page, 'listHistory', { limit: 2 })).entries.length, 2, 'listHistory limit');
  assertEqual((await call(page, 'pendingJobs')).entries.map((e) => e.job.id), ['job2', 'job1'], 'pendingJobs');
  const updated = await call(page, 'putHistory', { ...listed.entries[1], status: 'succeeded' });
  assertEqual(updated.id, listed.entries[1].id, 'putHistory with an id replaces');
  assertEqual((await call(page, 'pendingJobs')).entries.map((e) => e.job.id), ['job1'], 'pendingJobs after an update');
});

embed.check('storage: no API key is ever written', { start: null }, async (check) => {
  const page = await openStorage(check);
  const envelope = { method: 'POST', path: '/v1/video/generations',
    headers: { authorization: 'Bearer sk-secret-1', 'content-type': 'application/json' }, body: { model: 'x', apiKey: 'sk-secret-2' } };
  const { id } = await call(page, 'putHistory', { requestJson: JSON.stringify(envelope), status: 'queued', apiKey: 'sk-secret-3',
    job: { id: 'j', baseUrl: 'https://user:sk-secret-4@gw.example.com/v1', poll: { headers: { 'x-api-key': 'sk-secret-5' } } } });
  const { entry: stored } = await call(page, 'getHistory', id);
  assert(!JSON.stringify(stored).includes('sk-secret'), `a key was stored: ${JSON.stringify(stored)}`);
  assertEqual(JSON.parse(stored.requestJson).headers, { 'content-type': 'application/json' }, 'headers kept');
  assertEqual(stored.job.baseUrl, 'https://gw.example.com/v1', 'base URL without credentials');
  const refused = await call(page, 'putSetting', 'apiKey', 'sk-secret-6');
  assert(/never written/.test(refused.error || ''), `putSetting(apiKey) answered ${JSON.stringify(refused)}`);
  await call(page, 'deleteHistory', id);
});

// Chrome logs the expired link's answer as a console error: the one error this check expects.
embed.check('storage: a result is saved from its URL and plays from a blob: URL; 410 is explained',
  { start: null, allowErrors: [/status of 410/] }, async (check) => {
    const page = await openStorage(check);
    // An expired gateway link, as a real one answers after its time.
    await page.route('**/expired.mp4', (route) => route.fulfill({ status: 410, body: 'gone' }));
    const size = await page.evaluate(() => fetch('vgen_core.wasm').then((r) => r.arrayBuffer()).then((b) => b.byteLength));
    const saved = await call(page, 'putResultFromUrl', 'job1', 0, 'vgen_core.wasm');
    assertEqual(saved, { key: 'job1/0', size, type: 'application/wasm' }, 'putResultFromUrl');
    const blob = await call(page, 'getResultObjectUrl', 'job1/0');
    assert(blob.url && blob.url.startsWith('blob:'), `getResultObjectUrl answered ${JSON.stringify(blob)}`);
    assertEqual(await page.evaluate((u) => fetch(u).then((r) => r.arrayBuffer()).then((b) => b.byteLength), blob.url),
      size, 'bytes behind the blob: URL');
    const expired = await call(page, 'putResultFromUrl', 'job9', 0, 'expired.mp4');
    assert(/expired \(HTTP 410 Gone\)/.test(expired.error || ''), `a 410 answered ${JSON.stringify(expired)}`);
    assert(!('key' in expired), 'nothing is stored for an expired link');
  });

embed.check('storage: history and results survive a reload; deleting an entry deletes its videos', { start: null }, async (check) => {
  const page = await openStorage(check);
  // A running job's entry and a video saved for it, then the page reloaded.
  assert(typeof (await call(page, 'putHistory', entry(1, 'running'))).id === 'number', 'putHistory of the job1 entry');
  assertEqual((await call(page, 'putResultFromUrl', 'job1', 0, 'vgen_core.wasm')).key, 'job1/0', 'putResultFromUrl');
  await page.reload();
  await page.addScriptTag({ url: 'storage.js' });
  const running = (await call(page, 'listHistory')).entries.find((e) => e.job && e.job.id === 'job1');
  assert(running, 'the job1 entry is gone after a reload');
  assertEqual((await call(page, 'getResultObjectUrl', 'job1/0')).size > 0, true, 'the saved video after a reload');
  await call(page, 'putHistory', { ...running, resultKeys: ['job1/0'] });
  assertEqual(await call(page, 'deleteHistory', running.id), { deleted: true, results: 1 }, 'deleteHistory');
  const missing = await call(page, 'getResultObjectUrl', 'job1/0');
  assertEqual(missing, { error: 'no saved video job1/0 in browser storage' }, 'the deleted video');
});

embed.check('storage: settings, and the JSON bridge the C++ side calls', { start: null }, async (check) => {
  const page = await openStorage(check);
  assert(typeof (await call(page, 'putHistory', entry(0, 'succeeded'))).id === 'number', 'putHistory of an entry to list');
  assertEqual(await call(page, 'putSetting', 'theme', { name: 'dark', scale: 1.25 }), {}, 'putSetting');
  assertEqual(await call(page, 'getSetting', 'theme'), { value: { name: 'dark', scale: 1.25 } }, 'getSetting');
  assertEqual(await call(page, 'getSetting', 'unset'), { value: null }, 'an unset setting');
  const text = await page.evaluate(() => window.VideoGenStorage.callJson('listHistory', '[{"limit":1}]'));
  assertEqual(JSON.parse(text).entries.length, 1, 'callJson(listHistory)');
  assertEqual(JSON.parse(await page.evaluate(() => window.VideoGenStorage.callJson('format', '[]'))),
    { error: 'storage has no function "format"' }, 'callJson of an unknown name');
  const broken = JSON.parse(await page.evaluate(() => window.VideoGenStorage.callJson('getHistory', '[1,')));
  assert(typeof broken.error === 'string', `callJson with broken arguments answered ${JSON.stringify(broken)}`);
});

embed.check('storage: without IndexedDB (private browsing) every call answers a clear error', { start: null }, async ({ context, errors, url }) => {
  const bare = collectErrors(await context.newPage(), errors);
  await bare.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
  await bare.goto(new URL('embed_example.html', url).href);
  await bare.addScriptTag({ url: 'storage.js' });
  const answer = await bare.evaluate(() => window.VideoGenStorage.listHistory());
  assert(/^IndexedDB is unavailable \(private browsing/.test(answer.error || ''), `listHistory answered ${JSON.stringify(answer)}`);
});

embed.run();
