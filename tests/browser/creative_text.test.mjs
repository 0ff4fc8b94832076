// The Direct tab's text editors in headless Chromium, used as a person would (clicks and typing on
// the canvas): the multi-shot storyboard (shots, reorder by button and by drag, durations fitted to
// the video or the video to them, off again), voices and elements (exclusive: the editor asks before
// removing; audio turned on; <<<voice_1>>> inserted into the prompt) and prompt help (seed 003's
// hints, a template filled in and used). After each, the request Generate would send (__vg.submit)
// must be exactly what `vgen build --to jobs --from aisdk` prints for the equivalent request written
// here by hand. Screenshots go to tests/artifacts/.
//
//   VG_NATIVE_DIR=/work/main/build/native node tests/browser/creative_text.test.mjs
// Site: $VG_SITE_DIR, else $VG_WASM_DIR/site-test, else build/wasm/site-test. Core: $VG_NATIVE_DIR, else build/native.
// Each check opens its own page at a share link (a step that builds on earlier edits starts from the
// request they made), and fails on any console error there (VG_CHECK / VG_ORDER: harness.mjs, suite).
// Ends with `creative_text: N passed, M failed`; exit 1 on any failure.
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import {
  ARTIFACTS, assert, centreOf, clickControl, framesDrawn, itemIfShown, openTab, pasteInto, reveal, status, suite, typeInto, vgenBuild,
  waitFor, waitForGone, waitForItem,
} from './harness.mjs';

// ---- helpers --------------------------------------------------------------------------------------


async function assertSubmit(page, request, what) {
  const expected = vgenBuild(request);
  try {
    await waitFor(page, (e) => (window.__vg.submit || '').trim() === e, expected, 5000);
  } catch {
    const s = await status(page);
    throw new Error(`${what}: __vg.submit is not what vgen builds\n  got      ${s.submit || `(nothing; diagnostics at ${JSON.stringify(s.formPaths)})`}\n  expected ${expected}`);
  }
}

// The editor's request (aisdk), parsed; {} while it does not parse.
const request = (page) => page.evaluate(() => { try { return JSON.parse(window.__vg.requestText); } catch { return {}; } });
const kling = async (page) => ((await request(page)).providerOptions || {}).klingai || {};

// A click that must change something: the harness's click leaves an active text field first (ImGui
// 1.86 spends a click on that, as it does for a person), then clicks once; `done` must then hold: a
// page predicate, or {shown: name} / {gone: name} for an item that appears or goes.
async function clickUntil(page, name, done, arg) {
  await clickControl(page, name);
  const outcome = done.shown ? waitForItem(page, done.shown, 20000)
    : done.gone ? waitForGone(page, done.gone, 20000) : waitFor(page, done, arg, 20000);
  await outcome.catch((error) => {
    throw new Error(`clicking "${name}" did not do it: ${error.message}`);
  });
}

// Pastes `text` over what the text field `name` holds (typing is checked in run.mjs and for the
// short fields here: each key re-validates the request, seconds a key on a busy machine), then
// waits until the request has it.
async function pasteIntoRequest(page, name, text) {
  await pasteInto(page, name, text);
  await waitFor(page, (t) => window.__vg.requestText.includes(t), text, 20000).catch((error) => {
    throw new Error(`pasting into "${name}" did not reach the request: ${error.message}`);
  });
}


// ---- the checks -----------------------------------------------------------------------------------
// Each check opens its own page at the request it starts from (harness.mjs: suite).
const creative = suite('creative_text');

// ---- storyboard -----------------------------------------------------------------------------------

const story = { model: 'klingai/kling-v3.0-t2v', prompt: "A lighthouse keeper's evening", duration: 10 };
const [a, b, c] = ['The keeper climbs the spiral stairs', 'The lamp turns on and sweeps the sea', 'Waves crash against the rocks'];
// The request with multi-shot on and these shots ([prompt, seconds]), as the editor writes it.
const shots = (list) => ({ ...story, providerOptions: { klingai: { multiShot: true, shotType: 'customize',
  multiPrompt: list.map(([prompt, seconds], i) => ({ index: i + 1, prompt, duration: String(seconds) })) } } });
// What each step leaves: two empty shots, then a, c, b fitted to 10 s, then b dragged first.
const twoShots = shots([['', 5], ['', 5]]);
const fitted = shots([[a, 4], [c, 3], [b, 3]]);
const dragged = shots([[b, 3], [a, 4], [c, 3]]);

