// The playground on a phone (issue 14, "Any screen"): 390x844 CSS px at devicePixelRatio 2, a touch
// screen and nothing else. One column that scrolls, Generate on the screen, controls a finger can
// hit (44 CSS px or more), and touch as a mobile page takes it: a swipe scrolls what is under the
// finger and never moves a slider; a tap or a finger held still presses. Every input here is a
// finger: taps (page.touchscreen) and swipes (CDP Input.dispatchTouchEvent), never the mouse or keys;
// text comes as the phone's keyboard sends it (page.keyboard.insertText: one input, no key events).
//
//   node tests/browser/narrow.test.mjs
// Screenshots go to tests/artifacts/narrow-*.png.
import path from 'node:path';

import {
  ARTIFACTS, assert, framesDrawn, inTab, item, itemIfShown, newestJobEnded, probeUrl, rectOf, status, suite, waitFor, waitForItem, waitForUi,
} from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const FINGER = 44;  // CSS px: the least height of a control a finger presses (wasm/app/ui/ui_style.h kFingerCss)
// Kling 3.0, the catalog's second row: its duration (3 to 15 s) is a slider.
const SLIDER_MODEL = 'klingai/kling-v3.0';
const DURATION = `${inTab('Form')}/**/\\/duration/##value`;

const narrow = suite('narrow', { viewport: PHONE.viewport, device: PHONE });

// ---- a finger ------------------------------------------------------------------------------------
const touchSessions = new WeakMap();
function touchSession(page) {
  if (!touchSessions.has(page)) touchSessions.set(page, page.context().newCDPSession(page));
  return touchSessions.get(page);
}
const touchAt = (cdp, type, point) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: point ? [point] : [] });

// Waits until a flick's glide (web/touch.js) has ended and the frames after it are drawn.
async function settled(page) {
  await waitFor(page, () => !window.__vg.gliding, undefined, 30000);
  await framesDrawn(page);
}

// A swipe from `from` by (dx, dy) CSS px: the finger lands, moves 20 px at a time, each move seen by
// a drawn frame (a person's swipe, not a teleport), and lifts; then whatever glide it started ends.
// What a person's finger did on the page so far (the figure of a first video on a phone).
const gestures = { taps: 0, swipes: 0 };

async function swipe(page, from, dx, dy) {
  gestures.swipes++;
  const cdp = await touchSession(page);
  const steps = Math.max(2, Math.ceil(Math.hypot(dx, dy) / 20));
  // The landing and the first move go together: nothing waits between them that a finger would not.
  await Promise.all([touchAt(cdp, 'touchStart', from),
    touchAt(cdp, 'touchMove', { x: from.x + dx / steps, y: from.y + dy / steps })]);
  for (let i = 2; i <= steps; i++) {
    await framesDrawn(page, 1);
    await touchAt(cdp, 'touchMove', { x: from.x + (dx * i) / steps, y: from.y + (dy * i) / steps });
  }
  await touchAt(cdp, 'touchEnd');
  await settled(page);
}

// Where a swipe scrolls the page itself: its right margin, outside every panel (inside one, a list
// would scroll first).
const PAGE_EDGE_X = PHONE.viewport.width - 4;

// Swipes the page until `name` lies between `top` and `bottom` (CSS px; by default: whole on the
// screen). An item not drawn (scrolled out of sight) lies further down the page: the suite only
// looks for what comes after what it last saw.
async function revealBySwipe(page, name, { top = 0, bottom = PHONE.viewport.height } = {}) {
  for (let turn = 0; turn < 40; turn++) {
    const shown = await itemIfShown(page, name);
    const rect = shown && await rectOf(page, name);
    if (rect && rect.y >= top && rect.y + rect.height <= bottom) return rect;
    // Content follows the finger: a swipe up brings what lies below up.
    const below = !rect || rect.y + rect.height > bottom;
    const still = !rect ? 300 : below ? rect.y + rect.height - bottom : top - rect.y;
    const dy = (below ? -1 : 1) * Math.min(300, still + 20);
    const middle = PHONE.viewport.height / 2;
    await swipe(page, { x: PAGE_EDGE_X, y: middle - dy / 2 }, 0, dy);
  }
  throw new Error(`swiping did not bring "${name}" between ${top} and ${bottom}: it is at ${JSON.stringify(await itemIfShown(page, name))}`);
}

