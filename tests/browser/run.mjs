// The playground in headless Chromium, against serve.py: loads without console errors, renders,
// takes keyboard and mouse input, copies to the clipboard, goes idle, keeps the host page's keys
// and draws at devicePixelRatio; then jobs.mjs (generate, share links, diagnostics, reload, history,
// expired links, faults). Sizes and timings are measured apart: bench/figures.mjs.
// Each check opens its own page in a context of its own (VG_CHECK / VG_ORDER: harness.mjs, suite);
// a console error on it fails the check.
// Ends with `browser: N passed, M failed`; exit 1 on any failure.
//
//   node tests/browser/run.mjs
// Site: $VG_SITE_DIR, else $VG_WASM_DIR/site, else build/wasm/site. Core: $VG_NATIVE_DIR, else
// build/native. Screenshots go to tests/artifacts/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  ARTIFACTS, VIEWPORT, assert, clickControl, clipboardText, collectErrors, focusField, framesDrawn, newestJobEnded, offerPaste, openTab, pasteText, press, status,
  suite, typeInto, unchangedFor, waitFor,
} from './harness.mjs';
import { jobChecks } from './jobs.mjs';
import { decodePng, pixelStats } from './png.mjs';
import { runCli } from '../node/helpers.mjs';

function screenshotStats(png) {
  return pixelStats(decodePng(png));
}

// ---- the checks -----------------------------------------------------------------------------------
const playground = suite('browser', { clipboard: true });

playground.check('page loads and the app starts without console errors', { start: null }, async ({ context, errors, url }) => {
  const page = collectErrors(await context.newPage(), errors);
  const response = await page.goto(url);
  assert(response.ok(), `GET / answered ${response.status()}`);
  await waitFor(page, () => window.__vg && window.__vg.ready, undefined, 30000);
  const s = await status(page);
  assert(s.models > 0, `the catalog shows ${s.models} models`);
  assert(s.visibleRows === s.models, `${s.visibleRows} rows visible of ${s.models} before any filter`);
});

playground.check('the canvas renders the playground (screenshot)', async ({ page }) => {
  await framesDrawn(page);  // the layout settled (ImGui takes two frames)
  const png = await page.screenshot({ path: path.join(ARTIFACTS, 'playground.png') });
  const stats = screenshotStats(png);
  assert(stats.distinctColors > 50, `only ${stats.distinctColors} colours: the canvas looks blank`);
  assert(stats.nonDominantShare > 0.05, `${(stats.nonDominantShare * 100).toFixed(1)}% non-background pixels`);
});

playground.check('typing into the catalog search filters the table', async ({ page }) => {
  const before = await status(page);
  await typeInto(page, 'search', 'veo');
  await waitFor(page, (total) => window.__vg.visibleRows > 0 && window.__vg.visibleRows < total, before.models);
  await page.screenshot({ path: path.join(ARTIFACTS, 'search-veo.png') });
  await press(page, 'Control+A');
  await press(page, 'Backspace');
  await waitFor(page, (total) => window.__vg.visibleRows === total, before.models);
});

playground.check('selecting a row shows that model and its example', async ({ page }) => {
  const before = await status(page);
  await clickControl(page, 'second-row');
  await waitFor(page, (previous) => window.__vg.selected && window.__vg.selected !== previous, before.selected);
  await page.screenshot({ path: path.join(ARTIFACTS, 'second-model.png') });
});

