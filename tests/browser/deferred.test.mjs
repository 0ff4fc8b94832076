// The module in two parts (scripts/split_playground.mjs, web/deferred_wasm.js): the first screen
// runs on playground.wasm alone; the rest, playground.deferred.wasm, comes when a person acts (or,
// for a visitor coming back, whose jobs soon need it, once the first frame is drawn), joins
// without a pause when it arrives first, is loaded at once when a call comes first, and when the
// server stops answering the page says so and keeps what the person made.
//
//   node tests/browser/deferred.test.mjs
// Ends with `deferred: N passed, M failed`; exit status 1 on any failure.
import {
  HOLD, assert, centreOf, collectErrors, framesDrawn, gotoWithFontsLate, status, suite, typeInto, waitFor,
} from './harness.mjs';

const PART = '**/playground.deferred.wasm';

// The page's debug notes of calls that found the second part missing (Emscripten's placeholders).
function placeholderCalls(page) {
  const calls = [];
  page.on('console', (message) => { if (/^placeholder function called/.test(message.text())) calls.push(message.text()); });
  return calls;
}

const requested = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));

const deferred = suite('deferred');

deferred.check('the first screen runs without the second part; a pointer brings it, and it joins before any call needs it', async ({ page }) => {
  const calls = placeholderCalls(page);
  await framesDrawn(page);
  assert(!(await requested(page)).includes('/playground.deferred.wasm'), 'the second part was fetched before anyone acted');
  await page.mouse.move(300, 300);
  await waitFor(page, () => window.VideoGenDeferred.state.instance, undefined, 60000);
  await typeInto(page, 'prompt', 'a heron lifts off the river at dawn');
  await waitFor(page, () => (window.__vg.requestText || '').includes('a heron lifts off the river at dawn'));
  assert(calls.length === 0, `calls found the second part missing: ${calls.join(', ')}`);
});

deferred.check('a slow connection: fonts that come after the module started draw the first screen without the second part', { start: null }, async ({ context, url, errors }) => {
  const page = collectErrors(await context.newPage(), errors);
  await gotoWithFontsLate(page, url);
  await waitFor(page, () => window.__vg.readyAt && window.__vg.fontSlicesPending === 0, undefined, 60000);
  await framesDrawn(page);
  assert(!(await requested(page)).includes('/playground.deferred.wasm'), 'the fonts\' late arrival brought the second part');
});

deferred.check('a visitor coming back gets the second part once the first frame is drawn, before acting: their jobs soon need it', async ({ page }) => {
  await waitFor(page, () => window.__vg.historyLoaded);
  assert(!(await requested(page)).includes('/playground.deferred.wasm'), 'a first visit fetched the second part before anyone acted');
  await page.reload();
  await waitFor(page, () => window.__vg && window.__vg.readyAt && window.VideoGenDeferred.state.compiled, undefined, 60000);
  assert((await requested(page)).includes('/playground.deferred.wasm'), 'the second part came from somewhere other than its file');
});

deferred.check('a call that comes before the download has finished loads the second part at once, and works', async ({ page }) => {
  const calls = placeholderCalls(page);
  // The download a pointer starts never finishes; the synchronous request the call makes is answered.
  let downloads = 0;
  await page.route(PART, (route) => (downloads++ === 0 ? undefined : route.continue()));
  await typeInto(page, 'prompt', 'rain on a tin roof');
  await waitFor(page, () => (window.__vg.requestText || '').includes('rain on a tin roof'));
  assert(calls.length > 0, 'no call came before the second part had joined: this check tests nothing');
  assert(downloads === 2, `expected the held download and one synchronous load, saw ${downloads} requests`);
  const { faults = [] } = await status(page);
  assert(faults.length === 0, `faults: ${JSON.stringify(faults)}`);
});

deferred.check('a server that stops answering: the note says what failed and what to do, the request is kept, and the page works once the server answers',
  { allowErrors: [/could not load the rest of the playground|loading the rest of the playground|Failed to load resource/] }, async ({ page }) => {
    await page.route(PART, (route) => route.abort('connectionfailed'));
    const before = (await status(page)).requestText;
    // A click into an ImGui text field (the catalog's search): its editing is not on the first screen.
    const search = await centreOf(page, 'search');
    await page.mouse.click(search.x, search.y, HOLD);
    await waitFor(page, () => (window.__vg.faults || []).some((f) => f.what === 'loading the rest of the playground'), undefined, 30000);
    const note = await page.locator('#vg-fault').innerText();
    assert(/could not load the rest of the playground \(.*playground\.deferred\.wasm\): .*check the connection and reload the page/.test(note), `the note: ${note}`);
    assert(/Your request, jobs and history are kept/.test(note), `the note: ${note}`);
    await framesDrawn(page);
    assert((await status(page)).requestText === before, 'the request changed while the page could not load its second part');

    await page.unroute(PART);
    await typeInto(page, 'prompt', 'the server is back');
    await waitFor(page, () => (window.__vg.requestText || '').includes('the server is back'));
  });

deferred.run();