async function tap(page, name) {
  const r = await rectOf(page, name);
  gestures.taps++;
  await page.touchscreen.tap(r.x + r.width / 2, r.y + r.height / 2);
  await framesDrawn(page);
}

const requestText = async (page) => (await status(page)).requestText;
const duration = async (page) => JSON.parse(await requestText(page)).duration;

// Picks the slider model with a tap on its catalog row.
async function pickSliderModel(page) {
  const row = await item(page, 'second-row');
  assert(row.label === SLIDER_MODEL, `the catalog's second row is ${row.label}, not ${SLIDER_MODEL}`);
  await tap(page, 'second-row');
  await waitFor(page, (id) => window.__vg.selected === id, SLIDER_MODEL);
  return waitForItem(page, DURATION);
}

// ---- the checks -----------------------------------------------------------------------------------
narrow.check('one column: Generate is on the screen and every control is finger-sized', async ({ page }) => {
  await framesDrawn(page);
  await page.screenshot({ path: path.join(ARTIFACTS, 'narrow-start.png') });
  const generate = await rectOf(page, 'generate');
  assert(generate.x >= 0 && generate.x + generate.width <= PHONE.viewport.width && generate.y + generate.height <= PHONE.viewport.height,
    `Generate lies at ${JSON.stringify(generate)}, not inside the 390x844 screen`);
  const search = await rectOf(page, 'search');
  const form = await rectOf(page, 'tab:Form');
  assert(form.y > search.y && Math.abs(form.x - search.x) < 20, `the form (${JSON.stringify(form)}) is not under the catalog (${JSON.stringify(search)})`);
  const sizes = {};
  for (const name of ['generate', 'gateway', 'share', 'search', 'first-row', 'tab:Form', 'tab:Direct', 'mode']) {
    const { width, height } = await rectOf(page, name);
    sizes[name] = height;
    assert(height >= FINGER, `"${name}" is ${height} px high: a finger needs ${FINGER}`);
    assert(width <= PHONE.viewport.width, `"${name}" is ${width} px wide: wider than the screen`);
  }
  console.log(`# control heights at 390x844 (CSS px): ${JSON.stringify(sizes)}`);
});

narrow.check('a swipe over the form scrolls it and leaves its slider alone; a tap and a held finger move it', async ({ page }) => {
  await pickSliderModel(page);
  const slider = await revealBySwipe(page, DURATION, { top: 300, bottom: PHONE.viewport.height - 100 });
  assert(slider.height >= FINGER, `the slider is ${slider.height} px high`);
  const before = await requestText(page);
  // The swipe starts on the slider itself and goes up across it.
  await swipe(page, { x: slider.x + slider.width * 0.3, y: slider.y + slider.height / 2 }, 0, -200);
  const after = await rectOf(page, DURATION);
  assert(after.y < slider.y - 150, `the form did not follow the finger: the slider went from y ${slider.y} to ${after.y}`);
  assert(await requestText(page) === before, 'the swipe changed the request (it dragged the slider)');
  assert(!(await item(page, DURATION)).active, 'the slider is active after a swipe');
  await page.screenshot({ path: path.join(ARTIFACTS, 'narrow-form.png') });

  // A tap near the slider's left end sets about its least value.
  const shown = await revealBySwipe(page, DURATION);
  await page.touchscreen.tap(shown.x + 4, shown.y + shown.height / 2);
  await waitFor(page, () => JSON.parse(window.__vg.requestText).duration === 3);

  // A finger held still takes the slider (it turns active), then drags it to the right.
  const cdp = await touchSession(page);
  const { id } = await item(page, DURATION);
  const start = { x: shown.x + 4, y: shown.y + shown.height / 2 };
  await touchAt(cdp, 'touchStart', start);
  await waitForUi(page, (ui) => ui.active === id, 'the held finger to take the slider');
  await touchAt(cdp, 'touchMove', { x: shown.x + shown.width - 4, y: start.y });
  await framesDrawn(page);
  await touchAt(cdp, 'touchEnd');
  await waitFor(page, () => JSON.parse(window.__vg.requestText).duration === 15);
});