// A new user's first video with the mouse, every step counted (a figure for the note): find the
// model, pick it, write the prompt over the example's, Generate, and the video plays.
playground.check('a new user makes a first video with the mouse: search, pick, write, Generate', async ({ page }) => {
  let clicks = 0;
  await focusField(page, 'search');
  clicks++;
  await page.keyboard.type('sora-2-pro', { delay: 15 });
  await waitFor(page, () => window.__vg.visibleRows === 1);
  await clickControl(page, 'first-row');
  clicks++;
  await waitFor(page, () => window.__vg.selected === 'openai/sora-2-pro');
  await focusField(page, 'prompt');
  clicks++;
  await press(page, 'Control+A');  // over the example's prompt
  const prompt = 'a paper crane unfolds on a desk';
  await page.keyboard.type(prompt, { delay: 15 });
  await waitFor(page, (text) => window.__vg.requestText.includes(text), prompt);
  await clickControl(page, 'generate');
  clicks++;
  const [job] = await newestJobEnded(page);
  assert(job.state === 'succeeded', `the job ended ${job.state}: ${job.error}`);
  await waitFor(page, () => {
    const video = document.querySelector('video');
    return video && video.readyState >= 2;
  }, undefined, 30000);
  console.log(`# figure: a first video with the mouse: ${clicks} clicks and 1 shortcut (Ctrl+A) besides typing the model's name and the prompt`);
});

playground.check('editing the request re-validates it (diagnostics)', async ({ page }) => {
  await waitFor(page, () => window.__vg.exitCode !== undefined);
  await typeInto(page, 'editor', '');
  await press(page, 'Control+End');
  await page.keyboard.type('{ broken');
  await waitFor(page, () => window.__vg.exitCode === 2 && window.__vg.errors > 0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'request-broken.png') });
  for (let i = 0; i < '{ broken'.length; i++) await press(page, 'Backspace');
  await waitFor(page, () => window.__vg.exitCode !== 2);
});

// ImGui 1.86 repeats a key held past 0.275 s by the frames' clock: a slow frame while Ctrl+V is
// down must not paste twice into an ImGui text field (main.cpp counts a frame as at most 50 ms for
// ImGui). The keys are dispatched inside the page, so the hold is exactly what the check says,
// however busy the machine: V goes down, the frame that sees it pastes, the page stalls 0.4 s, the
// frame after the stall still sees V down (0.4 s later by the frames' clock), and only then does V
// come up. The field is the catalog's search: "sora-2-pro" once finds one model, twice none.
playground.check('a Ctrl+V held across a slow frame pastes once', async ({ page }) => {
  await focusField(page, 'search');
  await offerPaste(page, 'sora-2-pro');
  await page.evaluate(async () => {
    const canvas = document.getElementById('canvas');
    const send = (type, keyCode, key, code) => {
      const event = new KeyboardEvent(type, { key, code, ctrlKey: true, bubbles: true, cancelable: true });
      Object.defineProperty(event, 'keyCode', { get: () => keyCode });  // what Emscripten's GLFW reads
      canvas.dispatchEvent(event);
    };
    const nextFrame = () => new Promise((resolve) => {
      const seen = window.__vg.frames;
      const look = () => (window.__vg.frames > seen ? resolve() : requestAnimationFrame(look));
      requestAnimationFrame(look);
    });
    send('keydown', 17, 'Control', 'ControlLeft');
    send('keydown', 86, 'v', 'KeyV');
    await nextFrame();  // the frame that sees V go down pastes
    for (const end = performance.now() + 400; performance.now() < end;);  // a 0.4 s stall
    await nextFrame();  // the frame after it, V still down
    send('keyup', 86, 'v', 'KeyV');
    send('keyup', 17, 'Control', 'ControlLeft');
  });
  await waitFor(page, () => window.__vg.visibleRows !== 33, undefined, 20000);
  await framesDrawn(page);
  const rows = (await status(page)).visibleRows;
  assert(rows === 1, `after one Ctrl+V of "sora-2-pro" the catalog lists ${rows} models (a second paste lists none)`);
});

