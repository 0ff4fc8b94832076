// The playground in headless Chromium, against serve.py: loads without console errors, renders,
// takes keyboard and mouse input, copies to the clipboard, goes idle, keeps the host page's keys
// and draws at devicePixelRatio; then jobs.mjs (generate, share links, diagnostics, reload, history,
// expired links, faults). Sizes and timings are measured apart: bench/figures.mjs.
// Ends with `browser: N passed, M failed`; exit 1 on any failure.
//
//   node tests/browser/run.mjs
// Site: $VG_SITE_DIR, else $VG_WASM_DIR/site, else build/wasm/site. Core: $VG_NATIVE_DIR, else
// build/native. Screenshots go to tests/artifacts/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import {
  ARTIFACTS, HOLD, VIEWPORT, assert, check, clickControl, framesDrawn, launchBrowser, openTab, pasteText, results, startServer, status, track, typeInto, unchangedFor, waitFor,
} from './harness.mjs';
import { runJobChecks } from './jobs.mjs';
import { decodePng, pixelStats } from './png.mjs';

function screenshotStats(png) {
  return pixelStats(decodePng(png));
}

// ---- the checks -----------------------------------------------------------------------------------
async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { stop, url } = await startServer();
  const browser = track(await launchBrowser());
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));

    await check('page loads and the app starts without console errors', async () => {
      const response = await page.goto(url);
      assert(response.ok(), `GET / answered ${response.status()}`);
      await waitFor(page, () => window.__vg && window.__vg.ready, undefined, 30000);
      const s = await status(page);
      assert(s.models > 0, `the catalog shows ${s.models} models`);
      assert(s.visibleRows === s.models, `${s.visibleRows} rows visible of ${s.models} before any filter`);
      assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
    });

    await check('the canvas renders the playground (screenshot)', async () => {
      await framesDrawn(page);  // the layout settled (ImGui takes two frames)
      const png = await page.screenshot({ path: path.join(ARTIFACTS, 'playground.png') });
      const stats = screenshotStats(png);
      assert(stats.distinctColors > 50, `only ${stats.distinctColors} colours: the canvas looks blank`);
      assert(stats.nonDominantShare > 0.05, `${(stats.nonDominantShare * 100).toFixed(1)}% non-background pixels`);
    });

    await check('typing into the catalog search filters the table', async () => {
      const before = await status(page);
      await typeInto(page, 'search', 'veo');
      await waitFor(page, (total) => window.__vg.visibleRows > 0 && window.__vg.visibleRows < total, before.models);
      await page.screenshot({ path: path.join(ARTIFACTS, 'search-veo.png') });
      await page.keyboard.press('Control+A', HOLD);
      await page.keyboard.press('Backspace', HOLD);
      await waitFor(page, (total) => window.__vg.visibleRows === total, before.models);
    });

    await check('selecting a row shows that model and its example', async () => {
      const before = await status(page);
      await clickControl(page, 'second-row');
      await waitFor(page, (previous) => window.__vg.selected && window.__vg.selected !== previous, before.selected);
      await page.screenshot({ path: path.join(ARTIFACTS, 'second-model.png') });
    });

    await check('editing the request re-validates it (diagnostics)', async () => {
      await waitFor(page, () => window.__vg.exitCode !== undefined);
      await typeInto(page, 'editor', '');
      await page.keyboard.press('Control+End', HOLD);
      await page.keyboard.type('{ broken');
      await waitFor(page, () => window.__vg.exitCode === 2 && window.__vg.errors > 0);
      await page.screenshot({ path: path.join(ARTIFACTS, 'request-broken.png') });
      for (let i = 0; i < '{ broken'.length; i++) await page.keyboard.press('Backspace', HOLD);
      await waitFor(page, () => window.__vg.exitCode !== 2);
    });

    await check('paste and non-ASCII typing reach the editor', async () => {
      const paste = (text) => pasteText(page, text, { selectAll: true });
      const original = (await status(page)).requestText;
      const request = JSON.parse(original);
      request.prompt = 'café — 東京';  // BMP only: ImGui 1.86 keeps 16-bit ImWchar
      const pasted = JSON.stringify(request, null, 2);
      await typeInto(page, 'editor', '');
      await paste(pasted);
      await waitFor(page, (text) => window.__vg.requestText === text && window.__vg.exitCode !== 2, pasted);
      await page.keyboard.press('Control+End', HOLD);
      // keyboard.type sends these through IME insertText, which a canvas never sees; a key of a
      // layout that has them (CDP keyDown with text) makes the keypress the app reads.
      const cdp = await context.newCDPSession(page);
      for (const text of 'é東') {
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: text, text, unmodifiedText: text });
        await framesDrawn(page, 1);  // held until a frame has read it
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: text });
      }
      await cdp.detach();
      await waitFor(page, (text) => window.__vg.requestText === text + 'é東' && window.__vg.exitCode === 2, pasted);
      await page.screenshot({ path: path.join(ARTIFACTS, 'request-pasted.png') });
      for (let i = 0; i < 2; i++) await page.keyboard.press('Backspace', HOLD);
      await waitFor(page, (text) => window.__vg.requestText === text && window.__vg.exitCode !== 2, pasted);
      assert((await status(page)).requestText.includes('café — 東京'), 'the prompt lost its non-ASCII text');
      await paste(original);
      await waitFor(page, (text) => window.__vg.requestText === text, original);
    });

    await check('Copy puts the wire request on the clipboard', async () => {
      await openTab(page, 'Wire preview', () => window.__vg.wireRequestLine);
      await framesDrawn(page);
      const s = await status(page);
      assert(s.wireBuilt, `no wire request was built for ${s.wireTarget} (exit ${s.exitCode}, ${s.errors} errors)`);
      await clickControl(page, 'copy');
      await waitFor(page, () => window.__vg.wireCopied);
      // writeText is asynchronous: wait until the text arrives.
      const text = await (await page.waitForFunction(async () => (await navigator.clipboard.readText()) || false,
        undefined, { timeout: 10000, polling: 50 })).jsonValue();
      const copied = JSON.parse(text);
      assert(copied.method && copied.path, `clipboard holds ${text.slice(0, 120)}`);
      assert(`${copied.method} ${copied.path}` === s.wireRequestLine, `${copied.method} ${copied.path} vs ${s.wireRequestLine}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'wire-preview.png') });
      await clickControl(page, 'tab:Request JSON');
    });

    await check('an idle page stops drawing', async () => {
      await page.mouse.move(2, VIEWPORT.height - 2);
      // The loop stops a second after the last input; then a second passes without a frame. Time
      // passing with nothing drawn is what this checks (one deadline: 15 s).
      const before = (await status(page)).frames;
      await unchangedFor(page, () => window.__vg.frames, undefined, 1000, 15000)
        .catch(async () => assert(false, `${(await status(page)).frames - before} frames drawn in 15 s without input: the page never went idle`));
    });

    await check('keys outside the canvas still reach the host page', async () => {
      const value = await page.evaluate(async () => {
        const input = document.createElement('input');
        input.id = 'host-input';
        input.style.cssText = 'position:fixed;left:0;top:0;z-index:1';
        document.body.appendChild(input);
        input.focus();
        return input.id;
      });
      await page.keyboard.type('abc');
      await page.keyboard.press('Backspace');
      const typed = await page.evaluate((id) => document.getElementById(id).value, value);
      assert(typed === 'ab', `the host page's input holds "${typed}"`);
    });

    await check('no console errors during the session', async () => {
      assert(consoleErrors.length === 0, consoleErrors.join(' | '));
    });

    await check('draws at devicePixelRatio 2 (crisp text)', async () => {
      const hiDpi = await browser.newContext({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 2 });
      const hiPage = await hiDpi.newPage();
      await hiPage.goto(url);
      await waitFor(hiPage, () => window.__vg && window.__vg.ready, undefined, 30000);
      await framesDrawn(hiPage);
      const size = await hiPage.evaluate(() => {
        const canvas = document.getElementById('canvas');
        return { width: canvas.width, height: canvas.height, css: canvas.getBoundingClientRect().width };
      });
      await hiPage.screenshot({ path: path.join(ARTIFACTS, 'playground-2x.png') });
      await hiDpi.close();
      assert(size.width === Math.round(size.css * 2), `backing store ${size.width} px for ${size.css} CSS px`);
    });
    await context.close();
    await runJobChecks(browser);
  } finally {
    await browser.close();
    stop();
  }
}

main()
  .catch((error) => {
    results.push(false);
    console.log(`not ok - the browser session: ${error.message}`);
  })
  .finally(() => {
    const passed = results.filter(Boolean).length;
    console.log(`browser: ${passed} passed, ${results.length - passed} failed`);
    process.exitCode = results.length - passed === 0 ? 0 : 1;
  });