narrow.check('the prompt: a swipe that starts on it scrolls the form; a tap gives it the phone\'s keyboard', async ({ page }) => {
  await pickSliderModel(page);
  const prompt = await revealBySwipe(page, 'prompt', { top: 350, bottom: PHONE.viewport.height - 50 });
  const before = await requestText(page);
  await swipe(page, { x: prompt.x + prompt.width / 2, y: prompt.y + prompt.height / 2 }, 0, -200);
  const after = await rectOf(page, 'prompt');
  assert(after.y < prompt.y - 150, `the form did not follow a finger on the prompt: it went from y ${prompt.y} to ${after.y}`);
  assert(await requestText(page) === before, 'the swipe changed the request');
  const shown = await revealBySwipe(page, 'prompt');
  await page.touchscreen.tap(shown.x + shown.width - 8, shown.y + shown.height - 8);  // after its text
  const { id } = await item(page, 'prompt');
  await waitForUi(page, (ui) => ui.textField === id, 'a tap to give the prompt\'s text control the keyboard');
  await page.keyboard.insertText(' by the sea');
  await waitFor(page, () => JSON.parse(window.__vg.requestText).prompt.includes(' by the sea'));
  await page.screenshot({ path: path.join(ARTIFACTS, 'narrow-prompt.png') });
});

narrow.check('with taps alone: pick a model, Generate, and the video plays', async ({ page }) => {
  Object.assign(gestures, { taps: 0, swipes: 0 });
  await pickSliderModel(page);
  // The shortest video the model makes: a tap at the slider's left end.
  const slider = await revealBySwipe(page, DURATION);
  gestures.taps++;
  await page.touchscreen.tap(slider.x + 4, slider.y + slider.height / 2);
  await waitFor(page, () => JSON.parse(window.__vg.requestText).duration === 3);
  const generate = await revealBySwipe(page, 'generate:after-form');
  assert(generate.x >= 0 && generate.x + generate.width <= PHONE.viewport.width && generate.height >= FINGER,
    `the Generate after the form lies at ${JSON.stringify(generate)}`);
  await tap(page, 'generate:after-form');
  console.log(`# figure: a first video on a phone (390x844, the model's own prompt, the shortest duration): ${gestures.taps} taps and ${gestures.swipes} swipes to Generate`);
  const [job] = await newestJobEnded(page);
  assert(job.state === 'succeeded', `the job ended ${job.state}: ${job.error}`);
  await revealBySwipe(page, 'tab:Jobs', { bottom: 160 });
  await waitFor(page, () => {
    const video = document.querySelector('video');
    return video && video.readyState >= 2 && video.currentTime > 0.2 && video.style.visibility === 'visible';
  }, undefined, 30000);
  const box = await page.evaluate(() => document.querySelector('video').getBoundingClientRect().toJSON());
  assert(box.x >= 0 && box.x + box.width <= PHONE.viewport.width + 0.5, `the video lies at ${JSON.stringify(box)}: off the screen's sides`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'narrow-result.png') });
  const link = await page.evaluate(() => document.querySelector('#vg-mirror a').href);
  const probed = await probeUrl(link);
  const video = probed.streams.find((s) => s.codec_type === 'video');
  assert(video && Math.abs(Number(probed.format.duration) - (await duration(page))) < 0.5,
    `the result is ${JSON.stringify(probed)}; ${await duration(page)} s of video were asked`);
});

narrow.run();