playground.check('paste and non-ASCII typing reach the editor', async ({ page, context }) => {
  const paste = (text) => pasteText(page, text, { selectAll: true });
  const original = (await status(page)).requestText;
  const request = JSON.parse(original);
  request.prompt = 'café — 東京 🎬';  // 🎬 is above U+FFFF (imconfig_vg.h: IMGUI_USE_WCHAR32)
  const pasted = JSON.stringify(request, null, 2);
  await typeInto(page, 'editor', '');
  await paste(pasted);
  await waitFor(page, (text) => window.__vg.requestText === text && window.__vg.exitCode !== 2, pasted);
  await press(page, 'Control+End');
  // keyboard.type sends these through IME insertText, which a canvas never sees; a key of a
  // layout that has them (CDP keyDown with text) makes the keypress the app reads.
  // Each key waits for the text it makes, so a lost or doubled key fails at that key.
  const cdp = await context.newCDPSession(page);
  let typed = pasted;
  for (const text of ['é', '東', '🎬']) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: text, text, unmodifiedText: text });
    typed += text;
    await waitFor(page, (expected) => window.__vg.requestText === expected && window.__vg.exitCode === 2, typed);
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: text });
  }
  await cdp.detach();
  await page.screenshot({ path: path.join(ARTIFACTS, 'request-pasted.png') });
  // one Backspace takes one character, whatever its size in UTF-8 (4 bytes) or UTF-16 (2 units)
  await press(page, 'Backspace');
  await waitFor(page, (text) => window.__vg.requestText === text + 'é東', pasted);
  await press(page, 'Backspace');
  await waitFor(page, (text) => window.__vg.requestText === text + 'é', pasted);
  await press(page, 'Backspace');
  await waitFor(page, (text) => window.__vg.requestText === text && window.__vg.exitCode !== 2, pasted);
  assert((await status(page)).requestText.includes('café — 東京 🎬'), 'the prompt lost its non-ASCII text');
  await paste(original);
  await waitFor(page, (text) => window.__vg.requestText === text, original);
});

playground.check('Copy puts the wire request on the clipboard', async ({ page }) => {
  await openTab(page, 'Wire preview', () => window.__vg.wireRequestLine);
  await framesDrawn(page);
  const s = await status(page);
  assert(s.wireBuilt, `no wire request was built for ${s.wireTarget} (exit ${s.exitCode}, ${s.errors} errors)`);
  await clickControl(page, 'copy');
  await waitFor(page, () => window.__vg.wireCopied);
  const text = await clipboardText(page);
  const copied = JSON.parse(text);
  assert(copied.method && copied.path, `clipboard holds ${text.slice(0, 120)}`);
  assert(`${copied.method} ${copied.path}` === s.wireRequestLine, `${copied.method} ${copied.path} vs ${s.wireRequestLine}`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'wire-preview.png') });
  await clickControl(page, 'tab:Request JSON');
});

// Issue 14, snippets: "Copy as" puts on the clipboard what `vgen snippet` prints for the request, and
// saves as downloads the files it reads (media over the core's inline limit is not pasted: cURL sends
// the body from request.json), byte for byte what `vgen snippet --files` writes. tests/serve's
// test_snippets runs those snippets against serve.py.
const startImage = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=640x400', '-frames:v', '1',
  '-f', 'image2pipe', '-c:v', 'png', '-'], { maxBuffer: 64 << 20 }).stdout;