creative.check('storyboard: multi-shot on gives two shots sharing the video\'s 10 s', { start: story }, async ({ page }) => {
  await assertSubmit(page, story, 'before any edit');
  await openTab(page, 'Direct', 'storyboard:on');
  await clickUntil(page, 'storyboard:on', () => /multiPrompt/.test(window.__vg.requestText));
  const options = await kling(page);
  assert(options.multiShot === true && options.shotType === 'customize', `multiShot/shotType: ${JSON.stringify(options)}`);
  assert(JSON.stringify(options.multiPrompt.map((s) => s.duration)) === '["5","5"]', `shots: ${JSON.stringify(options.multiPrompt)}`);
  // what the next check starts from
  assert(isDeepStrictEqual(options, twoShots.providerOptions.klingai), `multi-shot on wrote ${JSON.stringify(options)}`);
});

creative.check('storyboard: prompts pasted in, a third shot, reorder by button, durations fitted after a change', { start: twoShots }, async ({ page }) => {
  await openTab(page, 'Direct', 'shot2:prompt');
  await pasteIntoRequest(page, 'shot1:prompt', a);
  await pasteIntoRequest(page, 'shot2:prompt', b);
  await clickUntil(page, 'storyboard:add', () => (window.__vg.requestText.match(/"index"/g) || []).length === 3);
  await pasteIntoRequest(page, 'shot3:prompt', c);
  // Shot 3 up one place: a, c, b.
  await clickUntil(page, 'shot3:up', (t) => {
    const list = JSON.parse(window.__vg.requestText).providerOptions.klingai.multiPrompt;
    return list[1].prompt === t;
  }, c);
  // One second more on shot 1: 5 + 3 + 3 = 11 s against 10, which the core refuses.
  await clickUntil(page, 'shot1:longer', () => JSON.parse(window.__vg.requestText).providerOptions.klingai.multiPrompt[0].duration === '5');
  await waitFor(page, () => !window.__vg.canGenerate);
  const s = await status(page);
  assert(s.formPaths.includes('/providerOptions/klingai/multiPrompt'), `no diagnostic at multiPrompt: ${JSON.stringify(s.formPaths)}`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'storyboard-mismatch.png') });
  await clickUntil(page, 'storyboard:fit', () => window.__vg.canGenerate);
  await assertSubmit(page, fitted, 'three shots fitted to 10 s');
  await page.screenshot({ path: path.join(ARTIFACTS, 'storyboard.png') });
});

creative.check('storyboard: a shot dragged by its handle onto the first moves there', { start: fitted }, async ({ page }) => {
  await openTab(page, 'Direct', 'shot3:handle');
  await reveal(page, 'shot3:handle');
  await reveal(page, 'shot1:handle');
  const from = await centreOf(page, 'shot3:handle'), to = await centreOf(page, 'shot1:handle');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await framesDrawn(page, 1);
  for (let step = 1; step <= 12; step++) {
    await page.mouse.move(from.x + (to.x - from.x) * step / 12 + 6, from.y + (to.y - from.y) * step / 12, { steps: 2 });
    await framesDrawn(page, 1);  // each step seen by a frame
  }
  await page.mouse.up();
  await waitFor(page, (t) => JSON.parse(window.__vg.requestText).providerOptions.klingai.multiPrompt[0].prompt === t, b);
  await assertSubmit(page, dragged, 'after the drag');
});

creative.check('storyboard: "Make the video N s" follows the shots; multi-shot off removes every member', { start: dragged }, async ({ page }) => {
  await openTab(page, 'Direct', 'shot3:longer');
  await clickUntil(page, 'shot3:longer', () => JSON.parse(window.__vg.requestText).providerOptions.klingai.multiPrompt[2].duration === '4');
  await clickUntil(page, 'storyboard:set-duration', () => JSON.parse(window.__vg.requestText).duration === 11);
  await assertSubmit(page, { ...shots([[b, 3], [a, 4], [c, 4]]), duration: 11 }, 'the video lengthened to the shots');
  await clickUntil(page, 'storyboard:on', () => !/multiPrompt|multiShot|shotType/.test(window.__vg.requestText));
  await assertSubmit(page, { ...story, duration: 11 }, 'multi-shot off');
});

// ---- voices and elements --------------------------------------------------------------------------

const fisherman = 'An old fisherman mends a net on the pier, then looks up. The fisherman';
const pier = { model: 'klingai/kling-v3.0-t2v', prompt: fisherman, duration: 5 };
// What the element check leaves: one element.
const withElement = { ...pier, providerOptions: { klingai: { elementList: [{ elementId: 'hat_01' }] } } };

creative.check('voices: an element typed as JSON is added to elementList', { start: pier }, async ({ page }) => {
  await openTab(page, 'Direct', 'element:new');
  await typeInto(page, 'element:new', '{"elementId": "hat_01"}');
  await clickUntil(page, 'element:add', () => window.__vg.requestText.includes('hat_01'));
  await assertSubmit(page, withElement, 'one element');
});

