// Issue 13, fonts on demand: the page loads the Latin slice of its fonts with the app and fetches a
// slice of Chinese, Japanese, Korean or emoji glyphs only the first time text needs one of them
// (wasm/app/ui/font_slices.txt). Typing "café 東京 🎬" into the prompt shows those characters and
// Generate sends them byte for byte as `vgen build` writes them.
//
//   node tests/browser/fonts.test.mjs
// Each check opens its own page (VG_CHECK / VG_ORDER: harness.mjs, suite). Ends with
// `fonts: N passed, M failed` and exits 1 on any failure. Screenshots go to tests/artifacts/.
import path from 'node:path';

import {
  ARTIFACTS, assert, framesDrawn, focusField, leaveActiveField, openPage, openTab, pressCtrlEnter, rectOf, shareFragment,
  status, suite, vgenBuild, waitFor,
} from './harness.mjs';

const REQUEST = { model: 'klingai/kling-v2.6-t2v', prompt: '', duration: 5 };
const TYPED = 'café 東京 🎬';
// The slice each character of TYPED needs beyond the Latin one (generated from font_slices.txt).
const SLICES = { 東: 'fonts/cjk-han-6600.otf', 京: 'fonts/cjk-han-4e00.otf', '🎬': 'fonts/emoji-1f300.ttf' };
const LATIN = ['fonts/ui-latin.ttf', 'fonts/mono-latin.ttf'];

const fonts = suite('fonts');

// Every font file the page asked for, in order, as paths relative to the site.
function watchFonts(page) {
  const asked = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/fonts/')) asked.push(pathname.slice(1));
  });
  return asked;
}

// Types `text` into the active field as a keyboard of a layout that has each character does: ASCII
// through Playwright's keys, any other character as a key whose text it is (keyboard.type would
// send it as IME insertText, which a canvas never sees). Each character waits for the prompt to
// hold it, so a lost or doubled key fails at that key.
async function typeAsPerson(page, text, typedBefore) {
  const cdp = await page.context().newCDPSession(page);
  let typed = typedBefore;
  for (const character of text) {
    if (character.charCodeAt(0) < 0x80) {
      await page.keyboard.type(character);
    } else {
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: character, text: character, unmodifiedText: character });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: character });
    }
    typed += character;
    await waitFor(page, (expected) => JSON.parse(window.__vg.requestText).prompt === expected, typed);
  }
  await cdp.detach();
}

// Opens the playground with an empty prompt, types TYPED into it and leaves the field; returns the
// page, the font files it asked for and the pixels of the Request JSON editor, which ImGui draws
// with the prompt in it (the prompt's own field is the browser's text control, in the browser's fonts).
async function typeIntoPrompt(context, url, { blockSlices = false } = {}) {
  if (blockSlices) await context.route((u) => /^\/fonts\/(cjk|emoji)-/.test(u.pathname), (route) => route.abort());
  const { page, errors } = await openPage(context, url + shareFragment(REQUEST));
  const asked = watchFonts(page);
  await focusField(page, 'prompt');
  await typeAsPerson(page, 'café ', '');
  await framesDrawn(page);
  assert(asked.length === 0, `typing Latin text fetched ${asked.join(', ')}`);
  await typeAsPerson(page, '東京 🎬', 'café ');
  const wanted = Object.values(SLICES);
  // Every slice asked for (and, when not blocked, arrived and drawn).
  const deadline = Date.now() + 30000;
  while (!wanted.every((file) => asked.includes(file))) {
    assert(Date.now() < deadline, `the page asked for ${JSON.stringify(asked)}, not ${JSON.stringify(wanted)}`);
    await framesDrawn(page, 1);
  }
  if (!blockSlices) {
    await waitFor(page, () => window.__vg.fontSlicesPending === 0);
  }
  await leaveActiveField(page);
  await framesDrawn(page);
  const pixels = await page.screenshot({ clip: await rectOf(page, 'editor') });
  return { page, errors, asked, pixels };
}

fonts.check('the first visit loads only the Latin slices; CJK and emoji slices come when typed, and are drawn',
  { start: null }, async ({ context, url }) => {
    const { page: first } = await openPage(context, url);
    const loaded = await first.evaluate(() => performance.getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname.slice(1)).filter((p) => p.startsWith('fonts/')));
    assert(JSON.stringify([...loaded].sort()) === JSON.stringify([...LATIN].sort()),
      `the first visit loaded the fonts ${JSON.stringify(loaded)}`);
    await first.close();

    const shown = await typeIntoPrompt(context, url);
    for (const [character, file] of Object.entries(SLICES)) {
      assert(shown.asked.filter((f) => f === file).length === 1, `${file} (for ${character}) was asked for ${shown.asked.filter((f) => f === file).length} times`);
    }
    assert(shown.asked.length === Object.keys(SLICES).length, `typing fetched ${JSON.stringify(shown.asked)}`);
    await shown.page.screenshot({ path: path.join(ARTIFACTS, 'fonts-typed-prompt.png') });

    // The same typing with those slices unreachable: the request's text then shows ImGui's fallback
    // glyph, so its pixels differ from the drawn characters above.
    const blocked = await typeIntoPrompt(context, url, { blockSlices: true });
    assert(!shown.pixels.equals(blocked.pixels), 'the request\'s text looks the same with and without the CJK and emoji slices');
    await blocked.page.screenshot({ path: path.join(ARTIFACTS, 'fonts-slices-blocked.png') });
    assert((await status(blocked.page)).requestText.includes(TYPED), 'without the slices the prompt lost its text');
  });

fonts.check('"café 東京 🎬" typed into the prompt is shown in Jobs and History and sent byte for byte as vgen build writes it',
  { start: null }, async ({ context, url }) => {
    const bodies = [];
    await context.route((u) => u.pathname === '/v2/videos/generate', (route) => {
      if (route.request().method() === 'POST') bodies.push(route.request().postDataBuffer());
      return route.continue();
    });
    const { page } = await typeIntoPrompt(context, url);
    const request = JSON.parse((await status(page)).requestText);
    assert(request.prompt === TYPED, `the request's prompt is ${JSON.stringify(request.prompt)}`);
    await pressCtrlEnter(page);
    await waitFor(page, () => window.__vg.jobs && window.__vg.jobs.length > 0 && window.__vg.jobs[0].state === 'succeeded',
      undefined, 180000);
    assert(bodies.length === 1, `${bodies.length} submits were sent`);
    const built = JSON.parse(vgenBuild(request, { from: 'aisdk', to: 'jobs' })).body;
    const sent = bodies[0];
    assert(sent.includes(Buffer.from(JSON.stringify(TYPED), 'utf8')),
      `the submit does not carry the prompt's UTF-8 bytes: ${sent.toString('utf8').slice(0, 300)}`);
    assert(JSON.stringify(JSON.parse(sent.toString('utf8'))) === JSON.stringify(built),
      `Generate sent ${sent.toString('utf8').slice(0, 300)}, vgen build writes ${JSON.stringify(built).slice(0, 300)}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'fonts-jobs.png') });
    await openTab(page, 'History', () => window.__vg.historyLoaded);
    await framesDrawn(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'fonts-history.png') });
  });

fonts.run();
