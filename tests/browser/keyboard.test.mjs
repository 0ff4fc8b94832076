// Issue 14, "Keyboard and assistive tech": the playground without a mouse. Tab and Shift+Tab go from
// control to control through the header and every panel in reading order, Enter goes into the
// catalog's list, the arrows move in it, Enter picks, Esc leaves; a focus ring shows where the
// keyboard is; Ctrl+Enter generates once, whatever control has the focus ring.
//
//   node tests/browser/keyboard.test.mjs
// Each check opens its own page (VG_CHECK / VG_ORDER: harness.mjs, suite); a console error on that
// page fails the check. Ends with `keyboard: N passed, M failed`; exit 1 on any failure. Site:
// $VG_SITE_DIR, else $VG_WASM_DIR/site-test, else build/wasm/site-test. Screenshots:
// tests/artifacts/keyboard-*.png.
import path from 'node:path';

import {
  ARTIFACTS, MAIN, alias, assert, framesDrawn, item, keyboardFocus, newestJobEnded, press, status, suite, waitFor, waitForUi,
} from './harness.mjs';
import { decodePng } from './png.mjs';

// ImGuiCol_NavCursor of the dark style (ui_style.cpp starts from StyleColorsDark): the ring's colour.
const RING = [66, 150, 250];

// Presses `key` until the keyboard reaches `name` (its navigation or, for a text field, its typing),
// at most `limit` times; returns the number of presses.
async function pressUntil(page, key, name, limit = 40) {
  const { id } = await item(page, name);
  for (let presses = 1; presses <= limit; presses++) {
    await press(page, key);
    await framesDrawn(page);
    const focus = await keyboardFocus(page);
    if (focus.nav === id || focus.active === id) return presses;
  }
  throw new Error(`${limit} presses of ${key} never reached "${name}" (now at ${JSON.stringify(await keyboardFocus(page))})`);
}

// Pixels of the ring's colour in the band `margin` px wide around the item `name` (outside it).
async function ringPixels(page, name, file, margin = 6) {
  const { rect: [x, y, width, height] } = await item(page, name);
  const canvas = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().toJSON());
  const clip = { x: canvas.x + x - margin, y: canvas.y + y - margin, width: width + 2 * margin, height: height + 2 * margin };
  const shot = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, file), clip }));
  let count = 0;
  for (let row = 0; row < shot.height; row++) {
    for (let column = 0; column < shot.width; column++) {
      const inside = row >= margin && row < shot.height - margin && column >= margin && column < shot.width - margin;
      if (inside) continue;
      const o = (row * shot.width + column) * shot.channels;
      if (RING.every((value, channel) => Math.abs(shot.pixels[o + channel] - value) < 40)) count++;
    }
  }
  return count;
}

const keyboard = suite('keyboard');
alias({ 'catalog-list': `${MAIN}/catalog/models` });  // the catalog's scrolling table, one stop for Tab

keyboard.check('the keyboard alone picks a model, writes the prompt and makes a video', { start: '' }, async ({ page }) => {
  await page.focus('#canvas');
  let presses = await pressUntil(page, 'Tab', 'search');
  await page.keyboard.type('sora-2-pro', { delay: 15 });
  presses += 'sora-2-pro'.length;
  await waitFor(page, () => window.__vg.visibleRows === 1);
  presses += await pressUntil(page, 'Tab', 'catalog-list');
  await press(page, 'Enter');  // into the list: on its column headers
  presses++;
  presses += await pressUntil(page, 'ArrowDown', 'first-row', 3);
  assert((await status(page)).selected !== 'openai/sora-2-pro', 'moving in the list picked the model already');
  await press(page, 'Enter');
  presses++;
  await waitFor(page, () => window.__vg.selected === 'openai/sora-2-pro');
  // Esc while the row is still held by the Enter (its key-up not yet drawn) only lets go of the row
  // (ImGui's cancel): a person presses it once the list shows the pick, and again if the ring stays.
  await waitForUi(page, (ui) => ui.active === 0, 'the picked row to let go of Enter');
  presses += await pressUntil(page, 'Escape', 'catalog-list', 2);
  presses += await pressUntil(page, 'Tab', 'prompt');
  await press(page, 'Control+A');
  const prompt = 'a paper crane unfolds on a desk';
  await page.keyboard.type(prompt, { delay: 15 });
  presses += 1 + prompt.length;
  await waitFor(page, (text) => window.__vg.requestText.includes(text), prompt);
  await page.screenshot({ path: path.join(ARTIFACTS, 'keyboard-form.png') });
  await press(page, 'Control+Enter');
  presses++;
  const jobs = await newestJobEnded(page);
  assert(jobs[0].state === 'succeeded', `the job ended ${jobs[0].state}: ${jobs[0].error}`);
  await waitFor(page, () => {
    const video = document.querySelector('video');
    return video && video.readyState >= 2;
  }, undefined, 30000);
  const { selected } = await status(page);
  assert(selected === 'openai/sora-2-pro', `the video was made with ${selected}`);
  console.log(`# figure: a video from the keyboard alone: ${presses} key presses, ${presses - 'sora-2-pro'.length - prompt.length} of them not typing text`);
});

keyboard.check('the focus ring shows where the keyboard is, and Ctrl+Enter on a focused Generate makes one job', { start: '' }, async ({ page }) => {
  await page.focus('#canvas');
  const before = await ringPixels(page, 'generate', 'keyboard-ring-none.png');
  await pressUntil(page, 'Tab', 'generate');
  const focus = await keyboardFocus(page);
  assert(focus.ring, 'the keyboard is on Generate but no ring is drawn (NavCursorVisible is off)');
  const after = await ringPixels(page, 'generate', 'keyboard-ring-generate.png');
  assert(after > 40 && after > 4 * before, `around Generate ${after} ring-coloured pixels with the focus, ${before} without`);
  await press(page, 'Control+Enter');
  const jobs = await newestJobEnded(page);
  assert(jobs.length === 1, `Ctrl+Enter on a focused Generate made ${jobs.length} jobs`);
  assert(jobs[0].state === 'succeeded', `the job ended ${jobs[0].state}: ${jobs[0].error}`);
});

keyboard.check('Shift+Tab goes back the way Tab came', { start: '' }, async ({ page }) => {
  await page.focus('#canvas');
  await pressUntil(page, 'Tab', 'share');
  await pressUntil(page, 'Shift+Tab', 'generate', 1);
  await pressUntil(page, 'Shift+Tab', 'gateway', 1);
});

keyboard.run();