creative.check('voices: adding a voice asks before removing the elements, then audio on and <<<voice_1>>> inserted', { start: withElement }, async ({ page }) => {
  await openTab(page, 'Direct', 'voice:new');
  await typeInto(page, 'voice:new', 'fisherman_voice');
  await clickUntil(page, 'voice:add', { shown: 'confirm:replace' });
  await page.screenshot({ path: path.join(ARTIFACTS, 'voices-confirm.png') });
  const asked = await kling(page);
  assert(asked.elementList && !asked.voiceList, `asking changed the request: ${JSON.stringify(asked)}`);
  await clickUntil(page, 'confirm:replace', () => window.__vg.requestText.includes('fisherman_voice') && !window.__vg.requestText.includes('hat_01'));
  // Voices need sound on: the core refuses until the button sets it.
  await waitFor(page, () => !window.__vg.canGenerate);
  await clickUntil(page, 'voice:requirement', () => /"sound": "on"/.test(window.__vg.requestText));
  await clickUntil(page, 'voice1:insert', () => window.__vg.requestText.includes('<<<voice_1>>>'));
  const expected = { ...pier, prompt: `${fisherman}<<<voice_1>>>`, providerOptions: { klingai: { sound: 'on', voiceList: [{ voiceId: 'fisherman_voice' }] } } };
  await assertSubmit(page, expected, 'a voice, sound on, tag in the prompt');
  await page.screenshot({ path: path.join(ARTIFACTS, 'voices.png') });

  // An element now asks again; Cancel keeps the voice.
  await typeInto(page, 'element:new', '{"elementId": "net_02"}');
  await clickUntil(page, 'element:add', { shown: 'confirm:cancel' });
  await clickUntil(page, 'confirm:cancel', { gone: 'confirm:cancel' });
  await assertSubmit(page, expected, 'after Cancel');
});

// Kling 2.6 has voices (seed 001's voice section) but no elements: the voice goes in without a question.
const vendor = { model: 'klingai/kling-v2.6-t2v', prompt: 'A street vendor calls out to passers-by. The vendor', duration: 5 };
creative.check('voices: on Kling 2.6 (no elements) a voice, audio on and its tag', { start: vendor }, async ({ page }) => {
  await openTab(page, 'Direct', 'voice:new');
  await typeInto(page, 'voice:new', 'vendor_voice');
  await clickUntil(page, 'voice:add', () => window.__vg.requestText.includes('vendor_voice'));
  await clickUntil(page, 'voice:requirement', () => /"sound": "on"/.test(window.__vg.requestText));
  await clickUntil(page, 'voice1:insert', () => window.__vg.requestText.includes('<<<voice_1>>>'));
  await assertSubmit(page, { ...vendor, prompt: `${vendor.prompt}<<<voice_1>>>`,
    providerOptions: { klingai: { sound: 'on', voiceList: [{ voiceId: 'vendor_voice' }] } } }, 'a voice on Kling 2.6');
});

// ---- prompt help ----------------------------------------------------------------------------------

const fox = { model: 'klingai/kling-v2.6-t2v', prompt: 'A red fox in the snow', duration: 5, aspectRatio: '9:16' };

creative.check('prompt help: a still prompt gets the motion and 9:16 hints, in the Form and the Direct tab', { start: fox }, async ({ page }) => {
  await waitForItem(page, 'form:hint:motion');
  assert(await itemIfShown(page, 'form:hint:framing'), 'the Form shows no 9:16 framing hint');
  await page.screenshot({ path: path.join(ARTIFACTS, 'prompt-hints-form.png') });
  await openTab(page, 'Direct', 'template:subject');
  await waitForItem(page, 'direct:hint:motion');
  assert(await itemIfShown(page, 'direct:hint:framing'), 'the Direct tab shows no 9:16 framing hint');
});

creative.check('prompt help: the template filled field by field becomes the prompt; the hints go', { start: fox }, async ({ page }) => {
  const fields = {
    subject: 'red fox', setting: 'a snowy forest', action: 'leaping over a fallen log',
    'camera movement': 'slow tracking shot', mood: 'calm winter light, vertical composition',
  };
  const filled = 'A red fox in a snowy forest, leaping over a fallen log, slow tracking shot, calm winter light, vertical composition';
  await openTab(page, 'Direct', 'template:subject');
  await waitForItem(page, 'direct:hint:motion');  // shown first, so that they go is what the template did
  for (const [name, value] of Object.entries(fields)) await typeInto(page, `template:${name}`, value);
  await clickUntil(page, 'template:use', (t) => JSON.parse(window.__vg.requestText).prompt === t, filled);
  await waitForGone(page, 'direct:hint:motion');
  await waitForGone(page, 'direct:hint:framing');
  await assertSubmit(page, { ...fox, prompt: filled }, 'the template as the prompt');
  await page.screenshot({ path: path.join(ARTIFACTS, 'prompt-help.png') });
});

creative.run();
