// Issue 14, "Any screen": browser zoom and common laptop windows. A 1400x860 window at 200 % zoom
// is a 700x430 CSS px page at devicePixelRatio 2: too short for two columns of panels, so the
// playground is one column that scrolls (ui/layout.cpp), with several catalog rows on the screen;
// a person still makes a video there with the mouse. The browser's text size setting at 200 % does
// the same to the playground's own text. At 1280x720 the two columns fit: the header's controls lie
// inside the window and the form shows its prompt whole.
//
//   node tests/browser/zoom.test.mjs
// Each check opens its own page (VG_CHECK / VG_ORDER: harness.mjs, suite); a console error on that
// page fails the check. Screenshots go to tests/artifacts/zoom-*.png.
import path from 'node:path';

import {
  ARTIFACTS, MAIN, assert, clickControl, framesDrawn, itemIfShown, newestJobEnded, rectOf, reveal, status, suite, typeInto, waitFor,
} from './harness.mjs';

const ZOOMED = { viewport: { width: 700, height: 430 }, deviceScaleFactor: 2 };  // 1400x860 at 200 %: 2 px a CSS px
const zoomed = suite('zoom', { viewport: ZOOMED.viewport, device: { deviceScaleFactor: ZOOMED.deviceScaleFactor } });

// The catalog rows drawn on the screen (its list draws only the rows in sight).
async function rowsOnScreen(page, height) {
  let rows = 0;
  for (let n = 0; n < 12; n++) {
    const row = await itemIfShown(page, `${MAIN}/catalog/models/$$${n}/*`);
    if (!row) break;
    const rect = await rectOf(page, `${MAIN}/catalog/models/$$${n}/*`);
    if (rect.y >= 0 && rect.y + rect.height <= height) rows++;
  }
  return rows;
}

zoomed.check('at 200 % zoom the playground is one column: Generate and several catalog rows on the screen, and a video made with the mouse', async ({ page }) => {
  await framesDrawn(page);
  await page.screenshot({ path: path.join(ARTIFACTS, 'zoom-200.png') });
  const generate = await rectOf(page, 'generate');
  assert(generate.x + generate.width <= ZOOMED.viewport.width && generate.y + generate.height <= ZOOMED.viewport.height,
    `Generate lies at ${JSON.stringify(generate)}, outside the 700x430 page`);
  const rows = await rowsOnScreen(page, ZOOMED.viewport.height);
  assert(rows >= 4, `the catalog shows ${rows} rows on the screen`);
  const search = await rectOf(page, 'search');
  const form = await rectOf(page, 'tab:Form');
  assert(form.y > search.y && Math.abs(form.x - search.x) < 20, `the form (${JSON.stringify(form)}) is not under the catalog (${JSON.stringify(search)})`);

  await reveal(page, 'prompt');
  await typeInto(page, 'prompt', 'a tram crosses a bridge at dusk');
  await waitFor(page, () => window.__vg.requestText.includes('a tram crosses a bridge at dusk'));
  await clickControl(page, 'generate');
  const [job] = await newestJobEnded(page);
  assert(job.state === 'succeeded', `the job ended ${job.state}: ${job.error}`);
  assert((await status(page)).jobs.length === 1, 'one click on Generate made more than one job');
});

// The browser's text size at 200 % (its default font size 32 px, as the person's setting makes the
// root's): the playground's controls and text are twice as large, and a 1400x860 window is then as
// one at 200 % zoom, one column.
zoomed.check('with the browser\'s text at 200 % the controls are twice as large and the layout one column', { viewport: { width: 1400, height: 860 } }, async ({ page }) => {
  await framesDrawn(page);
  const before = await rectOf(page, 'generate');
  await page.addStyleTag({ content: 'html { font-size: 32px; }' });
  await waitFor(page, () => window.__vg.frames > 0);
  let after = before;
  for (let tries = 0; after.height < before.height * 1.5; tries++) {
    assert(tries < 100, `Generate stayed ${after.height} px high (it was ${before.height})`);
    await framesDrawn(page, 1);
    after = await rectOf(page, 'generate');
  }
  assert(Math.abs(after.height - 2 * before.height) < 3, `Generate is ${after.height} px high at 200 % text, ${before.height} at 100 %`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'zoom-text-200.png') });
  const search = await rectOf(page, 'search');
  const form = await rectOf(page, 'tab:Form');
  assert(form.y > search.y && Math.abs(form.x - search.x) < 20, `at 200 % text the form (${JSON.stringify(form)}) is not under the catalog`);
  const prompt = await rectOf(page, 'prompt');
  const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.vg-text-field')).fontSize));
  assert(fontSize >= 28 && prompt.height > 0, `the prompt's text control is set at ${fontSize} px at 200 % text`);
});

zoomed.check('at 1280x720 the two columns fit: the header inside the window, the prompt whole in the form', { viewport: { width: 1280, height: 720 } }, async ({ page }) => {
  await framesDrawn(page);
  await page.screenshot({ path: path.join(ARTIFACTS, 'zoom-1280x720.png') });
  for (const name of ['gateway', 'generate', 'share']) {
    const rect = await rectOf(page, name);
    assert(rect.x >= 0 && rect.x + rect.width <= 1280 && rect.y + rect.height <= 720, `"${name}" lies at ${JSON.stringify(rect)}`);
  }
  const form = await rectOf(page, 'tab:Form');
  const request = await rectOf(page, 'tab:Request JSON');
  assert(request.x > form.x + form.width && Math.abs(request.y - form.y) > 20, 'the form and the request are not two columns');
  const prompt = await rectOf(page, 'prompt');
  assert(prompt.y + prompt.height <= 720 && prompt.x + prompt.width <= request.x, `the prompt lies at ${JSON.stringify(prompt)}`);
});

zoomed.run();