const BIG_IMAGE_REQUEST = { model: 'klingai/kling-v2.6', prompt: { image: startImage.toString('base64'), text: 'the tide rolls in' } };
playground.check('Copy as cURL copies what vgen snippet prints and downloads the request file it reads', { start: BIG_IMAGE_REQUEST },
  async ({ page, url }) => {
    assert(startImage.length > 4096, `the start image is ${startImage.length} bytes: too small to stay out of the snippet`);
    await openTab(page, 'Wire preview', () => window.__vg.wireRequestLine);
    await waitFor(page, () => window.__vg.wireBuilt);
    await clickControl(page, `**/##copy-as`);
    const [download] = await Promise.all([page.waitForEvent('download'), clickControl(page, '**/cURL')]);
    await waitFor(page, () => window.__vg.wireCopied);
    const text = await clipboardText(page);
    const files = mkdtempSync(path.join(tmpdir(), 'vg-snippet-'));
    try {
      const { wireTarget } = await status(page);
      const printed = runCli(['snippet', '--format', 'curl', '--to', wireTarget, '--from', 'aisdk', '--base-url',
        new URL(url).origin, '--files', files], JSON.stringify(BIG_IMAGE_REQUEST));
      assert(printed.exitCode === 0, `vgen snippet failed: ${printed.stderr}`);
      assert(text === printed.stdout.toString(), `the clipboard differs from vgen snippet:\n${text.slice(0, 600)}\n---\n${printed.stdout.toString().slice(0, 600)}`);
      assert(!text.includes(BIG_IMAGE_REQUEST.prompt.image.slice(0, 200)), 'the image was pasted into the snippet');
      const written = readdirSync(files);
      assert(written.length === 1 && download.suggestedFilename() === written[0],
        `the page saved ${download.suggestedFilename()}, vgen wrote ${JSON.stringify(written)}`);
      const saved = readFileSync(await download.path());
      assert(saved.equals(readFileSync(path.join(files, written[0]))), `${written[0]}: the download differs from vgen's file`);
      assert(text.includes(written[0]), `the snippet does not read ${written[0]}`);
    } finally {
      rmSync(files, { recursive: true, force: true });
    }
    await clickControl(page, 'tab:Request JSON');
  });

// Issue 14: "a 'share link copied' note never clears". The note says what happened, then goes by
// itself (app_runtime.h kToastMs), even on a page that has gone idle: the page wakes to take it down.
playground.check('Copy share link copies the link, and its note goes by itself', async ({ page }) => {
  await clickControl(page, 'share');
  await waitFor(page, () => window.__vg.toast === 'share link copied');
  const text = await clipboardText(page);
  assert(/#request=[A-Za-z0-9_-]+$/.test(text), `the clipboard holds ${text.slice(0, 120)}`);
  await waitFor(page, () => window.__vg.toast === '', undefined, 30000);
  await framesDrawn(page, 1);
  await page.screenshot({ path: path.join(ARTIFACTS, 'share-note-gone.png') });
});

playground.check('an idle page stops drawing', async ({ page }) => {
  await page.mouse.move(2, VIEWPORT.height - 2);
  // The loop stops a quarter second after the last input; then a second passes without a frame. Time
  // passing with nothing drawn is what this checks (one deadline: 15 s).
  const before = (await status(page)).frames;
  await unchangedFor(page, () => window.__vg.frames, undefined, 1000, 15000)
    .catch(async () => assert(false, `${(await status(page)).frames - before} frames drawn in 15 s without input: the page never went idle`));
});

playground.check('keys outside the canvas still reach the host page', async ({ page }) => {
  const value = await page.evaluate(async () => {
    const input = document.createElement('input');
    input.id = 'host-input';
    input.style.cssText = 'position:fixed;left:0;top:0;z-index:1';
    document.body.appendChild(input);
    input.focus();
    return input.id;
  });
  await page.keyboard.type('abc');
  await press(page, 'Backspace');
  const typed = await page.evaluate((id) => document.getElementById(id).value, value);
  assert(typed === 'ab', `the host page's input holds "${typed}"`);
});

// A context of its own at devicePixelRatio 2 (the suite's contexts draw at 1).
playground.check('draws at devicePixelRatio 2 (crisp text)', { start: null }, async ({ errors, url, session }) => {
  const hiDpi = await session.browser.newContext({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 2 });
  try {
    const hiPage = collectErrors(await hiDpi.newPage(), errors);
    await hiPage.goto(url);
    await waitFor(hiPage, () => window.__vg && window.__vg.ready, undefined, 30000);
    await framesDrawn(hiPage);
    const size = await hiPage.evaluate(() => {
      const canvas = document.getElementById('canvas');
      return { width: canvas.width, height: canvas.height, css: canvas.getBoundingClientRect().width };
    });
    await hiPage.screenshot({ path: path.join(ARTIFACTS, 'playground-2x.png') });
    assert(size.width === Math.round(size.css * 2), `backing store ${size.width} px for ${size.css} CSS px`);
  } finally {
    await hiDpi.close();
  }
});

jobChecks(playground);
playground.run();
